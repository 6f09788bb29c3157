// The one settings schema. Prompts, flags, `--config`, the manifest and `regen` all resolve
// settings through `resolveSettings`, so a rule written here holds everywhere.

import { PROFILES, SDK_RELEASES, type SdkRelease } from '../profiles/index.js';
import { shadowedCrates } from './sdk-crates.js';

export { SDK_RELEASES, type SdkRelease };
export const RELAY_CHAINS = ['rococo-local', 'westend-local', 'paseo-local'] as const;
export const ZOMBIENET_FORMATS = ['toml', 'json'] as const;
export const PROVIDERS = ['native', 'podman', 'kubernetes'] as const;
export const PHASES = [1, 2, 3] as const;

export type Phase = (typeof PHASES)[number];

export interface Settings {
  name: string;
  sdk: SdkRelease;
  phase: Phase;
  paraId: number;
  relayChain: (typeof RELAY_CHAINS)[number];
  tokenSymbol: string;
  tokenDecimals: number;
  capacity: number;
  velocity: number;
  relaySlotMs: number;
  blockTimeMs: number;
  slotDurationMs: number;
  authoringMs: number;
  maxCandidateDepth: number;
  allowedAncestryLen: number;
  lookahead: number;
  collators: number;
  validators: number;
  zombienetFormat: (typeof ZOMBIENET_FORMATS)[number];
  provider: (typeof PROVIDERS)[number];
  omniNode: boolean;
  templatePallet: boolean;
}

export type SettingKey = keyof Settings;
export type PartialSettings = Partial<Settings>;

/** How a value is read from a flag string or a JSON value. */
export type SettingKind =
  | { type: 'int'; min: number; max: number }
  | { type: 'choice'; choices: readonly (string | number)[]; numeric?: boolean }
  | { type: 'text'; pattern: RegExp; rule: string }
  | { type: 'bool' };

export interface SettingSpec {
  key: SettingKey;
  /** Long flag without dashes; the `name` setting is the positional `directory` instead. */
  flag: string;
  /** What questions, the summary and error messages call it (`Para ID`). */
  title: string;
  kind: SettingKind;
  /** One line for `--help` and the wizard. */
  describe: string;
  /** Default, possibly derived from settings resolved before this one (table order). */
  defaultOf: (s: Settings) => Settings[SettingKey];
  /** Describes the default in `--help` when it depends on other settings. */
  defaultText?: string;
  /** Cross-setting rule: returns what is allowed when the value breaks it. */
  rule?: (s: Settings) => string | undefined;
  /** A legal but risky value: returns a warning sentence. */
  warn?: (s: Settings) => string | undefined;
  /** The one value the rules leave, given the settings above it: the wizard states it, never asks. */
  onlyValue?: (s: Settings) => Settings[SettingKey] | undefined;
  /**
   * A running chain keeps this value: regen (and upgrade) never re-derive it from other
   * settings, even when it still has the value its default gave it; only its own flag changes it.
   */
  keptOnLiveChain?: true;
}

/**
 * Table order is resolution order: a default may read only settings above it.
 * Phase-derived settings (capacity, block time, authoring duration) follow the phase
 * unless the user sets them.
 */
