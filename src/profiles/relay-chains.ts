// What the relay chains a zombienet user names start with, per polkadot-sdk release: the async
// backing parameters and scheduler lookahead of their built-in genesis, and whether the released
// `polkadot` binary can build them at all. `check` judges the relay prerequisite by it; the
// generated projects choose their relay chain and README steps by it.
//
// Every fact was read in the crates each release published on crates.io (the release's Cargo.lock
// names the versions) or in the repository that builds the chain spec; each entry names its source.

export const RELAY_CHAIN_SPECS = ['rococo-local', 'westend-local', 'kusama-local', 'polkadot-local', 'paseo-local'] as const;
export type RelayChainSpec = (typeof RELAY_CHAIN_SPECS)[number];

/** polkadot-sdk releases, oldest first (patch releases share their release's facts). */
export const SDK_RELEASE_ORDER = [
  ...Array.from({ length: 15 }, (_, minor) => `polkadot-v1.${minor}.0`),
  'stable2407',
  'stable2409',
  'stable2412',
  'stable2503',
  'stable2506',
  'stable2507',
  'stable2509',
  'stable2512',
] as const;

/** The relay's host configuration where a chain spec starts it. */
export interface RelayHostDefaults {
  maxCandidateDepth: number;
  allowedAncestryLen: number;
  lookahead: number;
  /** Where this release's `HostConfiguration` keeps the lookahead. */
  lookaheadField: 'scheduling_lookahead' | 'scheduler_params.lookahead';
  /**
   * Where `build-spec` writes the genesis, so where a zombienet `genesis` patch must go:
   * `runtime` (polkadot-service 1.0.0–4.0.0 `ChainSpec::from_genesis`) or `runtimeGenesis.patch`
   * (5.0.0 on, `ChainSpec::builder(..).with_genesis_config_patch`/presets).
   */
  genesisPath: 'runtime' | 'runtimeGenesis.patch';
  /**
   * Whether the relay's validators read `async_backing_params`. From stable2503 on they derive
   * the allowed ancestry from the lookahead (scheduling lookahead − 1) and the chain length from
   * the claim queue, and the presets set both params to 0.
   */
  asyncBackingParamsRead: boolean;
  /** Crate, version and file the values were read in. */
  source: string;
}

export type RelayGenesis =
  | { builtIn: true; defaults: RelayHostDefaults }
  /** The release's `polkadot` cannot build this chain spec: `build-spec --chain` fails. */
  | { builtIn: false; reason: string };

interface Era {
  from: string;
  to: string;
  chains: Partial<Record<RelayChainSpec, RelayGenesis>>;
}

/** The same built-in genesis for several chains. */
function builtIn(chains: RelayChainSpec[], defaults: Omit<RelayHostDefaults, 'source'>, source: (chain: RelayChainSpec) => string): Era['chains'] {
  return Object.fromEntries(chains.map((c) => [c, { builtIn: true, defaults: { ...defaults, source: source(c) } }]));
}

/** Not in any `polkadot` binary: polkadot-cli's `load_spec` knows `paseo` (the live network) only. */
const PASEO_LOCAL: RelayGenesis = {
  builtIn: false,
  reason:
    "the polkadot binary has no paseo-local chain spec (polkadot-cli knows only `paseo`, the live network, from polkadot-v1.7.0 on): it comes from paseo-network/runtimes' chain-spec-generator or a chain spec file",
};
const FELLOWSHIP: RelayGenesis = {
  builtIn: false,
  reason:
    'the kusama and polkadot runtimes left polkadot-sdk for polkadot-fellows/runtimes in polkadot-v1.2.0 (polkadot-cli 3.0.0 has no kusama-local or polkadot-local): the chain spec comes from their chain-spec-generator',
};

