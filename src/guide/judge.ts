// Judging one runtime against every step of the guide: its runtime steps and the node steps on
// the node judged with it, with the fixes rendered in the project's names and values; and, apart
// from the phase, the relay prerequisite. check reports these findings; upgrade edits by them.

import { intOf } from '../analysis/evaluate.js';
import type { NodeFacts } from '../analysis/node-facts.js';
import type { NetworkConfig } from '../analysis/relay-facts.js';
import type { RuntimeFacts } from '../analysis/runtime-facts.js';
import type { SdkReleaseInfo } from '../profiles/releases.js';
import { constName } from './evidence.js';
import type { Finding } from './findings.js';
import { judgeNode, nodeNotApplicable } from './node-steps.js';
import { judgePrerequisite, type Prerequisite, type RelayContext, type Evidence } from './relay-steps.js';
import { judgeRuntime } from './runtime-steps.js';
import type { SnippetContext } from './snippets.js';
import { GUIDE_STEPS } from './steps.js';

/**
 * Every runtime and node step of the guide for one runtime, in guide order, judged for the SDK
 * release it pins (null when that cannot be told: steps whose verdict depends on it are then
 * `unknown`). The relay prerequisite is judged apart, by judgeRelay.
 */
export function judgeSteps(runtime: RuntimeFacts, node: NodeFacts | null, snippets: SnippetContext, release: SdkReleaseInfo | null): Finding[] {
  const byId = new Map<string, Finding>();
  for (const f of judgeRuntime(runtime, { snippets, release })) byId.set(f.id, f);
  const nodeFindings = node
    ? judgeNode(node, snippets)
    : nodeNotApplicable('no node crate in this repository (runtime-only, or run by polkadot-omni-node): the node steps do not apply.');
  for (const f of nodeFindings) byId.set(f.id, f);
  return GUIDE_STEPS.filter((step) => step.side !== 'relay').map((step) => byId.get(step.id)!);
}

/** The relay prerequisite for one runtime, over the network configs that run it. */
export function judgeRelay(
  runtime: RuntimeFacts,
  configs: NetworkConfig[],
  relay: Omit<RelayContext, 'capacity'>,
  snippets: SnippetContext,
): { prerequisite: Prerequisite; stalls: Evidence[] } {
  return judgePrerequisite(configs, { ...relay, capacity: num(intOf(runtime.capacity.value)) }, snippets);
}

function num(v: bigint | undefined): number | undefined {
  return v === undefined ? undefined : Number(v);
}

/** The values and names fixes are rendered with: the project's where found, the guide's otherwise. */
export function snippetContext(facts: RuntimeFacts, configs: NetworkConfig[], release: SdkReleaseInfo | null): SnippetContext {
  const capacity = num(intOf(facts.capacity.value)) ?? 1;
  const velocity = Math.max(1, num(intOf(facts.velocity.value)) ?? 1);
  const c = configs[0];
  const hookAlias = facts.hook?.type?.via[0]?.name ?? 'ConsensusHook';
  return {
    capacity,
    velocity,
    relaySlotMs: 6000,
    blockTimeMs: num(intOf(facts.blockTime.value)) ?? 12000,
    authoringMs: 2000,
    allowMultipleBlocksPerSlot: facts.allowMultiple?.value ?? false,
    maxCandidateDepth: Math.max(c?.maxCandidateDepth ?? 3, capacity - 1),
    allowedAncestryLen: c?.allowedAncestryLen ?? 2,
    lookahead: Math.max(c?.lookahead ?? 3, 2),
    // 0 in every build, as generated projects have it (see judgeMinimumPeriod).
    minimumPeriod: 'zero',
    declareExperimental: false,
    zombienetFormat: c?.format ?? 'toml',
    relayLayout: { genesisUnderRuntime: false, topLevelLookahead: false },
    // A fix of the block time keeps the chain's slot: it cannot change on a running chain.
    keptSlotMs: num(intOf(facts.slotDuration.value)) ?? 0,
    auraPallet: facts.nimbus ? 'pallet_async_backing' : 'pallet_aura',
    auraSlotDurationFlagged: release?.caps.auraSlotDuration === 'experimental',
    // Current releases' `run` takes 10 type parameters: Block, the pair, and 8 inferred.
    lookaheadFields: {
      reinitialize: release?.caps.lookaheadParams.includes('reinitialize') ?? true,
      maxPovPercentage: release?.caps.lookaheadParams.includes('max_pov_percentage') ?? true,
    },
    auraRunHoles: Array.from({ length: (release?.caps.lookaheadRunTypeParams ?? 10) - 2 }, () => '_'),
    names: {
      capacity: constName(facts.capacity, 'UNINCLUDED_SEGMENT_CAPACITY'),
      velocity: constName(facts.velocity, 'BLOCK_PROCESSING_VELOCITY'),
      relaySlot: constName(facts.relaySlot, 'RELAY_CHAIN_SLOT_DURATION_MILLIS'),
      blockTime: facts.blockTime.item && facts.blockTime.item !== facts.slotDuration.item ? facts.blockTime.item.name : 'MILLI_SECS_PER_BLOCK',
      slotDuration: facts.slotDuration.item?.name ?? 'SLOT_DURATION',
      consensusHook: /^[A-Z]\w*$/.test(hookAlias) && hookAlias !== 'FixedVelocityConsensusHook' ? hookAlias : 'ConsensusHook',
      runtime: 'Runtime',
    },
  };
}