export const SETTINGS: readonly SettingSpec[] = [
  {
    key: 'name',
    flag: 'directory',
    title: 'Project name',
    kind: { type: 'text', pattern: /^[a-z][a-z0-9-]{0,63}$/, rule: 'a lowercase letter followed by up to 63 lowercase letters, digits or dashes' },
    describe: 'project folder and crate prefix (<name>-runtime, <name>-node)',
    defaultOf: () => 'my-parachain',
    rule: (s) => (/--|-$/.test(s.name) ? 'without a double dash or a trailing dash, so crate names stay valid' : shadowedCrates(s.name)),
  },
  {
    key: 'sdk',
    flag: 'sdk',
    title: 'SDK release',
    kind: { type: 'choice', choices: SDK_RELEASES },
    describe: 'polkadot-sdk release the code is written for',
    // The newest release.
    defaultOf: () => SDK_RELEASES[0]!,
  },
  {
    key: 'phase',
    flag: 'phase',
    title: 'Rollout phase',
    kind: { type: 'choice', choices: PHASES, numeric: true },
    describe: 'async backing rollout phase: 1 runtime prepared, 2 lookahead collator, 3 async backing on',
    defaultOf: () => 3,
  },
  {
    key: 'paraId',
    flag: 'para-id',
    title: 'Para ID',
    kind: { type: 'int', min: 1000, max: 4294967295 },
    describe: 'parachain id registered on the relay chain',
    defaultOf: () => 2000,
    warn: (s) =>
      s.paraId < 2000 ? `para ID ${s.paraId} is in the system-chain range (below 2000); public parachains use 2000 or above.` : undefined,
  },
  {
    key: 'relayChain',
    flag: 'relay-chain',
    title: 'Relay chain',
    kind: { type: 'choice', choices: RELAY_CHAINS },
    describe: 'relay chain spec zombienet launches',
    // The relay chain the release's reference template runs on.
    defaultOf: (s) => PROFILES[s.sdk].relay.defaultChain,
    defaultText: byRelease((p) => p.relay.defaultChain),
  },
  {
    key: 'tokenSymbol',
    flag: 'token-symbol',
    title: 'Token symbol',
    kind: { type: 'text', pattern: /^[A-Z][A-Z0-9]{0,7}$/, rule: 'an uppercase letter followed by up to 7 uppercase letters or digits' },
    describe: 'native token symbol',
    defaultOf: () => 'UNIT',
  },
  {
    key: 'tokenDecimals',
    flag: 'token-decimals',
    title: 'Token decimals',
    kind: { type: 'int', min: 0, max: 18 },
    describe: 'native token decimals',
    defaultOf: () => 12,
    warn: (s) =>
      s.tokenDecimals < 6
        ? `${s.tokenDecimals} token decimals leave no unit as small as the runtime's fees (a tenth of MILLI_UNIT per extrinsic, ten MICRO_UNIT per byte), so each such fee is raised to one unit (${smallestUnit(s.tokenDecimals)} ${s.tokenSymbol}) instead of 0; choose 6 or more decimals to keep them as designed.`
        : undefined,
  },
  {
    key: 'capacity',
    flag: 'capacity',
    title: 'Unincluded segment capacity',
    kind: { type: 'int', min: 1, max: 16 },
    describe: 'UNINCLUDED_SEGMENT_CAPACITY: blocks accepted by the runtime but not yet included',
    defaultOf: (s) => (s.phase === 3 ? 3 : 1),
    defaultText: 'phase 1-2: 1; phase 3: 3',
    onlyValue: (s) => (s.phase < 3 ? 1 : undefined),
    rule: (s) => {
      if (s.phase < 3 && s.capacity !== 1) return `1 in phase ${s.phase} (the guide raises it only in phase 3)`;
      if (s.phase === 3 && s.capacity < 2) return 'from 2 to 16 in phase 3';
      return undefined;
    },
  },
  {
    key: 'velocity',
    flag: 'velocity',
    title: 'Block processing velocity',
    kind: { type: 'int', min: 1, max: 3 },
    describe: 'BLOCK_PROCESSING_VELOCITY: parachain blocks authored per relay slot',
    defaultOf: () => 1,
    onlyValue: (s) => (s.phase < 3 ? 1 : undefined),
    rule: (s) => (s.phase < 3 && s.velocity !== 1 ? `1 in phase ${s.phase} (the guide keeps velocity at 1 until phase 3)` : undefined),
    warn: (s) =>
      s.velocity > 1 ? `velocity ${s.velocity} needs elastic scaling: the parachain must hold ${s.velocity} cores on the relay chain.` : undefined,
  },
  {
    key: 'relaySlotMs',
    flag: 'relay-slot',
    title: 'Relay slot',
    kind: { type: 'choice', choices: [6000], numeric: true },
    describe: 'RELAY_CHAIN_SLOT_DURATION_MILLIS: relay chains use 6 s slots',
    defaultOf: () => 6000,
    onlyValue: () => 6000,
  },
  {
    key: 'blockTimeMs',
    flag: 'block-time',
    title: 'Block time',
    kind: { type: 'int', min: 500, max: 60000 },
    describe: 'parachain block time in milliseconds (MILLI_SECS_PER_BLOCK; MINUTES, HOURS and DAYS count blocks of it)',
    defaultOf: (s) => (s.phase === 3 ? Math.floor(s.relaySlotMs / s.velocity) : 12000),
    defaultText: 'phase 1-2: 12000; phase 3: relay slot / velocity',
    onlyValue: (s) => (s.phase === 3 ? s.relaySlotMs / s.velocity : 12000),
    rule: (s) => {
      if (s.phase < 3 && s.blockTimeMs !== 12000) return `12000 in phase ${s.phase} (the guide shortens blocks only in phase 3)`;
      const expected = s.relaySlotMs / s.velocity;
      if (s.phase === 3 && s.blockTimeMs !== expected) {
        return `${expected} in phase 3: relay slot ${s.relaySlotMs} / velocity ${s.velocity}`;
      }
      return undefined;
    },
  },
  {
    key: 'slotDurationMs',
    flag: 'slot-duration',
    title: 'Aura slot duration',
    kind: { type: 'int', min: 500, max: 60000 },
    describe: "Aura SLOT_DURATION in milliseconds; a live chain keeps its slot, blocks share it once async backing is on",
    defaultOf: (s) => s.blockTimeMs,
    defaultText: 'new project: the block time; regen: kept as it is',
    keptOnLiveChain: true,
    onlyValue: (s) => (s.phase < 3 ? s.blockTimeMs : undefined),
    rule: (s) => {
      if (s.phase < 3 && s.slotDurationMs !== s.blockTimeMs) {
        return `the block time (${s.blockTimeMs}) in phase ${s.phase}: one block per slot until phase 3 lets blocks share a slot`;
      }
      if (s.slotDurationMs % s.blockTimeMs !== 0) return `a multiple of the block time (${s.blockTimeMs})`;
      return undefined;
    },
  },
  {
    key: 'authoringMs',
    flag: 'authoring-duration',
    title: 'Authoring duration',
    kind: { type: 'int', min: 100, max: 60000 },
    describe: 'collator authoring_duration in milliseconds',
    defaultOf: (s) => (s.phase === 1 ? 500 : 2000),
    defaultText: 'phase 1: 500; phase 2-3: 2000',
    rule: (s) => (s.authoringMs > s.blockTimeMs ? `at most the block time (${s.blockTimeMs})` : undefined),
    warn: (s) =>
      s.authoringMs > 2000
        ? `authoring duration ${s.authoringMs} ms exceeds 2000 ms: backers time out at 2 s and will reject such candidates.`
        : undefined,
  },
  {
    key: 'maxCandidateDepth',
    flag: 'max-candidate-depth',
    title: 'Max candidate depth',
    kind: { type: 'int', min: 0, max: 64 },
    describe: 'relay async_backing_params.max_candidate_depth',
    defaultOf: () => 3,
    rule: (s) => (s.maxCandidateDepth < s.capacity - 1 ? `at least capacity - 1 (${s.capacity - 1})` : undefined),
  },
  {
    key: 'allowedAncestryLen',
    flag: 'allowed-ancestry-len',
    title: 'Allowed ancestry length',
    kind: { type: 'int', min: 1, max: 64 },
    describe: 'relay async_backing_params.allowed_ancestry_len',
    defaultOf: () => 2,
  },
  {
    key: 'lookahead',
    flag: 'lookahead',
    title: 'Scheduler lookahead',
    kind: { type: 'int', min: 2, max: 64 },
    describe: 'relay scheduler lookahead (block times degrade below 2)',
    defaultOf: (s) => PROFILES[s.sdk].relay.defaultLookahead,
    defaultText: 'profile default (3)',
  },
  {
    key: 'collators',
    flag: 'collators',
    title: 'Collators',
    kind: { type: 'int', min: 1, max: 16 },
    describe: 'collator nodes in the zombienet network',
    defaultOf: () => 2,
  },
  {
    key: 'validators',
    flag: 'validators',
    title: 'Relay validators',
    kind: { type: 'int', min: 2, max: 32 },
    describe: 'relay validator nodes in the zombienet network',
    defaultOf: () => 2,
  },
  {
    key: 'zombienetFormat',
    flag: 'zombienet-format',
    title: 'Zombienet file format',
    kind: { type: 'choice', choices: ZOMBIENET_FORMATS },
    describe: 'zombienet network file format',
    defaultOf: () => 'toml',
  },
  {
    key: 'provider',
    flag: 'provider',
    title: 'Zombienet provider',
    kind: { type: 'choice', choices: PROVIDERS },
    describe: 'zombienet provider',
    defaultOf: () => 'native',
  },
  {
    key: 'omniNode',
    flag: 'omni-node',
    title: 'Run with polkadot-omni-node',
    kind: { type: 'bool' },
    describe: 'runtime-only project run by polkadot-omni-node (no node/ crate)',
    defaultOf: () => false,
  },
  {
    key: 'templatePallet',
    flag: 'template-pallet',
    title: 'Include the template pallet',
    kind: { type: 'bool' },
    describe: 'include the example pallet under pallets/template (--no-template-pallet drops it)',
    defaultOf: () => true,
  },
];

