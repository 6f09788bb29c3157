// The files SPEC §4 says a default project (node, template pallet, TOML network) contains, and
// the Cargo.lock of issue 15 §2.

export const SPEC_FILES = [
  'Cargo.toml',
  'Cargo.lock',
  'rust-toolchain.toml',
  'rustfmt.toml',
  '.config/taplo.toml',
  '.gitignore',
  'README.md',
  'async-parachain.json',
  '.github/workflows/ci.yml',
  'Dockerfile',
  'runtime/Cargo.toml',
  'runtime/build.rs',
  'runtime/src/lib.rs',
  'runtime/src/apis.rs',
  'runtime/src/configs/mod.rs',
  'runtime/src/configs/xcm_config.rs',
  'runtime/src/genesis_config_presets.rs',
  'runtime/src/benchmarks.rs',
  'runtime/src/weights/mod.rs',
  'runtime/src/weights/block_weights.rs',
  'runtime/src/weights/extrinsic_weights.rs',
  'runtime/src/weights/paritydb_weights.rs',
  'runtime/src/weights/rocksdb_weights.rs',
  'node/Cargo.toml',
  'node/build.rs',
  'node/src/main.rs',
  'node/src/cli.rs',
  'node/src/command.rs',
  'node/src/chain_spec.rs',
  'node/src/rpc.rs',
  'node/src/service.rs',
  'pallets/template/Cargo.toml',
  'pallets/template/src/lib.rs',
  'pallets/template/src/benchmarking.rs',
  'pallets/template/src/mock.rs',
  'pallets/template/src/tests.rs',
  'pallets/template/src/weights.rs',
  'zombienet/zombienet.toml',
  'zombienet/smoke.zndsl',
];

/** The `.rs` files of a default project under a folder, e.g. `runtime/`. */
export function rustFilesUnder(folder: string): string[] {
  return SPEC_FILES.filter((f) => f.startsWith(folder) && f.endsWith('.rs'));
}