// Host configuration defaults: polkadot-runtime-parachains `HostConfiguration::default()` sets
// async_backing_params {0, 0} in every release (1.0.0 … 24.0.0); the lookahead default is
// `Default::default()` (0) in 1.0.0, then 1 (`scheduling_lookahead: 1` in 2.0.0–9.0.0,
// polkadot-primitives `SchedulerParams::default()` `lookahead: 1` from 10.0.0 on).
const ALL_BUILT_IN: RelayChainSpec[] = ['rococo-local', 'westend-local', 'kusama-local', 'polkadot-local'];
const SDK_TESTNETS: RelayChainSpec[] = ['rococo-local', 'westend-local'];
const ERAS: Era[] = [
  {
    // polkadot-service 1.0.0 chain_spec.rs: every local spec takes `default_parachains_host_configuration()`,
    // which sets neither field (`..Default::default()`).
    from: 'polkadot-v1.0.0',
    to: 'polkadot-v1.0.0',
    chains: builtIn(ALL_BUILT_IN, { maxCandidateDepth: 0, allowedAncestryLen: 0, lookahead: 0, lookaheadField: 'scheduling_lookahead', genesisPath: 'runtime', asyncBackingParamsRead: true }, () => 'polkadot-service 1.0.0 src/chain_spec.rs; polkadot-runtime-parachains 1.0.0 HostConfiguration::default()'),
  },
  {
    // polkadot-service 2.0.0: the same, kusama-local and polkadot-local still built (the `polkadot`
    // crate 2.0.0 turns on polkadot-cli's kusama-native and polkadot-native).
    from: 'polkadot-v1.1.0',
    to: 'polkadot-v1.1.0',
    chains: builtIn(ALL_BUILT_IN, { maxCandidateDepth: 0, allowedAncestryLen: 0, lookahead: 1, lookaheadField: 'scheduling_lookahead', genesisPath: 'runtime', asyncBackingParamsRead: true }, () => 'polkadot-service 2.0.0 src/chain_spec.rs; polkadot-runtime-parachains 2.0.0 HostConfiguration::default()'),
  },
  {
    // polkadot-service 3.0.0–4.0.0: no async backing fields.
    from: 'polkadot-v1.2.0',
    to: 'polkadot-v1.3.0',
    chains: builtIn(SDK_TESTNETS, { maxCandidateDepth: 0, allowedAncestryLen: 0, lookahead: 1, lookaheadField: 'scheduling_lookahead', genesisPath: 'runtime', asyncBackingParamsRead: true }, () => 'polkadot-service 3.0.0–4.0.0 src/chain_spec.rs; polkadot-runtime-parachains 3.0.0–4.0.0 HostConfiguration::default()'),
  },
  {
    // polkadot-service 5.0.0–8.0.0: the same values, the genesis now a patch.
    from: 'polkadot-v1.4.0',
    to: 'polkadot-v1.7.0',
    chains: builtIn(SDK_TESTNETS, { maxCandidateDepth: 0, allowedAncestryLen: 0, lookahead: 1, lookaheadField: 'scheduling_lookahead', genesisPath: 'runtimeGenesis.patch', asyncBackingParamsRead: true }, () => 'polkadot-service 5.0.0–8.0.0 src/chain_spec.rs; polkadot-runtime-parachains 5.0.0–8.0.1 HostConfiguration::default()'),
  },
  {
    // polkadot-service 9.0.0 default_parachains_host_configuration: {3, 2}, top-level scheduling_lookahead 2.
    from: 'polkadot-v1.8.0',
    to: 'polkadot-v1.8.0',
    chains: builtIn(SDK_TESTNETS, { maxCandidateDepth: 3, allowedAncestryLen: 2, lookahead: 2, lookaheadField: 'scheduling_lookahead', genesisPath: 'runtimeGenesis.patch', asyncBackingParamsRead: true }, () => 'polkadot-service 9.0.0 src/chain_spec.rs default_parachains_host_configuration'),
  },
  {
    // {3, 2}, scheduler_params.lookahead 2: polkadot-service 10.0.0–11.0.0 for both, then
    // rococo-runtime 12.0.0–21.1.0 genesis_config_presets.rs (`local_testnet`, from polkadot-v1.11.0),
    // polkadot-service 12.0.0–17.0.0 and westend-runtime 18.0.1–21.1.0 presets (from stable2409).
    from: 'polkadot-v1.9.0',
    to: 'stable2412',
    chains: builtIn(SDK_TESTNETS, { maxCandidateDepth: 3, allowedAncestryLen: 2, lookahead: 2, lookaheadField: 'scheduler_params.lookahead', genesisPath: 'runtimeGenesis.patch', asyncBackingParamsRead: true }, (c) =>
      c === 'rococo-local'
        ? 'polkadot-service 10.0.0–11.0.0 src/chain_spec.rs; rococo-runtime 12.0.0–21.1.0 src/genesis_config_presets.rs (local_testnet)'
        : 'polkadot-service 10.0.0–17.0.0 src/chain_spec.rs; westend-runtime 18.0.1–21.1.0 src/genesis_config_presets.rs (local_testnet)',
    ),
  },
  {
    // rococo-runtime 22.1.0–29.0.0 and westend-runtime 22.1.0–30.0.0 presets: {0, 0},
    // scheduler_params.lookahead 3; polkadot-node-core-prospective-parachains 21.0.0–27.0.0 take the
    // allowed ancestry from `fetch_scheduling_lookahead` (− 1) and no longer read the params.
    from: 'stable2503',
    to: 'stable2512',
    chains: builtIn(SDK_TESTNETS, { maxCandidateDepth: 0, allowedAncestryLen: 0, lookahead: 3, lookaheadField: 'scheduler_params.lookahead', genesisPath: 'runtimeGenesis.patch', asyncBackingParamsRead: false }, (c) =>
      `${c === 'rococo-local' ? 'rococo-runtime 22.1.0–29.0.0' : 'westend-runtime 22.1.0–30.0.0'} src/genesis_config_presets.rs (local_testnet); polkadot-node-core-prospective-parachains 21.0.0–27.0.0`,
    ),
  },
];

