// What an upgrade's edits and manual steps are filed under: the guide's steps (src/guide/steps.ts),
// and beyond phase 3 the items of elastic scaling, named as `check` reports its readiness
// (src/guide/elastic-scaling.ts) so a reader finds each edit in check's report.

import { guideStep, type StepId } from '../guide/steps.js';

export const ELASTIC_EDITS = [
  { id: 'elastic:velocity', title: 'BLOCK_PROCESSING_VELOCITY: blocks per relay slot, one relay core each' },
  { id: 'elastic:relay-parent-offset', title: "RELAY_PARENT_OFFSET in parachain-system's RelayParentOffset" },
  { id: 'elastic:offset-api', title: 'RelayParentOffsetApi in impl_runtime_apis!' },
  { id: 'elastic:capacity', title: 'UNINCLUDED_SEGMENT_CAPACITY = (3 + offset) × velocity' },
  { id: 'elastic:minimum-period', title: 'pallet_timestamp MinimumPeriod 0' },
  { id: 'elastic:block-time', title: 'Block time = relay slot / velocity, the Aura slot kept' },
  { id: 'elastic:aura-slot', title: 'An Aura slot of at least the relay slot' },
  { id: 'elastic:ump-signals', title: "parachain-system's experimental-ump-signals (core commitments)" },
  { id: 'elastic:collator', title: 'The slot-based collator' },
  { id: 'elastic:relay-cores', title: 'Relay cores: num_cores in the relay genesis, assigned to the parachain' },
  { id: 'elastic:relay-params', title: 'Relay lookahead and async backing params for velocity and offset' },
  { id: 'elastic:validators', title: 'One relay validator per core' },
  { id: 'elastic:relay-chain', title: 'A relay chain spec that accepts core commitments' },
] as const;

export type ElasticEditId = (typeof ELASTIC_EDITS)[number]['id'];

/** A guide step, or an elastic-scaling item. */
export type UpgradeStepId = StepId | ElasticEditId;

export function stepTitle(id: UpgradeStepId): string {
  return guideStep(id)?.title ?? ELASTIC_EDITS.find((e) => e.id === id)?.title ?? id;
}
