//! Weights of the template pallet's calls.
//!
//! These numbers are placeholders of the right shape, not measurements. Benchmark the pallet on
//! your reference hardware and replace this file with the output, for example:
//!
//! ```sh
//! cargo build --release -p sp9-runtime --features runtime-benchmarks
//! frame-omni-bencher v1 benchmark pallet \
//!     --runtime target/release/wbuild/sp9-runtime/sp9_runtime.compact.compressed.wasm \
//!     --pallet pallet_template --extrinsic "*" \
//!     --output pallets/template/src/weights.rs
//! ```

use core::marker::PhantomData;
use frame::{deps::frame_support::weights::constants::RocksDbWeight, prelude::*};

/// Weight functions of the template pallet's calls.
pub trait WeightInfo {
	fn set_counter() -> Weight;
	fn increment() -> Weight;
	fn reset() -> Weight;
}

/// Weights for a runtime, priced with the runtime's own database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `TemplatePallet::Counter` (r:0 w:1), `TemplatePallet::LastChanged` (r:0 w:1)
	fn set_counter() -> Weight {
		Weight::from_parts(8_000_000, 0).saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `TemplatePallet::Counter` (r:1 w:1), `TemplatePallet::LastChanged` (r:0 w:1)
	fn increment() -> Weight {
		Weight::from_parts(10_000_000, 1_489)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `TemplatePallet::Counter` (r:0 w:1), `TemplatePallet::LastChanged` (r:0 w:1)
	fn reset() -> Weight {
		Weight::from_parts(7_000_000, 0).saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

/// The same weights priced with RocksDB's default database weights, for tests and mocks.
impl WeightInfo for () {
	fn set_counter() -> Weight {
		Weight::from_parts(8_000_000, 0).saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn increment() -> Weight {
		Weight::from_parts(10_000_000, 1_489)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn reset() -> Weight {
		Weight::from_parts(7_000_000, 0).saturating_add(RocksDbWeight::get().writes(2_u64))
	}
}
