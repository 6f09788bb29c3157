// The polkadot-sdk releases a chain may pin, as data: how to recognise each one from its crates,
// and what it offers that the guide's steps depend on. `check` judges a chain by the release it
// pins (src/analysis/release.ts reads it from Cargo.toml and Cargo.lock); the generation profiles
// (stable*.ts) are a separate, richer description of the releases a new project can be made on.
//
// Facts, and where each was read:
// - Crate versions per release: the Cargo.lock of each reference tree (corpus/profiles.tsv:
//   polkadot-v1.3.0, v1.7.0, v1.9.0, v1.11.0, v1.13.0, v1.14.0, stable2407 … stable2512); the
//   crates.io index for the others: cumulus-pallet-parachain-system 0.(N+1) requires
//   frame-support (22+N) and cumulus-primitives-core 0.(N+1), the core that
//   cumulus-client-consensus-aura 0.(N+1) requires with polkadot-node-primitives (N+1).0.0, whose
//   `NODE_VERSION` is "1.N.0" (from 4.0.0 = "1.3.0" on; 1.0.0–3.0.0 have no NODE_VERSION and
//   follow in publication order). stableYYMM releases ship node versions 1.15.0 (stable2407),
//   1.16.0 (stable2409), 1.17.0 (stable2412), 1.18.0 (stable2503), 1.19.0 (stable2506), 1.20.0
//   (stable2509), 1.21.0 (stable2512), so polkadot-v1.15.0 and v1.16.0 are stable2407 and
//   stable2409. pallet-aura (21+N) requires frame-support (22+N).
// - The `polkadot-sdk` umbrella crate: its crates.io index entries (0.2.0 requires
//   cumulus-pallet-parachain-system ^0.14 … 2512.x ^0.25).
// - Capabilities: the published sources of pallet-aura 21.0.0–32.0.0 (`SlotDuration`),
//   cumulus-pallet-parachain-system 0.1.0–0.25.0 (`ConsensusHook`, `SelectCore`,
//   `RelayParentOffset`), cumulus-pallet-aura-ext 0.1.0–0.3.0 (`FixedVelocityConsensusHook`),
//   cumulus-client-consensus-aura 0.1.0–0.28.0 (`collators::lookahead::Params` fields, the type
//   parameters of `collators::lookahead::run`, `collators::slot_based`).

/** What a release offers that judging (and fixing) the guide's steps depends on. */
export interface ReleaseCapabilities {
  /**
   * `cumulus_pallet_parachain_system::Config::ConsensusHook` and
   * `cumulus_pallet_aura_ext::FixedVelocityConsensusHook` exist (from polkadot-v1.1.0).
   */
  consensusHook: boolean;
  /**
   * `pallet_aura::Config::SlotDuration`: `absent` (polkadot-v1.0.0), `experimental` (only under
   * pallet-aura's own `experimental` feature: polkadot-v1.1.0–v1.9.0, where the guide's
   * `#[cfg(feature = "experimental")]` on it is right), `required` (from polkadot-v1.10.0).
   */
  auraSlotDuration: 'absent' | 'experimental' | 'required';
  /** The fields of `collators::lookahead::Params`. */
  lookaheadParams: readonly string[];
  /** The number of type parameters of `collators::lookahead::run` (`aura::run::<Block, P, _, ..>`). */
  lookaheadRunTypeParams: number;
  /** `collators::slot_based` exists (elastic scaling's collator). */
  slotBasedCollator: boolean;
  /** parachain-system's `SelectCore` item exists (and is required). */
  selectCore: boolean;
  /** parachain-system's `RelayParentOffset` item exists (and is required). */
  relayParentOffset: boolean;
  /**
   * Elastic scaling as the SDK's guide describes it (stable2509 on): the slot-based collator
   * picks each block's core from the claim queue at the runtime's relay parent offset
   * (cumulus-client-consensus-aura 0.26.2, 0.28.0). See src/profiles/elastic-scaling.ts.
   */
  elasticScaling: boolean;
  /**
   * parachain-system sends the core commitments (UMP signals) elastic scaling needs only with its
   * `experimental-ump-signals` feature (cumulus-pallet-parachain-system 0.23.2 has the feature;
   * 0.25.0 sends them always and has none).
   */
  umpSignalsFeature: boolean;
}

