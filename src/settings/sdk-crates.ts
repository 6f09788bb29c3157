// Project names whose crates (`<name>-runtime`, `<name>-node`) would shadow crates of polkadot-sdk.
//
// Derived, not guessed (issue 15 §3):
// - SDK_CRATE_PREFIXES: every first dash-separated word shared by three or more crates that the
//   `polkadot-sdk` umbrella crate depends on (its Cargo.toml at 0.12.2 = stable2412, 2503.0.1,
//   2506.0.0, 2509.0.0 and 2512.0.0). A project named after one puts its crates among the SDK's.
// - DEPENDENCY_CRATES: every crate named `*-runtime` or `*-node` in the Cargo.lock of the
//   reference projects of those releases (paritytech/polkadot-sdk-parachain-template, r0gue-io/
//   base-parachain); a project whose crate has one of these names collides with a crate of its own
//   dependency graph.

export const SDK_CRATE_PREFIXES: readonly string[] = [
  'bp',
  'bridge',
  'cumulus',
  'frame',
  'pallet',
  'polkadot',
  'sc',
  'snowbridge',
  'sp',
  'staging',
  'substrate',
  'xcm',
];

export const DEPENDENCY_CRATES: readonly string[] = [
  'bp-runtime',
  'cumulus-relay-chain-minimal-node',
  'frame-storage-access-test-runtime',
  'frame-try-runtime',
  'rococo-runtime',
  'sp-runtime',
  'wasmtime-runtime',
  'westend-runtime',
];

/** Why `name` may not be a project name, or undefined when it may. */
export function shadowedCrates(name: string): string | undefined {
  const crates = [`${name}-runtime`, `${name}-node`];
  const taken = crates.find((crate) => DEPENDENCY_CRATES.includes(crate));
  if (taken) return `a name that gives no crate the name of one the project depends on (${taken} is in polkadot-sdk's dependency graph)`;
  if (SDK_CRATE_PREFIXES.includes(name)) {
    return `a name that is not a polkadot-sdk crate prefix (${crates.join(' and ')} would sit among the SDK's own ${name}-* crates)`;
  }
  return undefined;
}
