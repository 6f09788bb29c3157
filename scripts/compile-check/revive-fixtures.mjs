// pallet-revive-fixtures: a node built with `runtime-benchmarks` reaches pallet-revive through
// polkadot-sdk's `node` feature (asset-test-utils → assets-common → pallet-revive), and
// pallet-revive's benchmarks take its fixtures, whose build script compiles PolkaVM contracts
// for a JSON target spec. rustc rejects JSON target specs from 1.95 on unless unstable options
// are given (rust-lang/rust#150151): "`.json` target specs require -Zjson-target-spec". The
// projects' pinned toolchains predate that; where this machine compiles with a newer one
// instead, the crate's own switch skips the fixtures, as SKIP_WASM_BUILD skips the wasm runtime.

export const REVIVE_FIXTURES_SKIP = 'SKIP_PALLET_REVIVE_FIXTURES';

export const REVIVE_FIXTURES_NOTE =
  '`SKIP_PALLET_REVIVE_FIXTURES=1` where the pinned toolchain is not installed: pallet-revive-fixtures (which the node\'s `runtime-benchmarks` reach through polkadot-sdk\'s `node` feature) compiles PolkaVM contracts for a JSON target spec, which rustc 1.95 and newer reject (rust-lang/rust#150151); the pinned toolchains predate that, and whether the fixtures build with them is not checked here.';

/** Whether this `rustc --version` rejects JSON target specs without unstable options (1.95 and newer). */
export function rejectsJsonTargetSpecs(rustcVersion) {
  const minor = /^rustc 1\.(\d+)\./.exec(rustcVersion ?? '')?.[1];
  return minor !== undefined && Number(minor) >= 95;
}