/** The smallest amount of a token with `decimals` decimals, as a decimal number: `0.001`. */
function smallestUnit(decimals: number): string {
  return decimals === 0 ? '1' : `0.${'0'.repeat(decimals - 1)}1`;
}

/** `a (stable2512, stable2509); b (stable2506)`: a per-release default, for `--help`. */
function byRelease(valueOf: (profile: (typeof PROFILES)[SdkRelease]) => string): string {
  const releases = new Map<string, string[]>();
  for (const release of SDK_RELEASES) {
    const value = valueOf(PROFILES[release]);
    releases.set(value, [...(releases.get(value) ?? []), release]);
  }
  return [...releases].map(([value, ids]) => `${value} (${ids.join(', ')})`).join('; ');
}

export const SETTING_KEYS: readonly SettingKey[] = SETTINGS.map((s) => s.key);

export function specOf(key: SettingKey): SettingSpec {
  const spec = SETTINGS.find((s) => s.key === key);
  if (!spec) throw new Error(`unknown setting ${key}`);
  return spec;
}

/** The user-facing name of a setting: its flag, or `name` for the positional directory. */
export function settingLabel(spec: SettingSpec): string {
  return spec.key === 'name' ? 'name' : `--${spec.flag}`;
}

export function allowedText(kind: SettingKind): string {
  switch (kind.type) {
    case 'int':
      return `an integer from ${kind.min} to ${kind.max}`;
    case 'choice':
      return kind.choices.length === 1 ? `${kind.choices[0]}` : `one of ${kind.choices.join(', ')}`;
    case 'text':
      return kind.rule;
    case 'bool':
      return 'true or false';
  }
}
