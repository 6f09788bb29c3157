//! The base weight of a block.

pub mod constants {
	use polkadot_sdk::*;

	use frame_support::{
		parameter_types,
		weights::{constants, Weight},
	};

	parameter_types! {
		/// Time to import a block that holds no extrinsics: 5 ms.
		pub const BlockExecutionWeight: Weight =
			Weight::from_parts(constants::WEIGHT_REF_TIME_PER_NANOS.saturating_mul(5_000_000), 0);
	}

	#[cfg(test)]
	mod tests {
		use polkadot_sdk::*;

		use frame_support::weights::constants;

		/// The value lies within a plausible range. Benchmarking on your own hardware may move
		/// it outside; then update or remove this test.
		#[test]
		fn within_bounds() {
			let w = super::constants::BlockExecutionWeight::get();

			assert!(
				w.ref_time() >= 100u64 * constants::WEIGHT_REF_TIME_PER_MICROS,
				"BlockExecutionWeight should be at least 100 µs."
			);
			assert!(
				w.ref_time() <= 50u64 * constants::WEIGHT_REF_TIME_PER_MILLIS,
				"BlockExecutionWeight should be at most 50 ms."
			);
		}
	}
}
