//! Database access weights for ParityDB.

pub mod constants {
	use polkadot_sdk::*;

	use frame_support::{
		parameter_types,
		weights::{constants, RuntimeDbWeight},
	};

	parameter_types! {
		/// ParityDB access costs. ParityDB is optional (`--database paritydb`); use these weights
		/// as `frame_system::Config::DbWeight` if your nodes run it.
		pub const ParityDbWeight: RuntimeDbWeight = RuntimeDbWeight {
			read: 8_000 * constants::WEIGHT_REF_TIME_PER_NANOS,
			write: 50_000 * constants::WEIGHT_REF_TIME_PER_NANOS,
		};
	}

	#[cfg(test)]
	mod tests {
		use polkadot_sdk::*;

		use super::constants::ParityDbWeight as W;
		use frame_support::weights::constants;

		/// Reads and writes cost between 1 µs and 1 ms. Benchmarking on your own hardware may
		/// move them outside; then update or remove this test.
		#[test]
		fn within_bounds() {
			assert!(
				W::get().reads(1).ref_time() >= constants::WEIGHT_REF_TIME_PER_MICROS,
				"A read should cost at least 1 µs."
			);
			assert!(
				W::get().writes(1).ref_time() >= constants::WEIGHT_REF_TIME_PER_MICROS,
				"A write should cost at least 1 µs."
			);
			assert!(
				W::get().reads(1).ref_time() <= constants::WEIGHT_REF_TIME_PER_MILLIS,
				"A read should cost at most 1 ms."
			);
			assert!(
				W::get().writes(1).ref_time() <= constants::WEIGHT_REF_TIME_PER_MILLIS,
				"A write should cost at most 1 ms."
			);
		}
	}
}
