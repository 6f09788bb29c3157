// The guide's steps: the one list that check judges, upgrade edits and the generated README maps.

export type StepStatus = 'pass' | 'fail' | 'n/a';

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

export interface GuideStep {
  id: string;
  /** The phase whose rollout introduces the step (0 = relay prerequisite). */
  phase: 0 | 1 | 2 | 3;
  title: string;
  /** Node-side steps are not applicable to omni-node projects. */
  node?: boolean;
}

export const GUIDE_STEPS: readonly GuideStep[] = [
  { id: 'prereq', phase: 0, title: 'Relay chain: async_backing_params and scheduler lookahead' },
  { id: '1.1', phase: 1, title: 'UNINCLUDED_SEGMENT_CAPACITY and BLOCK_PROCESSING_VELOCITY' },
  { id: '1.2', phase: 1, title: 'RELAY_CHAIN_SLOT_DURATION_MILLIS = 6000' },
  { id: '1.3', phase: 1, title: 'MILLI_SECS_PER_BLOCK and SLOT_DURATION' },
  { id: '1.4', phase: 1, title: 'ConsensusHook and RelayNumberMonotonicallyIncreases in parachain-system' },
  { id: '1.5', phase: 1, title: 'pallet_aura: AllowMultipleBlocksPerSlot and SlotDuration' },
  { id: '1.6', phase: 1, title: 'AuraApi::slot_duration from SLOT_DURATION' },
  { id: '1.7', phase: 1, title: 'AuraUnincludedSegmentApi::can_build_upon' },
  { id: '1.8', phase: 1, title: 'register_validate_block! without CheckInherents' },
  { id: '2.1', phase: 2, title: 'Import ValidationCode', node: true },
  { id: '2.2', phase: 2, title: 'spawn_tasks gets a clone of the backend', node: true },
  { id: '2.3', phase: 2, title: 'start_consensus takes the backend', node: true },
  { id: '2.4', phase: 2, title: 'Import the lookahead collator', node: true },
  { id: '2.5', phase: 2, title: 'AuraParams: para_backend, code_hash_provider, authoring_duration', node: true },
  { id: '2.6', phase: 2, title: 'aura::run instead of basic_aura::run', node: true },
  { id: '3.1', phase: 3, title: 'AllowMultipleBlocksPerSlot = true' },
  { id: '3.2', phase: 3, title: 'Raise UNINCLUDED_SEGMENT_CAPACITY' },
  { id: '3.3', phase: 3, title: 'Shorter MILLI_SECS_PER_BLOCK' },
  { id: '3.4', phase: 3, title: 'MAXIMUM_BLOCK_WEIGHT with 2 s of ref time' },
  { id: '3.5', phase: 3, title: 'pallet_timestamp MinimumPeriod for async backing' },
];