function releaseIndex(release: string): number {
  return (SDK_RELEASE_ORDER as readonly string[]).indexOf(release);
}

/**
 * What the `polkadot` binary of a release starts `chain` with (`zombienet` runs its
 * `build-spec --chain <chain>`), or undefined for a release these facts do not cover.
 */
export function relayGenesis(chain: RelayChainSpec, release: string): RelayGenesis | undefined {
  const at = releaseIndex(release);
  if (at < 0) return undefined;
  if (chain === 'paseo-local') return PASEO_LOCAL;
  for (const era of ERAS) {
    if (at < releaseIndex(era.from) || at > releaseIndex(era.to)) continue;
    return era.chains[chain] ?? (chain === 'kusama-local' || chain === 'polkadot-local' ? FELLOWSHIP : undefined);
  }
  return undefined;
}

/** The relay chains the `polkadot` binary of `release` can start, e.g. for a generated network. */
export function builtInRelayChains(release: string): RelayChainSpec[] {
  return RELAY_CHAIN_SPECS.filter((c) => relayGenesis(c, release)?.builtIn === true);
}

/** Whether the release's relay validators read `async_backing_params` (undefined: release unknown). */
export function readsAsyncBackingParams(release: string): boolean | undefined {
  const g = relayGenesis('rococo-local', release) ?? relayGenesis('westend-local', release);
  return g?.builtIn ? g.defaults.asyncBackingParamsRead : undefined;
}

/**
 * Chain-spec generators outside polkadot-sdk, by their own version: what their `local_testnet`
 * preset sets. Their version is rarely written in a network config, so `check` uses these to
 * explain an `unknown`.
 */
