// The guide's steps: the one list that check judges, upgrade edits and the generated README maps.
//
// Each step is described here once, as data (id, phase, side, the facts it reads, its fix). How a
// step is judged lives beside the facts it judges (runtime-steps.ts, node-steps.ts,
// relay-steps.ts), keyed by the ids below; this file stays free of the analysis so the generator's
// bundle, which only maps steps to lines, does not carry it.

import type { SnippetName } from './snippets.js';

export type StepStatus = 'pass' | 'fail' | 'unknown' | 'n/a';

/** Which part of a repository a step is about. */
export type StepSide = 'runtime' | 'node' | 'relay';

/** One step's verdict, as the report prints it. */
export interface StepResult {
  /** Guide step id: `prereq`, `1.1` … `3.5`. */
  id: string;
  status: StepStatus;
  /** Repository-relative file holding the evidence (or where the fix goes), or null. */
  file: string | null;
  line: number | null;
  message: string;
  /** For a failure: the guide's snippet rendered with the project's values. */
  fix: string | null;
}

/**
 * The facts of a project the steps read and upgrade edits. Runtime facts are items of the
 * runtime crate (constants, pallet config items, runtime APIs); node facts are parts of the
 * collator's start-up code; relay facts are keys of a network config.
 */
export type FactName =
  | 'capacity'
  | 'velocity'
  | 'relaySlot'
  | 'blockTime'
  | 'consensusHook'
  | 'checkAssociatedRelayNumber'
  | 'allowMultipleBlocksPerSlot'
  | 'auraSlotDuration'
  | 'auraApiSlotDuration'
  | 'canBuildUpon'
  | 'checkInherents'
  | 'maximumBlockWeight'
  | 'minimumPeriod'
  | 'validationCodeImport'
  | 'spawnTasksBackend'
  | 'startConsensusBackend'
  | 'collatorImport'
  | 'collatorParams'
  | 'paraBackend'
  | 'codeHashProvider'
  | 'authoringDuration'
  | 'collatorRun'
  | 'asyncBackingParams'
  | 'schedulerLookahead';

export interface GuideStep {
  id: StepId;
  /** The phase whose rollout introduces the step (0 = relay prerequisite). */
  phase: 0 | 1 | 2 | 3;
  title: string;
  side: StepSide;
  /** The facts the step judges (and upgrade edits). */
  reads: readonly FactName[];
  /** The fix it prints, `templates/_check/<snippet>.hbs`. */
  snippet: SnippetName;
}

