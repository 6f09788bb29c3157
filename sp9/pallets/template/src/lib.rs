//! # Template pallet
//!
//! An example FRAME pallet to grow your own from. It keeps one counter that any signed account
//! can set or increase, never above [`MAX_VALUE`], and that root can reset. It shows the parts
//! every pallet has:
//!
//! - a configuration trait, [`Config`], with the runtime's event type and the call weights;
//! - storage: [`Counter`] and [`LastChanged`];
//! - dispatchable calls, each with a call index and a benchmarked weight ([`weights`]);
//! - events ([`Event`]) and errors ([`Error`]);
//! - benchmarks (`benchmarking.rs`, built with the `runtime-benchmarks` feature), a mock runtime
//!   (`mock.rs`) and unit tests (`tests.rs`).
//!
//! It is written with the `frame` umbrella crate, whose preludes bring in everything a pallet
//! usually needs. Run `cargo test -p pallet-template` to test it and
//! `cargo doc -p pallet-template --open` to read its documentation.

#![cfg_attr(not(feature = "std"), no_std)]

pub use pallet::*;

#[cfg(test)]
mod mock;

#[cfg(test)]
mod tests;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;

pub mod weights;

#[frame::pallet]
pub mod pallet {
	use crate::weights::WeightInfo;
	use frame::prelude::*;

	/// The largest value the counter may hold.
	pub const MAX_VALUE: u32 = 1_000_000;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// What the pallet needs from the runtime.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The runtime's event type, which this pallet's events convert into.
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// Weights of this pallet's calls: `weights::SubstrateWeight<Runtime>` in a runtime,
		/// `()` in tests.
		type WeightInfo: WeightInfo;
	}

	/// The counter. Reads as zero until it is first set.
	#[pallet::storage]
	pub type Counter<T> = StorageValue<_, u32, ValueQuery>;

	/// The block in which the counter last changed; `None` until it first does.
	#[pallet::storage]
	pub type LastChanged<T: Config> = StorageValue<_, BlockNumberFor<T>, OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An account set the counter.
		CounterSet { who: T::AccountId, value: u32 },
		/// An account increased the counter by `by`, to `value`.
		CounterIncreased { who: T::AccountId, by: u32, value: u32 },
		/// Root reset the counter to zero.
		CounterReset,
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The counter would go above [`MAX_VALUE`].
		ValueTooLarge,
		/// The counter would overflow a `u32`.
		Overflow,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Sets the counter to `value`, at most [`MAX_VALUE`]. Any signed account may call it.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_counter())]
		pub fn set_counter(origin: OriginFor<T>, value: u32) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(value <= MAX_VALUE, Error::<T>::ValueTooLarge);
			Self::store(value);
			Self::deposit_event(Event::CounterSet { who, value });
			Ok(())
		}

		/// Increases the counter by `by`, failing rather than going above [`MAX_VALUE`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::increment())]
		pub fn increment(origin: OriginFor<T>, by: u32) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let value = Counter::<T>::get().checked_add(by).ok_or(Error::<T>::Overflow)?;
			ensure!(value <= MAX_VALUE, Error::<T>::ValueTooLarge);
			Self::store(value);
			Self::deposit_event(Event::CounterIncreased { who, by, value });
			Ok(())
		}

		/// Resets the counter to zero and forgets when it last changed. Root only.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::reset())]
		pub fn reset(origin: OriginFor<T>) -> DispatchResult {
			ensure_root(origin)?;
			Counter::<T>::kill();
			LastChanged::<T>::kill();
			Self::deposit_event(Event::CounterReset);
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Writes a new counter value and the current block number.
		fn store(value: u32) {
			Counter::<T>::put(value);
			LastChanged::<T>::put(frame_system::Pallet::<T>::block_number());
		}
	}
}
