// How each runtime step (1.1–1.8, 3.1–3.5) is judged on the facts runtime-facts.ts gathered:
// one judge per step, with file:line evidence, the fix, and the facts upgrade edits.

import { intOf, show, type Trace } from '../analysis/evaluate.js';
import type { RuntimeFacts } from '../analysis/runtime-facts.js';
import { callsHook, minimumPeriodVariants, pickItem, relayNumberRule } from '../analysis/runtime-lookups.js';
import { at, atItem, constLoc, describeConst, num, spanOf, textOf, Verdicts, type Evidence } from './evidence.js';
import type { FactFinding, Finding } from './findings.js';
import type { SdkReleaseInfo } from '../profiles/releases.js';
import type { SnippetContext } from './snippets.js';
import type { RuntimeStepId } from './steps.js';

export interface RuntimeJudgeContext {
  snippets: SnippetContext;
  /** The SDK release the runtime pins; null when it cannot be told. */
  release: SdkReleaseInfo | null;
}

/** What every runtime judge reads, computed once per runtime. */
interface Context extends RuntimeJudgeContext {
  facts: RuntimeFacts;
  v: Verdicts;
  root: Evidence;
  capacity: bigint | undefined;
  velocity: bigint | undefined;
  relaySlot: bigint | undefined;
  slot: bigint | undefined;
  /** The block time the runtime counts in (ms): see RuntimeFacts.blockTime. */
  blockTime: bigint | undefined;
  /** A capacity above 1: the runtime accepts unincluded blocks (phase 3). */
  asyncOn: boolean;
  /** Macros check cannot expand that may generate what a step did not find (`#[x] (file:line)`). */
  generated: string;
  /**
   * A step whose item is not in the source: unknown when macros check cannot expand may
   * generate it (naming every one), a failure otherwise.
   */
  /**
   * A step whose item is not in the runtime's source: unknown when unexpandable macros may
   * generate it, unless `readWhole` says the one place it must be was read.
   */
  missing: (id: RuntimeStepId, what: string, facts: FactFinding[], overrides?: Partial<SnippetContext>, readWhole?: boolean) => Finding;
}

const RUNTIME_JUDGES: Record<RuntimeStepId, (c: Context) => Finding> = {
  '1.1': judgeCapacityAndVelocity,
  '1.2': judgeRelaySlot,
  '1.3': judgeBlockTime,
  '1.4': judgeConsensusHook,
  '1.5': judgeAuraConfig,
  '1.6': judgeAuraApi,
  '1.7': judgeCanBuildUpon,
  '1.8': judgeValidateBlock,
  '3.1': judgeAllowMultiple,
  '3.2': judgeRaisedCapacity,
  '3.3': judgeShorterBlockTime,
  '3.4': judgeBlockWeight,
  '3.5': judgeMinimumPeriod,
};

/** Every runtime step, in guide order. */
export function judgeRuntime(facts: RuntimeFacts, ctx: RuntimeJudgeContext): Finding[] {
  const root: Evidence = { file: facts.root.file.rel, line: null };
  const capacity = intOf(facts.capacity.value);
  const c: Context = {
    ...ctx,
    facts,
    v: new Verdicts(ctx.snippets, root),
    root,
    capacity,
    velocity: intOf(facts.velocity.value),
    relaySlot: intOf(facts.relaySlot.value),
    slot: intOf(facts.slotDuration.value),
    blockTime: intOf(facts.blockTime.value),
    asyncOn: capacity !== undefined && capacity > 1n,
    generated: facts.opaqueMacros.map((m) => `${m.name} (${m.at})`).join(', '),
    missing: (id, what, found, overrides, readWhole) =>
      c.generated && !readWhole
        ? c.v.unknown(id, root, `${what} is not in the runtime's source; the runtime invokes macros check cannot expand, which may generate it: ${c.generated}. Check this step by hand.`, found)
        : c.v.fail(id, root, `no ${what} found.`, found, overrides),
  };
  return Object.values(RUNTIME_JUDGES).map((judge) => judge(c));
}

// ---------------------------------------------------------------------------------------------
// Facts, as upgrade sees them

