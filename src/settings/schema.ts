// The one settings schema. Prompts, flags, `--config`, the manifest and `regen` all resolve
// settings through `resolveSettings`, so a rule written here holds everywhere.

import {
  CORE_EXECUTION_MS,
  elasticCapacity,
  ELASTIC_SCALING_FROM,
  MAX_RELAY_PARENT_OFFSET,
  MAX_VELOCITY,
  minimumElasticCapacity,
  minimumLookahead,
  NEW_CHAIN_SLOT_MS,
  RECOMMENDED_RELAY_PARENT_OFFSET,
  RELAYS_WITH_CORE_COMMITMENTS,
} from '../profiles/elastic-scaling.js';
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
  relayParentOffset: number;
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

/** The relay chain elastic-scaling networks run on when the release's own default cannot carry it. */
const ELASTIC_SCALING_RELAY = 'westend-local';

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
    key: 'velocity',
    flag: 'velocity',
    title: 'Block processing velocity',
    kind: { type: 'int', min: 1, max: MAX_VELOCITY },
    describe: 'BLOCK_PROCESSING_VELOCITY: parachain blocks authored per relay slot (above 1: elastic scaling, one relay core per block)',
    defaultOf: () => 1,
    onlyValue: (s) => (s.phase < 3 || !PROFILES[s.sdk].caps.elasticScaling ? 1 : undefined),
    rule: (s) => {
      if (s.phase < 3 && s.velocity !== 1) return `1 in phase ${s.phase} (the guide keeps velocity at 1 until phase 3)`;
      if (s.velocity === 1) return undefined;
      if (!PROFILES[s.sdk].caps.elasticScaling) {
        return `1 on ${s.sdk}: elastic scaling needs polkadot-sdk ${firstElasticScalingRelease()} or later (--sdk ${firstElasticScalingRelease()})`;
      }
      if (!RELAYS_WITH_CORE_COMMITMENTS.includes(s.relayChain)) {
        return `1 on ${s.relayChain}: its genesis leaves the relay's CandidateReceiptV2 node feature off, so the relay drops the core commitments elastic scaling sends (use ${RELAYS_WITH_CORE_COMMITMENTS.join(' or ')})`;
      }
      return undefined;
    },
    warn: (s) =>
      s.velocity > 1
        ? `velocity ${s.velocity} is elastic scaling: the parachain needs ${s.velocity} relay cores; the generated network assigns them, a live relay chain needs ${s.velocity - 1} more core${s.velocity > 2 ? 's' : ''} bought and assigned (see the README).`
        : undefined,
  },
  {
    key: 'relayChain',
    flag: 'relay-chain',
    title: 'Relay chain',
    kind: { type: 'choice', choices: RELAY_CHAINS },
    describe: 'relay chain spec zombienet launches',
    // The relay chain the release's reference template runs on; under elastic scaling one whose
    // genesis accepts core commitments.
    defaultOf: (s) => {
      const chain = PROFILES[s.sdk].relay.defaultChain;
      return s.velocity > 1 && !RELAYS_WITH_CORE_COMMITMENTS.includes(chain) ? ELASTIC_SCALING_RELAY : chain;
    },
    defaultText: `${byRelease((p) => p.relay.defaultChain)}; elastic scaling: ${ELASTIC_SCALING_RELAY} for paseo-local`,
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
    key: 'relayParentOffset',
    flag: 'relay-parent-offset',
    title: 'Relay parent offset',
    kind: { type: 'int', min: 0, max: MAX_RELAY_PARENT_OFFSET },
    describe: "RELAY_PARENT_OFFSET: relay blocks behind the relay tip the collator builds on (parachain-system's RelayParentOffset), against relay chain forks",
    defaultOf: (s) => (s.velocity > 1 ? RECOMMENDED_RELAY_PARENT_OFFSET : 0),
    defaultText: `velocity 1: 0; elastic scaling: ${RECOMMENDED_RELAY_PARENT_OFFSET}`,
    onlyValue: (s) => (s.velocity === 1 ? 0 : undefined),
    rule: (s) => {
      if (s.relayParentOffset === 0) {
        return s.velocity > 1 ? `at least 1 with velocity ${s.velocity}: the SDK's elastic-scaling guide requires a relay parent offset (${RECOMMENDED_RELAY_PARENT_OFFSET} recommended)` : undefined;
      }
      if (!PROFILES[s.sdk].caps.elasticScaling) return `0 on ${s.sdk}: a relay parent offset is part of elastic scaling, from polkadot-sdk ${firstElasticScalingRelease()} on`;
      if (s.velocity === 1) {
        return "0 with velocity 1: only the slot-based collator of elastic scaling builds at an offset, and the runtime would reject the lookahead collator's blocks";
      }
      return undefined;
    },
  },
  {
    key: 'capacity',
    flag: 'capacity',
    title: 'Unincluded segment capacity',
    kind: { type: 'int', min: 1, max: 16 },
    describe: 'UNINCLUDED_SEGMENT_CAPACITY: blocks accepted by the runtime but not yet included',
    defaultOf: (s) => (s.phase < 3 ? 1 : s.velocity > 1 ? elasticCapacity(s.velocity, s.relayParentOffset) : 3),
    defaultText: 'phase 1-2: 1; phase 3: 3; elastic scaling: (3 + offset) × velocity',
    onlyValue: (s) => (s.phase < 3 ? 1 : undefined),
    rule: (s) => {
      if (s.phase < 3 && s.capacity !== 1) return `1 in phase ${s.phase} (the guide raises it only in phase 3)`;
      if (s.phase === 3 && s.capacity < 2) return 'from 2 to 16 in phase 3';
      const least = minimumElasticCapacity(s.velocity, s.relayParentOffset);
      if (s.velocity > 1 && s.capacity < least) {
        return `at least ${least} with velocity ${s.velocity} and relay parent offset ${s.relayParentOffset}: (2 + offset) × velocity + 1, the SDK's elastic-scaling guide`;
      }
      return undefined;
    },
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
    defaultOf: (s) => (s.velocity > 1 ? NEW_CHAIN_SLOT_MS : s.blockTimeMs),
    defaultText: `new project: the block time (elastic scaling: ${NEW_CHAIN_SLOT_MS}); regen: kept as it is`,
    keptOnLiveChain: true,
    onlyValue: (s) => (s.phase < 3 ? s.blockTimeMs : undefined),
    rule: (s) => {
      if (s.phase < 3 && s.slotDurationMs !== s.blockTimeMs) {
        return `the block time (${s.blockTimeMs}) in phase ${s.phase}: one block per slot until phase 3 lets blocks share a slot`;
      }
      if (s.slotDurationMs % s.blockTimeMs !== 0) return `a multiple of the block time (${s.blockTimeMs})`;
      if (s.velocity > 1 && s.slotDurationMs < s.relaySlotMs) {
        return `at least the relay slot (${s.relaySlotMs}) with velocity ${s.velocity}: the SDK's elastic-scaling guide (${NEW_CHAIN_SLOT_MS} for a new chain), as the slot-based collator stops authoring 1 s before a slot ends`;
      }
      return undefined;
    },
  },
  {
    key: 'authoringMs',
    flag: 'authoring-duration',
    title: 'Authoring duration',
    kind: { type: 'int', min: 100, max: 60000 },
    describe: 'collator authoring_duration in milliseconds',
    defaultOf: (s) => (s.phase === 1 ? 500 : Math.min(CORE_EXECUTION_MS, s.blockTimeMs)),
    defaultText: 'phase 1: 500; phase 2-3: 2000 (at most the block time)',
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
    describe: 'relay async_backing_params.max_candidate_depth (relays before stable2503 read it)',
    // Elastic scaling's larger capacity takes the depth with it (the SDK's elastic-scaling networks
    // give 3 cores a depth of 6); otherwise the guide's 3.
    defaultOf: (s) => (s.velocity > 1 ? Math.max(3, s.capacity - 1) : 3),
    defaultText: '3; elastic scaling: capacity - 1',
    rule: (s) => (s.maxCandidateDepth < s.capacity - 1 ? `at least capacity - 1 (${s.capacity - 1})` : undefined),
  },
  {
    key: 'allowedAncestryLen',
    flag: 'allowed-ancestry-len',
    title: 'Allowed ancestry length',
    kind: { type: 'int', min: 1, max: 64 },
    describe: 'relay async_backing_params.allowed_ancestry_len (relays before stable2503 read it)',
    defaultOf: (s) => Math.max(2, s.relayParentOffset + 1),
    defaultText: '2; relay parent offset + 1 when larger',
    rule: (s) => (s.allowedAncestryLen < s.relayParentOffset ? `at least the relay parent offset (${s.relayParentOffset}): the collator builds on a relay parent that many blocks back` : undefined),
  },
  {
    key: 'lookahead',
    flag: 'lookahead',
    title: 'Scheduler lookahead',
    kind: { type: 'int', min: 2, max: 64 },
    describe: 'relay scheduler lookahead (block times degrade below 2)',
    defaultOf: (s) => PROFILES[s.sdk].relay.defaultLookahead,
    defaultText: 'profile default (3)',
    rule: (s) =>
      s.lookahead < minimumLookahead(s.relayParentOffset)
        ? `at least ${minimumLookahead(s.relayParentOffset)} with relay parent offset ${s.relayParentOffset}: validators accept relay parents up to lookahead - 1 blocks back`
        : undefined,
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
    defaultOf: (s) => Math.max(2, s.velocity),
    defaultText: '2; the velocity when larger',
    rule: (s) =>
      s.validators < s.velocity
        ? `at least the velocity (${s.velocity}): the relay splits its validators into one backing group per core, and each of the parachain's ${s.velocity} cores needs one`
        : undefined,
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

/**
 * The oldest release offered that supports elastic scaling, named when velocity > 1 is refused
 * (the SDK's guide's first release while no profile offers it).
 */
export function firstElasticScalingRelease(): string {
  return SDK_RELEASES.filter((r) => PROFILES[r].caps.elasticScaling).at(-1) ?? ELASTIC_SCALING_FROM;
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
