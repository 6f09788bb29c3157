//! Exposes the git commit and build metadata to `SubstrateCli::impl_version`.

use polkadot_sdk::substrate_build_script_utils::{generate_cargo_keys, rerun_if_git_head_changed};

fn main() {
	// Sets `SUBSTRATE_CLI_IMPL_VERSION` for `env!` in `command.rs`.
	generate_cargo_keys();
	// Rebuild when the checked-out commit changes, so the version string stays right.
	rerun_if_git_head_changed();
}
