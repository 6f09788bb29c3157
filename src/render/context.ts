// The values every template sees. Built only from validated settings, so nothing a template
// prints can break out of its place in Rust, TOML or JSON.

import { PROFILES, type CrateVersions, type ProfileCapabilities, type SdkProfile } from '../profiles/index.js';
import { elasticCapacity, NEW_CHAIN_SLOT_MS } from '../profiles/elastic-scaling.js';
import { isValidatedSettings } from '../settings/resolve.js';
import type { Settings } from '../settings/schema.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { networkNodes, type NetworkNodes } from './network.js';

export interface TemplateContext {
  tool: { name: string; version: string };
  settings: Settings;
  /** Crate and binary names derived from the project name. */
  names: {
    project: string;
    runtimeCrate: string;
    /** The runtime crate as a Rust path segment (`my_chain_runtime`). */
    runtimeLib: string;
    nodeCrate: string;
    palletCrate: string;
    palletLib: string;
    /** Human-readable chain name for chain specs (`My Chain`). */
    chainName: string;
    /** Chain-spec id (`my_chain`). */
    chainId: string;
  };
  sdk: { id: string; summary: string };
  /** How this release's `polkadot-omni-node` picks its collator. */
  omniNode: SdkProfile['omniNode'];
  toolchain: SdkProfile['toolchain'];
  tools: SdkProfile['tools'];
  versions: CrateVersions;
  caps: ProfileCapabilities;
  phase: {
    number: number;
    /** Phase 2+: the node runs the lookahead collator. */
    lookaheadCollator: boolean;
    /** Phase 3: async backing on (capacity > 1, AllowMultipleBlocksPerSlot, 2 s weight). */
    asyncBacking: boolean;
    next: number | null;
  };
  timing: {
    /** One block per Aura slot: `SLOT_DURATION` is written as the block time. */
    slotIsBlockTime: boolean;
    /** Blocks that share one Aura slot (a chain that kept its slot when the block time shortened). */
    blocksPerSlot: number;
    /** `MINUTES`: blocks per minute at the block time. */
    minutes: number;
  };
  /**
   * Elastic scaling (velocity > 1): the slot-based collator, the relay parent offset the runtime
   * builds at, and how the constants are written; every flag false at velocity 1.
   */
  elastic: {
    on: boolean;
    /** `UNINCLUDED_SEGMENT_CAPACITY` is `(3 + RELAY_PARENT_OFFSET) * BLOCK_PROCESSING_VELOCITY`. */
    capacityFormula: boolean;
    /** parachain-system's `experimental-ump-signals` feature is turned on (releases that have it). */
    umpSignalsFeature: boolean;
    /** A new chain's Aura slot (the SDK's guide), not one kept from before. */
    newChainSlot: boolean;
  };
  timestamp: {
    /**
     * How `pallet_timestamp::MinimumPeriod` is written: `half` = `SLOT_DURATION / 2` (phases 1-2);
     * `zero` = 0 in every build (phase 3: blocks may share a slot), as the reference template has
     * it. The guide's form, 0 only under an `experimental` feature, would leave a plain
     * `cargo build` at half a slot.
     */
    minimumPeriod: 'half' | 'zero';
  };
  token: {
    symbol: string;
    decimals: number;
    /** Rust integer literals (with `_` separators) for `UNIT` and friends. */
    unit: string;
    milliUnit: string;
    microUnit: string;
    existentialDeposit: string;
    /** Fee of the lightest extrinsic: a tenth of `MILLI_UNIT`, at least one unit. */
    extrinsicBaseFee: string;
    /** Fee per transaction byte: ten `MICRO_UNIT`, at least one unit. */
    transactionByteFee: string;
    /** Too few decimals for those fractions: a fee was raised to one unit instead of becoming 0. */
    feesRaised: boolean;
    /** Genesis balance of each endowed dev account. */
    endowment: string;
  };
  network: NetworkNodes;
}

export function buildContext(settings: Settings): TemplateContext {
  if (!isValidatedSettings(settings)) throw new Error('settings must pass resolveSettings before they reach a template');
  const profile = PROFILES[settings.sdk];
  const phase = settings.phase;
  return {
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    settings,
    names: namesFor(settings.name),
    sdk: { id: profile.id, summary: profile.summary },
    omniNode: profile.omniNode,
    toolchain: profile.toolchain,
    tools: profile.tools,
    versions: profile.versions,
    caps: profile.caps,
    phase: {
      number: phase,
      lookaheadCollator: phase >= 2,
      asyncBacking: phase === 3,
      next: phase < 3 ? phase + 1 : null,
    },
    timing: {
      slotIsBlockTime: settings.slotDurationMs === settings.blockTimeMs,
      blocksPerSlot: settings.slotDurationMs / settings.blockTimeMs,
      minutes: Math.floor(60_000 / settings.blockTimeMs),
    },
    elastic: elasticOf(settings),
    timestamp: {
      minimumPeriod: phase === 3 ? 'zero' : 'half',
    },
    token: tokenAmounts(settings.tokenSymbol, settings.tokenDecimals),
    network: networkNodes(settings),
  };
}

function elasticOf(settings: Settings): TemplateContext['elastic'] {
  const on = settings.velocity > 1;
  return {
    on,
    capacityFormula: on && settings.capacity === elasticCapacity(settings.velocity, settings.relayParentOffset),
    umpSignalsFeature: on && PROFILES[settings.sdk].caps.umpSignalsFeature,
    newChainSlot: on && settings.slotDurationMs === NEW_CHAIN_SLOT_MS,
  };
}

export function namesFor(name: string): TemplateContext['names'] {
  const snake = name.replace(/-/g, '_');
  return {
    project: name,
    runtimeCrate: `${name}-runtime`,
    runtimeLib: `${snake}_runtime`,
    nodeCrate: `${name}-node`,
    palletCrate: 'pallet-template',
    palletLib: 'pallet_template',
    chainName: name
      .split('-')
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(' '),
    chainId: snake,
  };
}

/** Formats a non-negative integer as a Rust literal with `_` every three digits. */
export function rustInt(value: bigint): string {
  return value.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '_');
}

function tokenAmounts(symbol: string, decimals: number): TemplateContext['token'] {
  const unit = 10n ** BigInt(decimals);
  const milli = unit / 1000n;
  const micro = unit / 1_000_000n;
  // With few decimals these fractions round to 0, and a fee of 0 lets anyone fill blocks for
  // free; one unit is the smallest fee there is (the settings schema warns about it).
  const baseFee = milli / 10n;
  const byteFee = 10n * micro;
  return {
    symbol,
    decimals,
    unit: rustInt(unit),
    milliUnit: rustInt(milli),
    microUnit: rustInt(micro),
    // pallet_balances refuses a zero existential deposit, so tokens with few decimals use 1.
    existentialDeposit: rustInt(milli > 0n ? milli : 1n),
    extrinsicBaseFee: rustInt(baseFee > 0n ? baseFee : 1n),
    transactionByteFee: rustInt(byteFee > 0n ? byteFee : 1n),
    feesRaised: baseFee === 0n || byteFee === 0n,
    endowment: rustInt(unit * 1_000_000n),
  };
}
