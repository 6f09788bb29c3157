// Builds the runtime's WASM blob with `substrate-wasm-builder`. Native (`std`) builds embed it
// (see `include!` in `src/lib.rs`); a `no_std` build is the WASM build itself and skips this.

// async-parachain:begin chain/metadata-hash
// The `metadata-hash` feature records the metadata hash the `CheckMetadataHash` transaction
// extension checks; offline signers show amounts with this token symbol and decimals.
#[cfg(all(feature = "std", feature = "metadata-hash"))]
fn main() {
	// Named, so the call's layout does not depend on the symbol's length.
	const TOKEN_SYMBOL: &str = "UNIT";
	const TOKEN_DECIMALS: u8 = 12;
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash(TOKEN_SYMBOL, TOKEN_DECIMALS)
		.build();
}
// async-parachain:end chain/metadata-hash

#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
fn main() {
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}

#[cfg(not(feature = "std"))]
fn main() {}