function constFact(fact: FactFinding['fact'], found: RuntimeFacts['capacity'], c: Context, target: FactFinding['target']): FactFinding {
  const loc = constLoc(found);
  return { fact, at: spanOf(loc), within: loc ? null : rootSpan(c), current: intOf(found.value) ?? null, target };
}

function blockTimeFact(c: Context, target: bigint, accepts?: { min?: bigint; max?: bigint }): FactFinding {
  const item = c.facts.blockTime.item;
  return { fact: 'blockTime', at: spanOf(item?.loc), within: item ? null : rootSpan(c), current: c.blockTime ?? null, target: { value: target, ...(accepts ? { accepts } : {}) } };
}

/** `MILLISECS_PER_BLOCK = 6000 (file:line)`, and the Aura slot when it is another constant. */
function describeBlockTime(c: Context): string {
  const { facts } = c;
  const block = describeConst(facts.blockTime, 'MILLI_SECS_PER_BLOCK');
  const slotItem = facts.slotDuration.item;
  if (!slotItem || slotItem === facts.blockTime.item) return block;
  const longer = c.slot !== undefined && c.blockTime !== undefined && c.slot > c.blockTime ? ', a longer slot than the block time, kept on purpose with AllowMultipleBlocksPerSlot' : '';
  return `${block}; slot ${describeConst(facts.slotDuration, 'SLOT_DURATION')}${longer}`;
}

function rootSpan(c: Context) {
  const file = c.facts.root.file;
  return file.parsed ? spanOf({ file, node: file.parsed.tree.rootNode, body: null }) : null;
}

/**
 * Async backing behind a Cargo feature: the variants of an item the default build leaves out
 * (`#[cfg(feature = "async-backing")]`), as a note saying what turning the feature on gives.
 */
function whenFeatureOn(variants: readonly { cfgs: string[] }[], holds: (cfgs: string[]) => boolean, show: (index: number) => string | undefined): string {
  const notes: string[] = [];
  variants.forEach((v, i) => {
    if (holds(v.cfgs)) return;
    const feature = v.cfgs.map((c) => /^feature\s*=\s*"([^"]+)"$/.exec(c.trim())?.[1]).find(Boolean);
    const value = show(i);
    if (feature && value !== undefined) notes.push(`feature "${feature}" (off by default) makes it ${value}`);
  });
  return notes.length > 0 ? ` The default build is judged; ${notes.join(', ')}.` : '';
}

/** The note for a constant defined once per feature. */
function constVariants(c: Context, found: RuntimeFacts['capacity']): string {
  const item = found.item;
  if (!item) return '';
  const variants = item.module.items.get(item.name) ?? [];
  return whenFeatureOn(variants, (cfgs) => item.module.cfgHolds(cfgs), (i) => {
    const v = variants[i]!;
    const value = (v.kind === 'const' || v.kind === 'static') && v.value ? c.facts.evaluator.expr(v.module, v.value) : undefined;
    return value ? show(value) : undefined;
  });
}

/** The note for a pallet config item set once per feature. */
function configVariants(config: RuntimeFacts['aura'], name: string): string {
  const variants = config?.items.get(name) ?? [];
  return whenFeatureOn(variants, (cfgs) => config!.module.cfgHolds(cfgs), (i) => variants[i]!.type?.text);
}

// ---------------------------------------------------------------------------------------------
// Phase 1

function judgeCapacityAndVelocity(c: Context): Finding {
  const { facts, capacity, velocity } = c;
  const e = facts.capacity.item ? atItem(facts.capacity.item) : at(facts.capacity.loc ?? facts.hook?.item.loc);
  const text = `${describeConst(facts.capacity, 'UNINCLUDED_SEGMENT_CAPACITY')}, ${describeConst(facts.velocity, 'BLOCK_PROCESSING_VELOCITY')}`;
  const atLeastOne = { value: 1n, accepts: { min: 1n } };
  const found = [constFact('capacity', facts.capacity, c, atLeastOne), constFact('velocity', facts.velocity, c, atLeastOne)];
  if (capacity !== undefined && velocity !== undefined && capacity >= 1n && velocity >= 1n) {
    return c.v.pass('1.1', e, `capacity and velocity are set: ${text}.`, found);
  }
  const missing =
    capacity === undefined && velocity === undefined
      ? 'neither the unincluded segment capacity nor the block processing velocity is defined'
      : capacity === undefined
        ? 'the unincluded segment capacity is not defined'
        : velocity === undefined
          ? 'the block processing velocity is not defined'
          : 'capacity and velocity must be at least 1';
  return c.v.fail('1.1', e, `${missing} (${text}); define both constants (1 until phase 3).`, found, { capacity: 1, velocity: 1 });
}