export const GUIDE_STEPS = [
  { id: 'prereq', phase: 0, side: 'relay', title: 'Relay chain: async_backing_params and scheduler lookahead', reads: ['asyncBackingParams', 'schedulerLookahead'], snippet: 'relayPrerequisite' },
  { id: '1.1', phase: 1, side: 'runtime', title: 'UNINCLUDED_SEGMENT_CAPACITY and BLOCK_PROCESSING_VELOCITY', reads: ['capacity', 'velocity'], snippet: 'asyncBackingParams' },
  { id: '1.2', phase: 1, side: 'runtime', title: 'RELAY_CHAIN_SLOT_DURATION_MILLIS = 6000', reads: ['relaySlot'], snippet: 'asyncBackingParams' },
  { id: '1.3', phase: 1, side: 'runtime', title: 'MILLI_SECS_PER_BLOCK and SLOT_DURATION', reads: ['blockTime'], snippet: 'blockTimes' },
  { id: '1.4', phase: 1, side: 'runtime', title: 'ConsensusHook and RelayNumberMonotonicallyIncreases in parachain-system', reads: ['consensusHook', 'checkAssociatedRelayNumber'], snippet: 'consensusHook' },
  { id: '1.5', phase: 1, side: 'runtime', title: 'pallet_aura: AllowMultipleBlocksPerSlot and SlotDuration', reads: ['allowMultipleBlocksPerSlot', 'auraSlotDuration'], snippet: 'aura' },
  { id: '1.6', phase: 1, side: 'runtime', title: 'AuraApi::slot_duration from SLOT_DURATION', reads: ['auraApiSlotDuration'], snippet: 'auraApi' },
  { id: '1.7', phase: 1, side: 'runtime', title: 'AuraUnincludedSegmentApi::can_build_upon', reads: ['canBuildUpon'], snippet: 'unincludedSegmentApi' },
  { id: '1.8', phase: 1, side: 'runtime', title: 'register_validate_block! without CheckInherents', reads: ['checkInherents'], snippet: 'validateBlock' },
  { id: '2.1', phase: 2, side: 'node', title: 'Import ValidationCode', reads: ['validationCodeImport'], snippet: 'importValidationCode' },
  { id: '2.2', phase: 2, side: 'node', title: 'spawn_tasks gets a clone of the backend', reads: ['spawnTasksBackend'], snippet: 'spawnTasksBackend' },
  { id: '2.3', phase: 2, side: 'node', title: 'start_consensus takes the backend', reads: ['startConsensusBackend'], snippet: 'startConsensusBackend' },
  { id: '2.4', phase: 2, side: 'node', title: 'Import the lookahead collator', reads: ['collatorImport'], snippet: 'importLookahead' },
  { id: '2.5', phase: 2, side: 'node', title: 'AuraParams: para_backend, code_hash_provider, authoring_duration', reads: ['collatorParams', 'paraBackend', 'codeHashProvider', 'authoringDuration'], snippet: 'auraParams' },
  { id: '2.6', phase: 2, side: 'node', title: 'aura::run instead of basic_aura::run', reads: ['collatorRun'], snippet: 'auraRun' },
  { id: '3.1', phase: 3, side: 'runtime', title: 'AllowMultipleBlocksPerSlot = true', reads: ['allowMultipleBlocksPerSlot'], snippet: 'aura' },
  { id: '3.2', phase: 3, side: 'runtime', title: 'Raise UNINCLUDED_SEGMENT_CAPACITY', reads: ['capacity'], snippet: 'asyncBackingParams' },
  { id: '3.3', phase: 3, side: 'runtime', title: 'Shorter MILLI_SECS_PER_BLOCK', reads: ['blockTime'], snippet: 'blockTimes' },
  { id: '3.4', phase: 3, side: 'runtime', title: 'MAXIMUM_BLOCK_WEIGHT with 2 s of ref time', reads: ['maximumBlockWeight'], snippet: 'maximumBlockWeight' },
  { id: '3.5', phase: 3, side: 'runtime', title: 'pallet_timestamp MinimumPeriod for async backing', reads: ['minimumPeriod'], snippet: 'minimumPeriod' },
] as const satisfies readonly (Omit<GuideStep, 'id'> & { id: string })[];

export type StepId = (typeof GUIDE_STEPS)[number]['id'];
export type RuntimeStepId = Extract<(typeof GUIDE_STEPS)[number], { side: 'runtime' }>['id'];
export type NodeStepId = Extract<(typeof GUIDE_STEPS)[number], { side: 'node' }>['id'];

export function guideStep(id: string): GuideStep | undefined {
  return (GUIDE_STEPS as readonly GuideStep[]).find((s) => s.id === id);
}

/**
 * A runtime's phase: the highest phase N whose runtime and node steps (1.x … N.x) all pass or do
 * not apply; an `unknown` step is not a pass. The relay prerequisite is judged apart.
 */
export function phaseOf(steps: readonly Pick<StepResult, 'id' | 'status'>[]): number {
  let phase = 0;
  for (const n of [1, 2, 3]) {
    const met = (GUIDE_STEPS as readonly GuideStep[])
      .filter((s) => s.side !== 'relay' && s.phase <= n)
      .every((s) => {
        const r = steps.find((x) => x.id === s.id);
        return r !== undefined && (r.status === 'pass' || r.status === 'n/a');
      });
    if (!met) break;
    phase = n;
  }
  return phase;
}
