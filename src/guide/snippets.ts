// The fixes `check` prints: the guide's snippets as the generator writes them
// (templates/runtime/src/lib.rs.hbs, configs/mod.rs.hbs, apis.rs.hbs, templates/node/src/service.rs.hbs,
// templates/zombienet/*), kept in templates/_check/ and rendered through the generator's template
// set (precompiled in the bundle) with the values and names found in the audited project.
// test/check.test.ts checks that every snippet, rendered with a generated project's values, is
// code that project contains.

import { loadTemplates } from '../render/templates.js';

export interface SnippetContext {
  capacity: number;
  velocity: number;
  relaySlotMs: number;
  blockTimeMs: number;
  authoringMs: number;
  /** `true` in phase 3 (async backing on). */
  allowMultipleBlocksPerSlot: boolean;
  maxCandidateDepth: number;
  allowedAncestryLen: number;
  lookahead: number;
  /** `flagged` (0 under the `experimental` feature) or `zero` (velocity > 1). */
  minimumPeriod: 'flagged' | 'zero';
  /** The feature gating MinimumPeriod = 0 is missing from the runtime's Cargo.toml. */
  declareExperimental: boolean;
  /** The zombienet config format found. */
  zombienetFormat: 'toml' | 'json' | 'yaml';
  /**
   * Where the relay release keeps what the prerequisite sets: its genesis under `runtime`
   * (polkadot-v1.3.0 and before; `runtimeGenesis.patch` since) and the lookahead as the top-level
   * `scheduling_lookahead` (polkadot-v1.8.0 and before; `scheduler_params.lookahead` since).
   */
  relayLayout: { genesisUnderRuntime: boolean; topLevelLookahead: boolean };
  /**
   * pallet-aura's `SlotDuration` exists only under pallet-aura's `experimental` feature on the
   * project's release (polkadot-v1.1.0–v1.9.0): the fix puts the guide's cfg on it.
   */
  auraSlotDurationFlagged: boolean;
  /**
   * The Aura slot of a running chain whose block time the fix changes: kept as it is (0 when
   * the slot follows the block time).
   */
  keptSlotMs: number;
  /** The pallet that holds AllowMultipleBlocksPerSlot: pallet_aura, or Nimbus's pallet_async_backing. */
  auraPallet: 'pallet_aura' | 'pallet_async_backing';
  /** The `_` type arguments `aura::run::<Block, Pair, ..>` takes after the two named ones. */
  auraRunHoles: string[];
  /** Lookahead `Params` fields the release has beyond the guide's (`reinitialize`, `max_pov_percentage`). */
  lookaheadFields: { reinitialize: boolean; maxPovPercentage: boolean };
  names: {
    capacity: string;
    velocity: string;
    relaySlot: string;
    blockTime: string;
    slotDuration: string;
    consensusHook: string;
    runtime: string;
  };
}

/** The fix templates, `templates/_check/<name>.hbs`. */
export const SNIPPET_NAMES = [
  'asyncBackingParams',
  'blockTimes',
  'consensusHook',
  'aura',
  'auraApi',
  'unincludedSegmentApi',
  'validateBlock',
  'maximumBlockWeight',
  'minimumPeriod',
  'importValidationCode',
  'spawnTasksBackend',
  'startConsensusBackend',
  'importLookahead',
  'auraParams',
  'auraRun',
  'relayPrerequisite',
] as const;

export type SnippetName = (typeof SNIPPET_NAMES)[number];

export function renderSnippet(name: SnippetName, context: SnippetContext): string {
  return loadTemplates().get(`_check/${name}.hbs`)(context).replace(/\n+$/, '');
}
