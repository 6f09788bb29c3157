//! Database access weights for RocksDB.

pub mod constants {
	use polkadot_sdk::*;

	use frame_support::{
		parameter_types,
		weights::{constants, RuntimeDbWeight},
	};

	parameter_types! {
		/// RocksDB access costs. RocksDB is the default database, so these are the weights the
		/// runtime uses (`frame_system::Config::DbWeight`).
		pub const RocksDbWeight: RuntimeDbWeight = RuntimeDbWeight {
			read: 25_000 * constants::WEIGHT_REF_TIME_PER_NANOS,
			write: 100_000 * constants::WEIGHT_REF_TIME_PER_NANOS,
		};
	}

	#[cfg(test)]
	mod tests {
		use polkadot_sdk::*;

		use super::constants::RocksDbWeight as W;
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