function judgeRelaySlot(c: Context): Finding {
  const { facts, relaySlot } = c;
  const e = facts.relaySlot.item ? atItem(facts.relaySlot.item) : at(facts.relaySlot.loc ?? facts.hook?.item.loc);
  const text = describeConst(facts.relaySlot, 'RELAY_CHAIN_SLOT_DURATION_MILLIS');
  const found = [constFact('relaySlot', facts.relaySlot, c, { value: 6000n })];
  if (relaySlot === 6000n) return c.v.pass('1.2', e, `relay chain slot duration: ${text}.`, found);
  if (relaySlot === undefined && facts.nimbus) {
    return c.v.notApplicable('1.2', at(facts.hook?.item.loc ?? facts.nimbus.loc), "Nimbus's FixedVelocityConsensusHook takes no relay chain slot duration (pallet_async_backing reads the relay slot itself).");
  }
  const message = relaySlot === undefined ? `no relay chain slot duration constant found; define it as 6000 ms.` : `relay chain slot duration is ${relaySlot} ms (${text}); relay chains use 6000 ms slots.`;
  return c.v.fail('1.2', e, message, found, { relaySlotMs: 6000 });
}

function judgeBlockTime(c: Context): Finding {
  const { facts, slot, blockTime, asyncOn, capacity } = c;
  const e = atItem(facts.blockTime.item ?? facts.slotDuration.item);
  const text = describeBlockTime(c);
  // Nimbus has no Aura slot constant: its slot comes from pallet_async_backing (step 1.5).
  if (blockTime === undefined || (slot === undefined && !facts.nimbus)) {
    const message = facts.slotDuration.item || facts.blockTime.item ? `${text}: its value cannot be evaluated.` : 'no SLOT_DURATION constant found; define the block time and SLOT_DURATION from it.';
    return c.v.fail('1.3', e, message, [blockTimeFact(c, 12000n)], { blockTimeMs: 12000 });
  }
  if (blockTime !== 12000n && !asyncOn) {
    return c.v.fail('1.3', e, `${text}: a block time other than 12000 ms needs async backing on (phase 3); with capacity ${num(capacity)} blocks come every 12 s, keep 12000.`, [blockTimeFact(c, 12000n)], { blockTimeMs: 12000 });
  }
  return c.v.pass('1.3', e, `block time: ${text}.`, [blockTimeFact(c, blockTime)]);
}