export interface SdkReleaseInfo {
  /** The release's name as its git tags spell it (`polkadot-v1.3.0`, `polkadot-stable2409`). */
  id: string;
  /** Other release names that are this release (polkadot-v1.15.0 is stable2407). */
  aliases: readonly string[];
  /**
   * Versions of crates every parachain depends on, as compatible-version keys (the major
   * version, or `0.minor` below 1.0): any version with the key is this release's.
   */
  crates: {
    'frame-support': readonly string[];
    'cumulus-pallet-parachain-system': readonly string[];
    'pallet-aura': readonly string[];
    'cumulus-client-consensus-aura': readonly string[];
    /** The `polkadot-sdk` umbrella crate, from polkadot-v1.13.0 on. */
    'polkadot-sdk'?: readonly string[];
  };
  caps: ReleaseCapabilities;
}

const LOOKAHEAD_V1_0 = ['create_inherent_data_providers', 'block_import', 'para_client', 'para_backend', 'relay_client', 'sync_oracle', 'keystore', 'key', 'para_id', 'overseer_handle', 'slot_duration', 'relay_chain_slot_duration', 'proposer', 'collator_service', 'authoring_duration'] as const;
const LOOKAHEAD_V1_1 = ['create_inherent_data_providers', 'block_import', 'para_client', 'para_backend', 'relay_client', 'code_hash_provider', 'sync_oracle', 'keystore', 'collator_key', 'para_id', 'overseer_handle', 'slot_duration', 'relay_chain_slot_duration', 'proposer', 'collator_service', 'authoring_duration'] as const;
/** polkadot-v1.7.0 adds `reinitialize`. */
const LOOKAHEAD_V1_7 = [...LOOKAHEAD_V1_1, 'reinitialize'] as const;
/** polkadot-v1.8.0 drops `slot_duration`. */
const LOOKAHEAD_V1_8 = LOOKAHEAD_V1_7.filter((f) => f !== 'slot_duration');
/** stable2407 drops `sync_oracle`. */
const LOOKAHEAD_2407 = LOOKAHEAD_V1_8.filter((f) => f !== 'sync_oracle');
/** stable2503 adds `max_pov_percentage`. */
const LOOKAHEAD_2503 = [...LOOKAHEAD_2407, 'max_pov_percentage'] as const;
/** stable2512 adds `collator_peer_id`. */
const LOOKAHEAD_2512 = [...LOOKAHEAD_2503, 'collator_peer_id'] as const;

const caps = (c: Partial<ReleaseCapabilities> & Pick<ReleaseCapabilities, 'lookaheadParams'>): ReleaseCapabilities => ({
  consensusHook: true,
  auraSlotDuration: 'required',
  lookaheadRunTypeParams: 10,
  slotBasedCollator: true,
  selectCore: false,
  relayParentOffset: false,
  elasticScaling: false,
  umpSignalsFeature: false,
  ...c,
});

/** polkadot-v1.N.0 for N = 0 … 14, where each crate's version follows N. */
function v1(n: number): SdkReleaseInfo {
  const auraSlotDuration = n === 0 ? 'absent' : n <= 9 ? 'experimental' : 'required';
  const lookaheadParams = n === 0 ? LOOKAHEAD_V1_0 : n < 7 ? LOOKAHEAD_V1_1 : n === 7 ? LOOKAHEAD_V1_7 : LOOKAHEAD_V1_8;
  const umbrella = n === 13 ? ['0.2'] : n === 14 ? ['0.3'] : undefined;
  return {
    id: `polkadot-v1.${n}.0`,
    aliases: [],
    crates: {
      'frame-support': [String(22 + n)],
      'cumulus-pallet-parachain-system': [`0.${n + 1}`],
      'pallet-aura': [String(21 + n)],
      'cumulus-client-consensus-aura': [`0.${n + 1}`],
      ...(umbrella ? { 'polkadot-sdk': umbrella } : {}),
    },
    caps: caps({
      consensusHook: n >= 1,
      auraSlotDuration,
      lookaheadParams,
      lookaheadRunTypeParams: n === 0 ? 10 : 11,
      slotBasedCollator: false,
    }),
  };
}

