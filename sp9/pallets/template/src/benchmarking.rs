//! Benchmarks of the template pallet's calls, compiled with the `runtime-benchmarks` feature.
//! Their results belong in `weights.rs`.

use super::*;
use frame::{deps::frame_benchmarking::v2::*, prelude::*};

#[benchmarks]
mod benchmarks {
	use super::*;
	#[cfg(test)]
	use crate::pallet::Pallet as TemplatePallet;
	use frame_system::RawOrigin;

	#[benchmark]
	fn set_counter() {
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		set_counter(RawOrigin::Signed(caller), MAX_VALUE);

		assert_eq!(Counter::<T>::get(), MAX_VALUE);
	}

	// The worst case reads the counter and writes both storage items.
	#[benchmark]
	fn increment() {
		Counter::<T>::put(MAX_VALUE - 1);
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		increment(RawOrigin::Signed(caller), 1);

		assert_eq!(Counter::<T>::get(), MAX_VALUE);
	}

	#[benchmark]
	fn reset() {
		Counter::<T>::put(MAX_VALUE);

		#[extrinsic_call]
		reset(RawOrigin::Root);

		assert_eq!(Counter::<T>::get(), 0);
		assert!(LastChanged::<T>::get().is_none());
	}

	impl_benchmark_test_suite!(TemplatePallet, crate::mock::new_test_ext(), crate::mock::Test);
}