export const GENERATOR_PRESETS: readonly { chains: RelayChainSpec[]; repository: string; versions: string; maxCandidateDepth: number; allowedAncestryLen: number; lookahead: number; source: string }[] = [
  // chain-spec-generator/src/relay_chain_specs.rs at v1.2.0: `..Default::default()` for both.
  { chains: ['kusama-local', 'polkadot-local'], repository: 'polkadot-fellows/runtimes', versions: 'v1.2.x', maxCandidateDepth: 0, allowedAncestryLen: 0, lookahead: 1, source: 'chain-spec-generator/src/relay_chain_specs.rs' },
  // relay/{kusama,polkadot}/src/genesis_config_presets.rs from v1.3.0 to v2.3.2: {2, 2}, the
  // scheduler params left at their default (lookahead 1).
  { chains: ['kusama-local', 'polkadot-local'], repository: 'polkadot-fellows/runtimes', versions: 'v1.3.0–v2.3.2', maxCandidateDepth: 2, allowedAncestryLen: 2, lookahead: 1, source: 'relay/{kusama,polkadot}/src/genesis_config_presets.rs' },
  // relay/paseo/src/genesis_config_presets.rs: lookahead left at 1 until v1.4.3 ("Update the
  // scheduling lookahead to be 3 to match Polkadot", 2025-04-30), 3 since.
  { chains: ['paseo-local'], repository: 'paseo-network/runtimes', versions: 'v1.3.x–v1.4.2', maxCandidateDepth: 3, allowedAncestryLen: 2, lookahead: 1, source: 'relay/paseo/src/genesis_config_presets.rs' },
  { chains: ['paseo-local'], repository: 'paseo-network/runtimes', versions: 'v1.4.3–v2.4.4', maxCandidateDepth: 3, allowedAncestryLen: 2, lookahead: 3, source: 'relay/paseo/src/genesis_config_presets.rs' },
];

// --- Naming a release -------------------------------------------------------------------------

/** `polkadot --version` 1.15 … 1.21 is a stable release (polkadot-node-primitives NODE_VERSION). */
const NODE_VERSION_RELEASE: Record<number, string> = { 15: 'stable2407', 16: 'stable2409', 17: 'stable2412', 18: 'stable2503', 19: 'stable2506', 20: 'stable2509', 21: 'stable2512' };

/**
 * The release a binary path, image tag, git branch or tag names: `stable2412`, `polkadot-stable2412-3`,
 * `release-polkadot-v1.3.0`, `polkadot-v1.7.2`, `parity/polkadot:v1.15.2`, `bin-v1.6.0/polkadot`.
 */
export function releaseNamedIn(text: string): string | undefined {
  const stable = /(?:^|[^a-z0-9])(?:polkadot-)?stable(\d{4})(?:-\d+)?(?![0-9])/i.exec(text);
  if (stable) return `stable${stable[1]}`;
  const v1 = /(?:^|[^a-z0-9.])v?1\.(\d{1,2})\.\d+(?![0-9.])/i.exec(text);
  if (v1) {
    const minor = Number(v1[1]);
    return minor <= 14 ? `polkadot-v1.${minor}.0` : NODE_VERSION_RELEASE[minor];
  }
  return undefined;
}

/**
 * The release a crates.io version of polkadot-runtime-parachains belongs to: its major version
 * (base-parachain Cargo.locks at polkadot-v1.7.0 … stable2512, the polkadot-sdk umbrella crate
 * 0.2.0 … 2512.x; majors 1–7, 9, 11, 13 by the one-major-per-release numbering they show).
 */
export function releaseOfParachainsCrate(version: string): string | undefined {
  const major = Number(/^(\d+)\./.exec(version)?.[1]);
  if (!Number.isInteger(major) || major < 1) return undefined;
  if (major <= 15) return `polkadot-v1.${major - 1}.0`;
  return ({ 16: 'stable2407', 17: 'stable2409', 18: 'stable2412', 19: 'stable2503', 20: 'stable2506', 21: 'stable2507', 22: 'stable2509', 23: 'stable2507', 24: 'stable2512' } as Record<number, string>)[major];
}