function judgeConsensusHook(c: Context): Finding {
  const { facts } = c;
  const ps = facts.parachainSystem;
  const hookTarget = { value: 'cumulus_pallet_aura_ext::FixedVelocityConsensusHook' };
  const relayTarget = { value: 'cumulus_pallet_parachain_system::RelayNumberMonotonicallyIncreases' };
  const noHook = c.release && !c.release.caps.consensusHook ? ` ${c.release.id} has neither (parachain-system's ConsensusHook and FixedVelocityConsensusHook came with polkadot-v1.1.0): move the runtime to a later release first.` : '';
  if (!ps) {
    const missing: FactFinding[] = [
      { fact: 'consensusHook', at: null, within: rootSpan(c), current: null, target: hookTarget },
      { fact: 'checkAssociatedRelayNumber', at: null, within: rootSpan(c), current: null, target: relayTarget },
    ];
    return c.missing('1.4', '`impl cumulus_pallet_parachain_system::Config for Runtime`', missing);
  }
  const problems: string[] = [];
  let unknownRule: string | null = null;
  let e = at(ps.loc);
  const hook = facts.hook;
  if (!hook) problems.push('parachain-system has no `ConsensusHook`');
  else if (!hook.fixed) {
    problems.push(`ConsensusHook is \`${hook.type?.path.join('::') || hook.item.type?.text}\`, not a FixedVelocityConsensusHook`);
    e = at(hook.item.loc);
  }
  const relay = pickItem(ps, 'CheckAssociatedRelayNumber');
  const rule = relay && relayNumberRule(facts, ps, relay);
  const through = rule && rule.via.length > 0 ? ` (through ${rule.via.join(' → ')}'s config)` : '';
  let relayNote = '';
  if (!relay) problems.push('parachain-system has no `CheckAssociatedRelayNumber`');
  else if (rule!.name === 'RelayNumberStrictlyIncreases') {
    problems.push(`CheckAssociatedRelayNumber is RelayNumberStrictlyIncreases${through}: it rejects a second block on the same relay parent, which async backing builds; use RelayNumberMonotonicallyIncreases`);
    e = at(relay.loc);
  } else if (rule!.name === 'AnyRelayNumber') {
    relayNote = ` CheckAssociatedRelayNumber is AnyRelayNumber${through}, which lets blocks share a relay parent as async backing needs (weaker than the guide's RelayNumberMonotonicallyIncreases, which also refuses an older relay parent): a deliberate choice, e.g. on a test network.`;
  } else if (rule!.name !== 'RelayNumberMonotonicallyIncreases') {
    unknownRule = `CheckAssociatedRelayNumber is \`${rule!.name}\`${through}, a rule check cannot read; it must let several blocks build on one relay parent (as RelayNumberMonotonicallyIncreases does)`;
    e = at(rule!.item.loc);
  }
  const found: FactFinding[] = [
    { fact: 'consensusHook', at: spanOf(hook?.item.loc), within: hook ? null : spanOf(ps.loc), current: hook ? textOf(hook.item.type ? { ...hook.item.loc, node: hook.item.type } : hook.item.loc) : null, target: hookTarget },
    { fact: 'checkAssociatedRelayNumber', at: spanOf(relay?.loc), within: relay ? null : spanOf(ps.loc), current: relay?.type ? textOf({ ...relay.loc, node: relay.type }) : null, target: relayTarget },
  ];
  if (problems.length > 0) return c.v.fail('1.4', e, `${problems.join('; ')}.${hook ? '' : noHook}`, found);
  const fixedPath = hook!.fixed!.path.join('::');
  const hookText = hook!.delegate ? `ConsensusHook is ${hook!.delegate}, which delegates to FixedVelocityConsensusHook (${fixedPath})` : `ConsensusHook is FixedVelocityConsensusHook (${fixedPath})`;
  if (unknownRule) return c.v.unknown('1.4', e, `${hookText}; ${unknownRule}.`, found);
  const ruleText = rule!.name === 'RelayNumberMonotonicallyIncreases' ? ` and CheckAssociatedRelayNumber is RelayNumberMonotonicallyIncreases${through}.` : `.${relayNote}`;
  return c.v.pass('1.4', at(hook!.item.loc), `${hookText}${ruleText}`, found);
}

/** Nimbus: pallet_async_backing holds AllowMultipleBlocksPerSlot; the slot comes from GetAndVerifySlot. */
function judgeNimbusSlot(c: Context, nimbus: NonNullable<RuntimeFacts['nimbus']>): Finding {
  const allow = c.facts.allowMultiple;
  const found: FactFinding[] = [{ fact: 'allowMultipleBlocksPerSlot', at: spanOf(allow?.item.loc), within: allow ? null : spanOf(nimbus.loc), current: allow?.value ?? null, target: { value: allow?.value ?? false } }];
  const slotFrom = pickItem(nimbus, 'GetAndVerifySlot')?.type?.text.replace(/\s+/g, ' ');
  const slotNote = `Nimbus has no Aura SlotDuration: pallet_async_backing's GetAndVerifySlot${slotFrom ? ` (\`${slotFrom}\`)` : ''} gives the slot`;
  if (!allow) return c.v.fail('1.5', at(nimbus.loc), `pallet_async_backing has no AllowMultipleBlocksPerSlot. ${slotNote}.`, found, { allowMultipleBlocksPerSlot: false });
  if (allow.value === undefined) return c.v.fail('1.5', at(allow.item.loc), `AllowMultipleBlocksPerSlot (\`${allow.item.type?.text}\`) is not a constant boolean. ${slotNote}.`, found, { allowMultipleBlocksPerSlot: false });
  return c.v.pass('1.5', at(allow.item.loc), `pallet_async_backing's AllowMultipleBlocksPerSlot = ${allow.value}. ${slotNote}.`, found);
}

