//! The base weight of an extrinsic.

pub mod constants {
	use polkadot_sdk::*;

	use frame_support::{
		parameter_types,
		weights::{constants, Weight},
	};

	parameter_types! {
		/// Time to execute a no-op extrinsic (`System::remark`): 125 µs.
		pub const ExtrinsicBaseWeight: Weight =
			Weight::from_parts(constants::WEIGHT_REF_TIME_PER_NANOS.saturating_mul(125_000), 0);
	}

	#[cfg(test)]
	mod tests {
		use polkadot_sdk::*;

		use frame_support::weights::constants;

		/// The value lies within a plausible range. Benchmarking on your own hardware may move
		/// it outside; then update or remove this test.
		#[test]
		fn within_bounds() {
			let w = super::constants::ExtrinsicBaseWeight::get();

			assert!(
				w.ref_time() >= 10u64 * constants::WEIGHT_REF_TIME_PER_MICROS,
				"ExtrinsicBaseWeight should be at least 10 µs."
			);
			assert!(
				w.ref_time() <= constants::WEIGHT_REF_TIME_PER_MILLIS,
				"ExtrinsicBaseWeight should be at most 1 ms."
			);
		}
	}
}
