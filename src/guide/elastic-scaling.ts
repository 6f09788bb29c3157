// Elastic scaling, the step after the guide's phase 3: whether a runtime, its collator and its
// network are ready to produce `velocity` blocks per relay slot on as many relay cores, item by
// item, and the elastic-scaling settings that stall a chain. The numbers and their sources are in
// src/profiles/elastic-scaling.ts.

import type { ElasticFacts } from '../analysis/elastic-facts.js';
import { intOf } from '../analysis/evaluate.js';
import type { NodeFacts } from '../analysis/node-facts.js';
import type { NetworkConfig, NetworkParachain } from '../analysis/relay-facts.js';
import type { RuntimeFacts } from '../analysis/runtime-facts.js';
import { minimumPeriodValue } from '../analysis/runtime-lookups.js';
import { lineOfLoc, type Loc } from '../analysis/scope.js';
import {
  ELASTIC_SCALING_FROM,
  elasticCapacity,
  RELAY_PARENT_OFFSET_FROM,
  minimumCandidateDepth,
  minimumElasticCapacity,
  minimumLookahead,
  RECOMMENDED_RELAY_PARENT_OFFSET,
  UMP_SIGNALS_ALWAYS_FROM,
  WHOLE_CORE,
} from '../profiles/elastic-scaling.js';
import { relayGenesis, SDK_RELEASE_ORDER, type RelayChainSpec, RELAY_CHAIN_SPECS } from '../profiles/relay-chains.js';
import type { StallCause } from './stall-causes.js';

export type ElasticStatus = 'pass' | 'fail' | 'unknown';

export interface ElasticItem {
  /** `release`, `velocity`, `relay-parent-offset`, `offset-api`, `capacity`, `minimum-period`, `block-time`, `aura-slot`, `multiple-blocks-per-slot`, `ump-signals`, `collator`, `relay-cores`, `relay-params`, `validators`. */
  id: string;
  status: ElasticStatus;
  file: string | null;
  line: number | null;
  message: string;
}

export interface ElasticScalingReport {
  /** BLOCK_PROCESSING_VELOCITY above 1: the runtime is set for several cores. */
  enabled: boolean;
  velocity: number | null;
  relayParentOffset: number | null;
  /** `yes` when every item passes, `no` when one fails, else `unknown`. */
  ready: 'yes' | 'no' | 'unknown';
  items: ElasticItem[];
}

export interface ElasticContext {
  facts: RuntimeFacts;
  elastic: ElasticFacts;
  /** The node crate judged with the runtime, or null (runtime-only, run by polkadot-omni-node). */
  node: NodeFacts | null;
  configs: NetworkConfig[];
  /** The release the runtime pins, and what names it. */
  release: { release: string; source: string; file: string | null; line: number | null } | undefined;
  /** Package names of every runtime crate of the repository, to tell which parachain runs which. */
  runtimeCrates: string[];
  blockTimeMs: number | undefined;
}

const RELAY_SLOT_MS = 6000;
const SLOT_BASED_FLAGS = /^--authoring(=slot-based)?$|^--experimental-use-slot-based$/;

/** Whether collator flags start the slot-based collator (`--authoring slot-based`). */
export function hasSlotBasedFlag(args: readonly string[]): boolean {
  return args.some((a, i) => SLOT_BASED_FLAGS.test(a) && (a !== '--authoring' || args[i + 1] === 'slot-based'));
}