/** Every release `check` recognises, oldest first. */
export const SDK_RELEASE_CATALOGUE: readonly SdkReleaseInfo[] = [
  ...Array.from({ length: 15 }, (_, n) => v1(n)),
  {
    id: 'polkadot-stable2407',
    aliases: ['polkadot-v1.15.0'],
    crates: { 'frame-support': ['37'], 'cumulus-pallet-parachain-system': ['0.16'], 'pallet-aura': ['36'], 'cumulus-client-consensus-aura': ['0.17'], 'polkadot-sdk': ['0.5'] },
    caps: caps({ lookaheadParams: LOOKAHEAD_2407 }),
  },
  {
    id: 'polkadot-stable2409',
    aliases: ['polkadot-v1.16.0'],
    crates: { 'frame-support': ['38'], 'cumulus-pallet-parachain-system': ['0.17'], 'pallet-aura': ['37'], 'cumulus-client-consensus-aura': ['0.18'], 'polkadot-sdk': ['0.7', '0.9'] },
    caps: caps({ lookaheadParams: LOOKAHEAD_2407 }),
  },
  {
    id: 'polkadot-stable2412',
    aliases: ['polkadot-v1.17.0'],
    crates: { 'frame-support': ['39'], 'cumulus-pallet-parachain-system': ['0.18'], 'pallet-aura': ['38'], 'cumulus-client-consensus-aura': ['0.20', '0.21'], 'polkadot-sdk': ['0.10', '0.11', '0.12'] },
    caps: caps({ lookaheadParams: LOOKAHEAD_2407, selectCore: true }),
  },
  {
    id: 'polkadot-stable2503',
    aliases: ['polkadot-v1.18.0'],
    crates: { 'frame-support': ['40'], 'cumulus-pallet-parachain-system': ['0.20'], 'pallet-aura': ['39'], 'cumulus-client-consensus-aura': ['0.22', '0.23'], 'polkadot-sdk': ['2503'] },
    caps: caps({ lookaheadParams: LOOKAHEAD_2503, selectCore: true }),
  },
  {
    id: 'polkadot-stable2506',
    aliases: ['polkadot-v1.19.0'],
    crates: { 'frame-support': ['41'], 'cumulus-pallet-parachain-system': ['0.21'], 'pallet-aura': ['40'], 'cumulus-client-consensus-aura': ['0.24'], 'polkadot-sdk': ['2506'] },
    caps: caps({ lookaheadParams: LOOKAHEAD_2503, selectCore: true, relayParentOffset: true }),
  },
  {
    id: 'polkadot-stable2509',
    aliases: ['polkadot-v1.20.0'],
    crates: { 'frame-support': ['43'], 'cumulus-pallet-parachain-system': ['0.23'], 'pallet-aura': ['42'], 'cumulus-client-consensus-aura': ['0.26'], 'polkadot-sdk': ['2509'] },
    caps: caps({ lookaheadParams: LOOKAHEAD_2503, relayParentOffset: true, elasticScaling: true, umpSignalsFeature: true }),
  },
  {
    id: 'polkadot-stable2512',
    aliases: ['polkadot-v1.21.0'],
    crates: { 'frame-support': ['45'], 'cumulus-pallet-parachain-system': ['0.25'], 'pallet-aura': ['44'], 'cumulus-client-consensus-aura': ['0.28'], 'polkadot-sdk': ['2512'] },
    caps: caps({ lookaheadParams: LOOKAHEAD_2512, relayParentOffset: true, elasticScaling: true }),
  },
];

/** The compatible-version key of a version: `38.2.0` → `38`, `0.17.1` → `0.17`. */
export function compatKey(version: string): string | null {
  const m = /^(\d+)\.(\d+)/.exec(version.trim().replace(/^[=^~]\s*/, ''));
  if (!m) return null;
  return m[1] === '0' ? `0.${Number(m[2])}` : String(Number(m[1]));
}

/**
 * The release a git ref names: `polkadot-v1.3.0`, `release-polkadot-v1.3.0`,
 * `polkadot-stable2409`, `polkadot-stable2409-1`, `stable2409`, `release-crates-io-v1.7.0`.
 */
export function releaseOfRef(ref: string): SdkReleaseInfo | undefined {
  const v = /(?:^|[^\d.])v(1\.\d+)(?:\.\d+)?(?:$|[^\d])/.exec(ref);
  if (v) {
    const name = `polkadot-v${v[1]}.0`;
    return SDK_RELEASE_CATALOGUE.find((r) => r.id === name || r.aliases.includes(name));
  }
  const s = /stable(\d{4})/.exec(ref);
  if (s) return SDK_RELEASE_CATALOGUE.find((r) => r.id === `polkadot-stable${s[1]}`);
  return undefined;
}
