// Known causes of stalled (or slowed) parachains, each read from what the SDK's code asserts, with
// the runtime's own values as evidence. The relay-side causes (lookahead, candidate depth) come
// from the prerequisite's judgement.

import { flattenTypes, intOf } from '../analysis/evaluate.js';
import { minimumPeriodVariants } from '../analysis/runtime-lookups.js';
import type { RuntimeFacts } from '../analysis/runtime-facts.js';
import { lineOfLoc, type Loc } from '../analysis/scope.js';
import type { Evidence } from './relay-steps.js';

export interface StallCause {
  /** Stable id: `expect-parent-included`, `capacity-one`, `one-block-per-slot`, `minimum-period`, `relay`. */
  id: string;
  file: string | null;
  line: number | null;
  message: string;
  /** The SDK code that makes it a cause. */
  source: string;
}

const RELAY_SLOT_MS = 6000;

export function stallCauses(facts: RuntimeFacts, blockTimeMs: number | undefined, relayCauses: Evidence[]): StallCause[] {
  const causes: StallCause[] = [];
  const at = (loc: Loc | undefined) => (loc ? { file: loc.file.rel, line: lineOfLoc(loc) } : { file: null, line: null });
  const capacity = num(intOf(facts.capacity.value));
  const velocity = num(intOf(facts.velocity.value)) ?? 1;
  const slotMs = num(facts.auraSlot?.value) ?? num(intOf(facts.slotDuration.value));
  const shortBlocks = blockTimeMs !== undefined && blockTimeMs < 2 * RELAY_SLOT_MS;

  const hookTypes = flattenTypes(facts.hook?.type);
  if (facts.hook && hookTypes.some((t) => t.name === 'ExpectParentIncluded') && shortBlocks) {
    causes.push({
      id: 'expect-parent-included',
      ...at(facts.hook.item.loc),
      message: `ConsensusHook is ExpectParentIncluded while the block time is ${blockTimeMs} ms: a block built on a parent the relay chain has not included yet panics ("expected parent to be included"), so blocks come at most every two relay blocks (12 s) and a collator building ahead stalls. Use FixedVelocityConsensusHook.`,
      source: 'cumulus-pallet-parachain-system src/lib.rs (set_validation_data: is_expecting_included_parent), src/consensus_hook.rs ExpectParentIncluded',
    });
  }
  if (facts.hook?.fixed && capacity === 1 && shortBlocks) {
    causes.push({
      id: 'capacity-one',
      ...at(facts.capacity.item?.loc ?? facts.capacity.loc),
      message: `UNINCLUDED_SEGMENT_CAPACITY is 1 while the block time is ${blockTimeMs} ms: the segment is full after one block and frees up only when it is included, two relay blocks later ("no space left for the block in the unincluded segment"), so blocks come every 12 s at best. Raise the capacity (3 for 6 s blocks).`,
      source: 'cumulus-pallet-parachain-system src/lib.rs (unincluded segment capacity assertion); the guide, phase 1 step 7 note',
    });
  }
  const allow = facts.allowMultiple?.value;
  if (allow === false && ((blockTimeMs !== undefined && slotMs !== undefined && blockTimeMs < slotMs) || velocity > 1)) {
    causes.push({
      id: 'one-block-per-slot',
      ...at(facts.allowMultiple?.item.loc),
      message: `AllowMultipleBlocksPerSlot is false while ${velocity > 1 ? `velocity ${velocity} puts several blocks in one slot` : `the block time (${blockTimeMs} ms) is shorter than the Aura slot (${slotMs} ms)`}: pallet_aura panics on a second block in the same slot ("Slot must increase").`,
      source: 'pallet-aura src/lib.rs on_initialize',
    });
  }
  // The lookahead collator stamps a block with its relay parent's slot time, so consecutive blocks
  // are one relay slot apart at most, and blocks on the same relay parent (velocity > 1) share it.
  for (const variant of minimumPeriodVariants(facts)) {
    if (!facts.timestamp?.module.cfgHolds(variant.item.cfgs) || variant.value === undefined || variant.value === 0n) continue;
    const period = Number(variant.value);
    const gap = velocity > 1 ? 0 : Math.min(RELAY_SLOT_MS, blockTimeMs ?? RELAY_SLOT_MS);
    if (period <= gap || allow !== true) continue;
    causes.push({
      id: 'minimum-period',
      ...at(variant.item.loc),
      message: `MinimumPeriod is ${period} ms while consecutive blocks are ${gap} ms apart${velocity > 1 ? ` (velocity ${velocity}: blocks on one relay parent share its timestamp)` : ''}: pallet_timestamp panics ("Timestamp must increment by at least <MinimumPeriod> between sequential blocks"). Set it to 0.`,
      source: 'pallet-timestamp src/lib.rs set(); cumulus-client-consensus-common relay_slot_and_timestamp (the lookahead collator\'s timestamp)',
    });
  }
  for (const e of relayCauses) {
    causes.push({ id: 'relay', file: e.file, line: e.line, message: e.message, source: 'the relay prerequisite (see its evidence)' });
  }
  return causes;
}

function num(v: bigint | undefined): number | undefined {
  return v === undefined ? undefined : Number(v);
}