export function judgeElasticScaling(ctx: ElasticContext): { report: ElasticScalingReport; stalls: StallCause[] } {
  const { facts, elastic } = ctx;
  const items: ElasticItem[] = [];
  const stalls: StallCause[] = [];
  const root = { file: facts.root.file.rel, line: null };
  const push = (id: string, status: ElasticStatus, at: { file: string | null; line: number | null }, message: string) =>
    items.push({ id, status, file: at.file ?? root.file, line: at.line, message });

  const velocity = num(intOf(facts.velocity.value));
  const capacity = num(intOf(facts.capacity.value));
  const offset = num(elastic.relayParentOffset?.value);
  const apiOffset = num(elastic.offsetApi?.value);
  const v = velocity ?? 1;
  const o = offset ?? 0;

  // The release.
  const releaseAt = ctx.release ? releaseIndex(ctx.release.release) : -1;
  const from = releaseIndex(ELASTIC_SCALING_FROM);
  const pinned = ctx.release ? { file: ctx.release.file, line: ctx.release.line } : root;
  if (!ctx.release || releaseAt < 0) {
    push('release', 'unknown', pinned, `the polkadot-sdk release cannot be told${ctx.release ? ` (${ctx.release.release})` : ' (no Cargo.lock naming polkadot-runtime-parachains)'}; elastic scaling needs ${ELASTIC_SCALING_FROM} or later.`);
  } else if (releaseAt < releaseIndex(RELAY_PARENT_OFFSET_FROM)) {
    push('release', 'fail', pinned, `${ctx.release.release} (${ctx.release.source}) has no relay parent offset (parachain-system's RelayParentOffset, from ${RELAY_PARENT_OFFSET_FROM}), which the SDK's elastic-scaling guide requires; it needs polkadot-sdk ${ELASTIC_SCALING_FROM} or later.`);
  } else if (releaseAt < from) {
    push('release', 'unknown', pinned, `${ctx.release.release} (${ctx.release.source}): the SDK's elastic-scaling guide asks for ${ELASTIC_SCALING_FROM} or later, where the collator picks each block's core at the relay parent offset; on ${ctx.release.release} the runtime's SelectCore (GetCoreSelectorApi) picks it, as on Polkadot Asset Hub when it enabled elastic scaling on stable2507.`);
  } else {
    push('release', 'pass', pinned, `${ctx.release.release} (${ctx.release.source}): elastic scaling from ${ELASTIC_SCALING_FROM} on.`);
  }

  // Velocity and the relay parent offset.
  const velocityAt = at(facts.velocity.item?.loc ?? facts.velocity.loc);
  if (velocity === undefined) push('velocity', 'unknown', velocityAt, 'BLOCK_PROCESSING_VELOCITY cannot be read.');
  else if (velocity > 1) push('velocity', 'pass', velocityAt, `velocity ${velocity}: ${velocity} blocks per relay slot on ${velocity} cores.`);
  else push('velocity', 'fail', velocityAt, `velocity ${velocity}: one block per relay slot; elastic scaling raises BLOCK_PROCESSING_VELOCITY (2 or 3) and the block time falls to the relay slot / velocity.`);

  const offsetAt = elastic.relayParentOffset ? at(elastic.relayParentOffset.item.loc) : at(facts.parachainSystem?.loc);
  if (!elastic.relayParentOffset) {
    push('relay-parent-offset', 'fail', offsetAt, `parachain-system has no \`type RelayParentOffset\` (required from stable2506); set it to \`ConstU32<RELAY_PARENT_OFFSET>\` with RELAY_PARENT_OFFSET = ${RECOMMENDED_RELAY_PARENT_OFFSET}.`);
  } else if (offset === undefined) {
    push('relay-parent-offset', 'unknown', offsetAt, 'RelayParentOffset cannot be evaluated.');
  } else if (offset < 1) {
    push('relay-parent-offset', 'fail', offsetAt, `RelayParentOffset is 0; the SDK's elastic-scaling guide requires building behind the relay tip (${RECOMMENDED_RELAY_PARENT_OFFSET} recommended), or relay chain forks drop parachain blocks.`);
  } else {
    push('relay-parent-offset', 'pass', offsetAt, `RelayParentOffset is ${offset}.`);
  }

  const apiAt = elastic.offsetApi ? at(elastic.offsetApi.loc) : root;
  // Macros check cannot expand may hold the runtime APIs: then a missing API is not a finding,
  // unless the runtime's impl_runtime_apis! was read (it holds every API of the runtime).
  const hidden = !elastic.offsetApi && !facts.apisRead && facts.opaqueMacros.length > 0;
  if (hidden) {
    push('offset-api', 'unknown', apiAt, `no RelayParentOffsetApi found in impl_runtime_apis!, and the runtime invokes ${facts.opaqueMacros.length} macro${facts.opaqueMacros.length === 1 ? '' : 's'} check cannot expand that may implement it.`);
  } else if (!elastic.offsetApi) {
    push('offset-api', 'fail', apiAt, 'no `impl cumulus_primitives_core::RelayParentOffsetApi<Block> for Runtime` in impl_runtime_apis!: the slot-based collator reads the offset through it and takes 0 without it.');
  } else if (apiOffset === undefined || offset === undefined) {
    push('offset-api', 'unknown', apiAt, 'RelayParentOffsetApi::relay_parent_offset is implemented; its value and RelayParentOffset cannot both be evaluated to compare them.');
  } else if (apiOffset !== offset) {
    push('offset-api', 'fail', apiAt, `RelayParentOffsetApi::relay_parent_offset returns ${apiOffset} but RelayParentOffset is ${offset}: return the same constant.`);
  } else {
    push('offset-api', 'pass', apiAt, `RelayParentOffsetApi::relay_parent_offset returns ${apiOffset}, as RelayParentOffset.`);
  }
  if (offset !== undefined && offset > 0 && !elastic.offsetApi && !hidden) {
    stalls.push({
      id: 'offset-without-api',
      ...offsetAt,
      message: `RelayParentOffset is ${offset} but the runtime does not implement RelayParentOffsetApi: the collator reads offset 0, sends no relay parent descendants, and set_validation_data panics ("Unable to verify provided relay parent descendants") on every block.`,
      source: 'cumulus-pallet-parachain-system set_validation_data (descendant_validation.rs); cumulus-client-consensus-aura collators/slot_based/block_builder_task.rs (relay_parent_offset(..).unwrap_or_default())',
    });
  } else if (offset !== undefined && apiOffset !== undefined && apiOffset !== offset && (offset > 0 || apiOffset > 0)) {
    stalls.push({
      id: 'offset-api-mismatch',
      ...apiAt,
      message: `RelayParentOffsetApi returns ${apiOffset} while RelayParentOffset is ${offset}: the collator builds with ${apiOffset} relay parent descendants (and claim queue offset) and the runtime expects ${offset}, so every block panics.`,
      source: 'cumulus-pallet-parachain-system descendant_validation.rs (InvalidNumberOfDescendants), lib.rs on_initialize (claim queue offset)',
    });
  }

  // Capacity, block time, timestamp, Aura.
  const capacityAt = at(facts.capacity.item?.loc ?? facts.capacity.loc);
  const least = minimumElasticCapacity(v, o);
  if (capacity === undefined) push('capacity', 'unknown', capacityAt, 'UNINCLUDED_SEGMENT_CAPACITY cannot be read.');
  else if (capacity < least) {
    push('capacity', 'fail', capacityAt, `capacity ${capacity} is below (2 + offset) × velocity + 1 = ${least} (the SDK's guide; chains in production use (3 + offset) × velocity = ${elasticCapacity(v, o)}).`);
    if (v > 1) {
      stalls.push({
        id: 'elastic-capacity',
        ...capacityAt,
        message: `UNINCLUDED_SEGMENT_CAPACITY ${capacity} is below ${least} for velocity ${v} and relay parent offset ${o}: the segment fills before ${v} blocks per relay slot can be backed and included, so blocks come slower than the velocity promises.`,
        source: "polkadot-sdk's elastic-scaling guide (capacity formula); cumulus-client-consensus-aura collators/mod.rs",
      });
    }
  } else push('capacity', 'pass', capacityAt, `capacity ${capacity} ≥ (2 + offset) × velocity + 1 = ${least}.`);

  const period = minimumPeriodValue(facts);
  const periodAt = at(facts.timestamp?.items.get('MinimumPeriod')?.[0]?.loc ?? facts.timestamp?.loc);
  if (period === undefined) push('minimum-period', 'unknown', periodAt, 'pallet_timestamp MinimumPeriod cannot be read.');
  else if (period !== 0n) push('minimum-period', 'fail', periodAt, `MinimumPeriod is ${period} ms: blocks built on one relay parent share its timestamp, so it must be 0.`);
  else push('minimum-period', 'pass', periodAt, 'MinimumPeriod is 0.');

  const blockAt = at(facts.blockTime.item?.loc ?? facts.slotDuration.item?.loc);
  const expected = Math.floor(RELAY_SLOT_MS / v);
  if (ctx.blockTimeMs === undefined) push('block-time', 'unknown', blockAt, 'the block time cannot be read.');
  else if (ctx.blockTimeMs !== expected) push('block-time', 'fail', blockAt, `the block time is ${ctx.blockTimeMs} ms; at velocity ${v} it is the relay slot / velocity = ${expected} ms (MINUTES, HOURS and DAYS count blocks of it).`);
  else push('block-time', 'pass', blockAt, `the block time is ${ctx.blockTimeMs} ms = relay slot / velocity.`);

  const slot = num(facts.auraSlot?.value ?? intOf(facts.slotDuration.value));
  const slotAt = at(facts.auraSlot?.item.loc ?? facts.slotDuration.item?.loc);
  if (slot === undefined) push('aura-slot', 'unknown', slotAt, 'the Aura slot duration cannot be read.');
  else if (slot < RELAY_SLOT_MS) push('aura-slot', 'fail', slotAt, `the Aura slot is ${slot} ms; the SDK's guide requires at least the relay slot (6 s; 24 s for a new chain, a live chain keeps its own): the slot-based collator stops authoring 1 s before a slot whose successor has another author ends.`);
  else push('aura-slot', 'pass', slotAt, `the Aura slot is ${slot} ms (at least the relay slot).`);

  const allow = facts.allowMultiple;
  if (allow?.value === true) push('multiple-blocks-per-slot', 'pass', at(allow.item.loc), 'AllowMultipleBlocksPerSlot is true.');
  else push('multiple-blocks-per-slot', allow?.value === false ? 'fail' : 'unknown', at(allow?.item.loc ?? facts.aura?.loc), `AllowMultipleBlocksPerSlot is ${allow?.value ?? 'not found'}: several blocks share each Aura slot under elastic scaling.`);

  // UMP signals (RFC 103 core commitments).
  const ump = elastic.umpSignals;
  if (releaseAt < 0) push('ump-signals', 'unknown', root, 'whether parachain-system sends UMP signals on its own depends on the release, which cannot be told.');
  else if (releaseAt >= releaseIndex(UMP_SIGNALS_ALWAYS_FROM)) push('ump-signals', 'pass', pinned, `parachain-system sends the core commitment (UMP signals) on ${ctx.release!.release} without a feature.`);
  else if (ump) push('ump-signals', 'pass', ump, 'parachain-system\'s experimental-ump-signals feature is on.');
  else push('ump-signals', releaseAt >= from ? 'fail' : 'unknown', { file: facts.crate.manifestRel, line: null }, 'parachain-system\'s `experimental-ump-signals` feature is off: the SDK\'s guide makes RFC 103 core commitments mandatory (protection against PoV replay); add it to the dependency\'s features.');

  // The collator.
  const slotBased = judgeCollator(ctx);
  items.push(slotBased.item);
  if (offset !== undefined && offset > 0 && slotBased.lookahead) {
    stalls.push({
      id: 'offset-lookahead-collator',
      file: slotBased.item.file,
      line: slotBased.item.line,
      message: `RelayParentOffset is ${offset} but ${slotBased.lookahead}: only the slot-based collator builds at an offset, the runtime rejects the other collator's blocks ("Unable to verify provided relay parent descendants").`,
      source: 'cumulus-client-consensus-aura collators (only slot_based reads RelayParentOffsetApi); cumulus-pallet-parachain-system set_validation_data',
    });
  }

  // The relay network.
  items.push(...judgeNetwork(ctx, v, o));

  const fails = items.some((i) => i.status === 'fail');
  const ready = fails ? 'no' : items.every((i) => i.status === 'pass') ? 'yes' : 'unknown';
  return { report: { enabled: v > 1, velocity: velocity ?? null, relayParentOffset: offset ?? null, ready, items }, stalls };
}