function judgeAuraConfig(c: Context): Finding {
  const { facts, slot } = c;
  if (facts.nimbus) return judgeNimbusSlot(c, facts.nimbus);
  const aura = facts.aura;
  const allow = facts.allowMultiple;
  const auraSlot = facts.auraSlot;
  // Whether the release has SlotDuration, and under pallet-aura's own feature only (v1.1–v1.9).
  const slotCap = c.release?.caps.auraSlotDuration;
  const experimental = 'feature = "experimental"';
  const found: FactFinding[] = [
    { fact: 'allowMultipleBlocksPerSlot', at: spanOf(allow?.item.loc), within: allow ? null : spanOf(aura?.loc) ?? rootSpan(c), current: allow?.value ?? null, target: { value: allow?.value ?? false } },
    ...(slotCap === 'absent'
      ? []
      : [{ fact: 'auraSlotDuration' as const, at: spanOf(auraSlot?.item.loc), within: auraSlot ? null : spanOf(aura?.loc) ?? rootSpan(c), current: auraSlot?.value ?? null, target: { value: slot ?? null, cfg: slotCap === 'experimental' ? experimental : null } }]),
  ];
  if (!aura) {
    return c.missing('1.5', '`impl pallet_aura::Config for Runtime`', found, { allowMultipleBlocksPerSlot: false });
  }
  const problems: string[] = [];
  const notes: string[] = [];
  let e = at(aura.loc);
  if (!allow) problems.push('AllowMultipleBlocksPerSlot is not set');
  else if (allow.value === undefined) {
    problems.push(`AllowMultipleBlocksPerSlot (\`${allow.item.type?.text}\`) is not a constant boolean`);
    e = at(allow.item.loc);
  }
  const flagged = auraSlot?.gated === true && auraSlot.item.cfgs.some((cfg) => /feature\s*=\s*"experimental"/.test(cfg) && !/not\s*\(/.test(cfg));
  let unknown: string | null = null;
  if (slotCap === 'absent') {
    notes.push(`${c.release!.id}'s pallet-aura has no SlotDuration (Aura's slot is twice the timestamp MinimumPeriod)`);
  } else if (!auraSlot) {
    problems.push(slotCap === 'experimental' ? `SlotDuration is not set (on ${c.release!.id} it is an item under pallet-aura's experimental feature, as the guide writes it)` : 'SlotDuration is not set (it is a required item on current releases)');
  } else if (flagged && slotCap === 'required') {
    problems.push(`SlotDuration is behind \`#[cfg(feature = "experimental")]\`; ${c.release!.id} requires it unconditionally`);
    e = at(auraSlot.item.loc);
  } else if (flagged && slotCap === undefined) {
    unknown = 'SlotDuration is behind `#[cfg(feature = "experimental")]`: right on polkadot-v1.1.0–v1.9.0 (where pallet-aura has it only under that feature), a build error on later releases; check could not tell the release this runtime pins';
    e = at(auraSlot.item.loc);
  } else if (auraSlot.value === undefined || slot === undefined || auraSlot.value !== slot) {
    problems.push(`SlotDuration is \`${auraSlot.item.type?.text}\` = ${num(auraSlot.value)} ms, not SLOT_DURATION (${num(slot)} ms)`);
    e = at(auraSlot.item.loc);
  } else if (flagged) {
    notes.push(`under \`#[cfg(feature = "experimental")]\`, as ${c.release!.id}'s pallet-aura has it`);
  }
  if (problems.length > 0) return c.v.fail('1.5', e, `${problems.join('; ')}.`, found, { allowMultipleBlocksPerSlot: allow?.value ?? false });
  if (unknown) return c.v.unknown('1.5', e, `${unknown}.`, found);
  const slotText = auraSlot && slotCap !== 'absent' ? `, SlotDuration = ${auraSlot.value} ms (SLOT_DURATION)` : '';
  const noteText = notes.length > 0 ? ` (${notes.join('; ')})` : '';
  return c.v.pass('1.5', auraSlot ? at(auraSlot.item.loc) : at(allow!.item.loc), `AllowMultipleBlocksPerSlot = ${allow!.value}${slotText}${noteText}.`, found);
}

function judgeAuraApi(c: Context): Finding {
  const { facts, slot } = c;
  const api = facts.auraApi;
  if (!api && facts.nimbus) {
    return c.v.notApplicable('1.6', at(facts.nimbus.loc), 'Nimbus runtimes have no AuraApi::slot_duration: collators take the slot from pallet_async_backing\'s GetAndVerifySlot (step 1.5).');
  }
  const fact = (value: bigint | undefined): FactFinding[] => [
    { fact: 'auraApiSlotDuration', at: spanOf(api?.loc), within: api ? null : rootSpan(c), current: value ?? (api ? textOf(api.loc) : null), target: { value: slot ?? null } },
  ];
  if (!api) return c.missing('1.6', '`AuraApi::slot_duration` (in impl_runtime_apis!)', fact(undefined), {}, facts.apisRead !== undefined);
  const trace: Trace = { items: [] };
  const value = intOf(facts.evaluator.expr(api.module, api.node.childForFieldName('body'), trace));
  if (value !== undefined && slot !== undefined && value === slot) {
    const via = trace.items.filter((i) => i.kind === 'fn').map((i) => `${i.name}()`);
    return c.v.pass('1.6', at(api.loc), `AuraApi::slot_duration returns ${value} ms (SLOT_DURATION${via.length ? `, through ${via.join(', ')}` : ''}).`, fact(value));
  }
  const body = api.node.childForFieldName('body')?.text.replace(/\s+/g, ' ').trim() ?? '';
  const viaPallet = /\bslot_duration\s*\(\s*\)/.test(body) && facts.auraSlot?.value === undefined;
  const message =
    value !== undefined
      ? `AuraApi::slot_duration returns ${value} ms, SLOT_DURATION is ${num(slot)} ms.`
      : viaPallet
        ? `AuraApi::slot_duration (\`${body}\`) asks pallet_aura, which has no SlotDuration set to SLOT_DURATION (step 1.5); return SLOT_DURATION.`
        : `AuraApi::slot_duration (\`${body}\`) does not evaluate to SLOT_DURATION.`;
  return c.v.fail('1.6', at(api.loc), message, fact(value));
}

function judgeCanBuildUpon(c: Context): Finding {
  const { facts } = c;
  const api = facts.canBuildUpon;
  const target = { value: `${c.snippets.names.consensusHook}::can_build_upon(included_hash, slot)` };
  if (!api) {
    return c.missing('1.7', '`AuraUnincludedSegmentApi::can_build_upon` (in impl_runtime_apis!)', [{ fact: 'canBuildUpon', at: null, within: rootSpan(c), current: null, target }], {}, facts.apisRead !== undefined);
  }
  const found: FactFinding[] = [{ fact: 'canBuildUpon', at: spanOf(api.loc), within: null, current: textOf(api.loc), target }];
  if (callsHook(facts, api.module, api.node, 0)) return c.v.pass('1.7', at(api.loc), `${api.trait}::can_build_upon asks the FixedVelocityConsensusHook.`, found);
  return c.v.fail('1.7', at(api.loc), `${api.trait}::can_build_upon does not call the FixedVelocityConsensusHook's can_build_upon.`, found);
}

function judgeValidateBlock(c: Context): Finding {
  const vb = c.facts.validateBlock;
  if (!vb) {
    return c.missing('1.8', '`register_validate_block!`', [{ fact: 'checkInherents', at: null, within: rootSpan(c), current: null, target: { value: null } }]);
  }
  const inherents = vb.keys.get('CheckInherents');
  const found: FactFinding[] = [{ fact: 'checkInherents', at: spanOf(inherents), within: spanOf(vb.loc), current: inherents ? textOf(inherents) : null, target: { value: null } }];
  if (inherents) return c.v.fail('1.8', at(inherents), 'register_validate_block! still passes CheckInherents; FixedVelocityConsensusHook makes it unnecessary: remove it.', found);
  return c.v.pass('1.8', at(vb.loc), 'register_validate_block! has no CheckInherents.', found);
}

// ---------------------------------------------------------------------------------------------
// Phase 3

function judgeAllowMultiple(c: Context): Finding {
  const { facts } = c;
  const allow = facts.allowMultiple;
  const found: FactFinding[] = [{ fact: 'allowMultipleBlocksPerSlot', at: spanOf(allow?.item.loc), within: allow ? null : spanOf(facts.aura?.loc) ?? rootSpan(c), current: allow?.value ?? null, target: { value: true } }];
  if (allow?.value === true) return c.v.pass('3.1', at(allow.item.loc), 'AllowMultipleBlocksPerSlot is true.', found);
  if (!facts.aura && !facts.nimbus) return c.missing('3.1', '`impl pallet_aura::Config for Runtime` (AllowMultipleBlocksPerSlot)', found, { allowMultipleBlocksPerSlot: true });
  const e = allow ? at(allow.item.loc) : at((facts.aura ?? facts.nimbus)!.loc);
  const message = allow ? `AllowMultipleBlocksPerSlot is ${allow.value ?? `\`${allow.item.type?.text}\``}; phase 3 sets it to true.${configVariants(facts.aura ?? facts.nimbus, 'AllowMultipleBlocksPerSlot')}` : 'AllowMultipleBlocksPerSlot is not set; phase 3 sets it to true.';
  return c.v.fail('3.1', e, message, found, { allowMultipleBlocksPerSlot: true });
}

function judgeRaisedCapacity(c: Context): Finding {
  const { facts, capacity } = c;
  const e = facts.capacity.item ? atItem(facts.capacity.item) : at(facts.capacity.loc);
  const wanted = Math.max(3, c.snippets.capacity);
  const found = [constFact('capacity', facts.capacity, c, { value: BigInt(wanted), accepts: { min: 2n } })];
  if (capacity !== undefined && capacity > 1n) return c.v.pass('3.2', e, `unincluded segment capacity is ${capacity} (> 1).`, found);
  return c.v.fail('3.2', e, `unincluded segment capacity is ${num(capacity)}; phase 3 raises it above 1 (the guide uses 3).${constVariants(c, facts.capacity)}`, found, { capacity: wanted });
}

/**
 * The block time the runtime counts in is at most the relay slot; with velocity > 1 it may count
 * the shorter blocks it produces (relay slot / velocity), which is allowed, not required.
 */
function judgeShorterBlockTime(c: Context): Finding {
  const { facts, blockTime, relaySlot, velocity } = c;
  const e = atItem(facts.blockTime.item ?? facts.slotDuration.item);
  const relay = relaySlot ?? 6000n;
  const shortest = velocity !== undefined && velocity > 0n ? relay / velocity : relay;
  const found = [blockTimeFact(c, relay, { min: shortest, max: relay })];
  const text = describeBlockTime(c);
  if (blockTime !== undefined && blockTime <= relay && blockTime >= shortest) {
    const per = velocity !== undefined && velocity > 1n ? ` (velocity ${velocity}: from ${shortest} ms)` : '';
    return c.v.pass('3.3', e, `block time ${blockTime} ms, within the relay slot ${relay} ms${per}: ${text}.`, found);
  }
  const why =
    blockTime === undefined
      ? 'cannot be evaluated'
      : blockTime > relay
        ? `is longer than the relay slot (${relay} ms); with async backing a block comes every relay slot`
        : `is shorter than the relay slot (${relay} ms) / velocity (${num(velocity)}) = ${shortest} ms, faster than blocks can come`;
  return c.v.fail('3.3', e, `block time ${num(blockTime)} ms ${why}: ${text}.${constVariants(c, facts.blockTime)}`, found, { blockTimeMs: Number(relay) });
}

function judgeBlockWeight(c: Context): Finding {
  const w = c.facts.maxBlockWeight;
  const e = atItem(w.item);
  const ref = w.value?.kind === 'weight' ? w.value.ref : undefined;
  const found: FactFinding[] = [{ fact: 'maximumBlockWeight', at: spanOf(w.item?.loc), within: w.item ? null : rootSpan(c), current: ref ?? null, target: { value: 2_000_000_000_000n } }];
  if (ref === 2_000_000_000_000n) return c.v.pass('3.4', e, `MAXIMUM_BLOCK_WEIGHT has ${show(w.value)}.`, found);
  const name = w.item?.name ?? (w.value ? 'MAXIMUM_BLOCK_WEIGHT (imported from parachains_common)' : undefined);
  const message = name ? `${name} has ${ref === undefined ? 'a ref time that cannot be evaluated' : show(w.value)}; with async backing a block gets 2 s.` : 'no MAXIMUM_BLOCK_WEIGHT constant found.';
  return c.v.fail('3.4', e, message, found);
}

function judgeMinimumPeriod(c: Context): Finding {
  const { facts, velocity } = c;
  const variants = minimumPeriodVariants(facts);
  const base = facts.timestamp ? at(facts.timestamp.loc) : c.root;
  const zero = velocity !== undefined && velocity > 1n ? 'zero' : 'flagged';
  // The fix sets 0 in every build, as the generator and the reference template do: the guide's
  // form, 0 under an `experimental` feature, leaves a plain `cargo build` at half a slot.
  const fixFor = (extra: Partial<SnippetContext> = {}) => ({ minimumPeriod: 'zero' as const, declareExperimental: false, ...extra });
  const target = { value: 0n, cfg: null };
  const fact = (v: (typeof variants)[number] | undefined): FactFinding[] => [
    { fact: 'minimumPeriod', at: spanOf(v?.item.loc), within: v ? null : spanOf(facts.timestamp?.loc) ?? rootSpan(c), current: v?.value ?? null, target },
  ];
  if (!facts.timestamp) return c.missing('3.5', '`impl pallet_timestamp::Config for Runtime`', fact(undefined), fixFor());
  if (variants.length === 0) return c.v.fail('3.5', base, 'pallet_timestamp has no MinimumPeriod.', fact(undefined), fixFor());
  const unconditional = variants.filter((x) => x.item.cfgs.length === 0);
  if (unconditional.length > 0) {
    const x = unconditional[0]!;
    if (x.value === 0n) return c.v.pass('3.5', at(x.item.loc), 'MinimumPeriod is 0: blocks sharing a slot may have close timestamps.', fact(x));
    return c.v.fail('3.5', at(x.item.loc), `MinimumPeriod is \`${x.item.type?.text}\` = ${num(x.value)} ms; with async backing it is 0 (the guide puts that under an \`experimental\` feature; set it in every build, so a plain \`cargo build\` gets it).`, fact(x), fixFor());
  }
  // Feature-flagged variants: a positive `feature = "x"` branch with 0, declared in Cargo.toml.
  const zeroBranch = variants.find((x) => x.value === 0n && x.item.cfgs.some((cfg) => /^feature\s*=/.test(cfg) || /^all\(/.test(cfg)));
  if (!zeroBranch) {
    const x = variants[0]!;
    return c.v.fail('3.5', at(x.item.loc), `no MinimumPeriod variant is 0 (${variants.map((y) => `#[cfg(${y.item.cfgs.join(', ')})] ${num(y.value)}`).join('; ')}).`, fact(x), fixFor());
  }
  const feature = /feature\s*=\s*"([^"]+)"/.exec(zeroBranch.item.cfgs.join(' '))?.[1];
  if (zero === 'zero') {
    return c.v.fail('3.5', at(zeroBranch.item.loc), `velocity ${velocity} puts several blocks in one slot: MinimumPeriod must be 0 unconditionally, not only under feature "${feature}".`, fact(zeroBranch), fixFor());
  }
  // The guide's feature-flagged alternative is in place; a feature the manifest never declares
  // cannot be switched on, which is worth a warning but is the team's build to decide.
  if (feature && !(feature in facts.crate.features)) {
    return c.v.pass('3.5', at(zeroBranch.item.loc), `MinimumPeriod is 0 under feature "${feature}", as the guide writes it. Warning: ${facts.crate.manifestRel} does not declare feature "${feature}", so no build can turn it on (add \`${feature} = []\` to its [features]).`, fact(zeroBranch));
  }
  return c.v.pass('3.5', at(zeroBranch.item.loc), `MinimumPeriod is 0 under feature "${feature}" (declared in ${facts.crate.manifestRel}).`, fact(zeroBranch));
}