/**
 * The parachains of the network configs that run this runtime: all of them, except those whose
 * `chain` names another runtime of the repository (`bridge-hub-kusama-local` is not asset-hub's).
 */
function ownParachains(ctx: ElasticContext): { c: NetworkConfig; p: NetworkParachain }[] {
  return parachainsOf(ctx.facts.crate.name, ctx.runtimeCrates, ctx.configs);
}

/** The parachains of `configs` that run runtime crate `crate` (of the repository's `runtimeCrates`). */
export function parachainsOf(crate: string, runtimeCrates: readonly string[], configs: readonly NetworkConfig[]): { c: NetworkConfig; p: NetworkParachain }[] {
  const stem = (name: string) => name.replace(/[-_]runtime$/, '').replace(/_/g, '-');
  const own = stem(crate);
  const others = runtimeCrates.map(stem).filter((s) => s !== own && !own.includes(s));
  return configs.flatMap((c) =>
    c.parachains
      .filter((p) => !p.chain || p.chain.includes(own) || !others.some((o) => p.chain!.includes(o)))
      .map((p) => ({ c, p })),
  );
}

/** The node's collator, or the omni-node's `--authoring` flag in the network configs. */
function judgeCollator(ctx: ElasticContext): { item: ElasticItem; lookahead: string | null } {
  const node = ctx.node;
  const item = (status: ElasticStatus, file: string | null, line: number | null, message: string): ElasticItem => ({ id: 'collator', status, file, line, message });
  if (node && !node.omniNodeLib) {
    const slot = node.runs.find((r) => r.kind === 'slot_based');
    if (slot) return { item: item('pass', slot.loc.file.rel, lineOfLoc(slot.loc), `${node.crate.name} runs the slot-based collator (${slot.path}).`), lookahead: null };
    const other = node.runs[0];
    const file = other ? other.loc.file.rel : node.crate.manifestRel;
    const line = other ? lineOfLoc(other.loc) : null;
    const what = other ? `the node runs ${other.path}` : 'no collator start was found in the node';
    return { item: item('fail', file, line, `${what}: elastic scaling needs cumulus_client_consensus_aura::collators::slot_based (it uses every core and builds at the relay parent offset).`), lookahead: other?.kind === 'lookahead' ? `${node.crate.name} runs the lookahead collator` : null };
  }
  // polkadot-omni-node (or a node built on polkadot-omni-node-lib): the flag picks the collator.
  const paras = ownParachains(ctx);
  if (paras.length === 0) {
    return { item: item('unknown', node?.crate.manifestRel ?? null, null, 'the collators are polkadot-omni-node (or built on its library) and no network config starts them: run them with `--authoring slot-based`.'), lookahead: null };
  }
  const flagged = paras.find(({ p }) => hasSlotBasedFlag(p.collatorArgs));
  if (flagged) return { item: item('pass', flagged.c.file, flagged.p.line, 'the collators run with `--authoring slot-based`.'), lookahead: null };
  const first = paras[0]!;
  return {
    item: item('fail', first.c.file, first.p.line, 'the network config starts the collators without `--authoring slot-based`: polkadot-omni-node then runs the lookahead collator, one block per relay block, at offset 0.'),
    lookahead: 'the collators run without `--authoring slot-based` (the lookahead collator)',
  };
}


/** Cores, relay params and validators, per network config. */
function judgeNetwork(ctx: ElasticContext, v: number, o: number): ElasticItem[] {
  const own = ownParachains(ctx);
  const configs = ctx.configs.filter((c) => own.some((x) => x.c === c));
  if (configs.length === 0) {
    const message = `no network config starts this runtime's parachain${ctx.configs.length > 0 ? ` (${ctx.configs.map((c) => c.file).join(', ')} start${ctx.configs.length === 1 ? 's' : ''} others)` : ''}: the relay chain must give it ${v} cores and accept its relay parents ${o} blocks back.`;
    return ['relay-cores', 'relay-params', 'validators'].map((id) => ({ id, status: 'unknown' as const, file: null, line: null, message }));
  }
  const cores: ElasticItem[] = [];
  const params: ElasticItem[] = [];
  const validators: ElasticItem[] = [];
  for (const c of configs) {
    const genesisParas = own.filter((x) => x.c === c && x.p.genesis).length;
    const numCores = c.explicit.numCores;
    const line = numCores?.line ?? c.relayLine;
    const extra = numCores?.value ?? 0;
    if (genesisParas === 0) cores.push({ id: 'relay-cores', status: 'unknown', file: c.file, line: c.relayLine, message: `${c.file} puts no parachain in the relay genesis: its cores come from registration and coretime.` });
    else if (extra < v - 1) {
      cores.push({ id: 'relay-cores', status: 'fail', file: c.file, line, message: `${c.file}: scheduler_params.num_cores is ${numCores ? extra : 'not set'}, so the parachain has its own core only; velocity ${v} needs ${v - 1} more (num_cores = ${v - 1}, then assign them: sudo coretime.assignCore(core, 0, [[{ task: <para id> }, ${WHOLE_CORE}]], null)).` });
    } else if (ctx.elastic.coreAssignments.length === 0) {
      cores.push({ id: 'relay-cores', status: 'unknown', file: c.file, line, message: `${c.file}: num_cores ${extra} adds the cores, but nothing beside the config assigns them to the parachain (coretime.assignCore); assign them by hand once the network runs.` });
    } else {
      const a = ctx.elastic.coreAssignments[0]!;
      cores.push({ id: 'relay-cores', status: 'pass', file: c.file, line, message: `${c.file}: num_cores ${extra} plus each genesis parachain's own core, assigned by ${a.file}:${a.line}.` });
    }

    // Lookahead (validators accept relay parents up to lookahead − 1 back), and the params of
    // relays that still read them.
    const chain = c.chain?.value as RelayChainSpec | undefined;
    const release = c.releases[0]?.named ?? ctx.release?.release;
    const genesis = chain && (RELAY_CHAIN_SPECS as readonly string[]).includes(chain) && release ? relayGenesis(chain, release) : undefined;
    const defaults = genesis?.builtIn ? genesis.defaults : undefined;
    const lookahead = c.explicit.lookahead?.value ?? defaults?.lookahead;
    const readsParams = defaults?.asyncBackingParamsRead;
    const problems: string[] = [];
    if (lookahead !== undefined && lookahead < minimumLookahead(o)) problems.push(`scheduler lookahead ${lookahead} is below ${minimumLookahead(o)} (relay parents up to lookahead - 1 back must reach offset ${o})`);
    if (readsParams !== false) {
      const depth = c.explicit.maxCandidateDepth?.value ?? defaults?.maxCandidateDepth;
      const ancestry = c.explicit.allowedAncestryLen?.value ?? defaults?.allowedAncestryLen;
      if (depth !== undefined && depth < minimumCandidateDepth(v)) problems.push(`max_candidate_depth ${depth} is below 2 × velocity = ${minimumCandidateDepth(v)}`);
      if (ancestry !== undefined && ancestry < o) problems.push(`allowed_ancestry_len ${ancestry} does not reach the relay parent offset ${o}`);
    }
    const paramLine = c.explicit.lookahead?.line ?? c.explicit.maxCandidateDepth?.line ?? c.relayLine;
    if (problems.length > 0) params.push({ id: 'relay-params', status: 'fail', file: c.file, line: paramLine, message: `${c.file}: ${problems.join('; ')}.` });
    else if (lookahead === undefined) params.push({ id: 'relay-params', status: 'unknown', file: c.file, line: paramLine, message: `${c.file}: the relay's scheduler lookahead cannot be told (no value set, release or chain spec unknown).` });
    else params.push({ id: 'relay-params', status: 'pass', file: c.file, line: paramLine, message: `${c.file}: lookahead ${lookahead} reaches offset ${o}${readsParams === false ? ` (${release} relays derive the ancestry from it)` : ''}.` });

    if (c.validators < v) validators.push({ id: 'validators', status: 'fail', file: c.file, line: c.relayLine, message: `${c.file} runs ${c.validators} relay validator${c.validators === 1 ? '' : 's'}: the relay makes one backing group per core, so ${v} cores need at least ${v}.` });
    else validators.push({ id: 'validators', status: 'pass', file: c.file, line: c.relayLine, message: `${c.file} runs ${c.validators} relay validators (one backing group per core).` });
  }
  return [worst(cores), worst(params), worst(validators)];
}

/** One item over several configs: the first failure, else the first unknown, else the first pass. */
function worst(items: ElasticItem[]): ElasticItem {
  return items.find((i) => i.status === 'fail') ?? items.find((i) => i.status === 'unknown') ?? items[0]!;
}

function releaseIndex(release: string): number {
  return (SDK_RELEASE_ORDER as readonly string[]).indexOf(release);
}

function at(loc: Loc | undefined): { file: string | null; line: number | null } {
  return loc ? { file: loc.file.rel, line: lineOfLoc(loc) } : { file: null, line: null };
}

function num(value: bigint | undefined): number | undefined {
  return value === undefined ? undefined : Number(value);
}
