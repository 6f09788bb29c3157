// Judging: each runtime step (1.1–1.8, 3.1–3.5) passes or fails on the facts runtime.ts gathered,
// with file:line evidence and the snippet that fixes it.

import { intOf, show, where, type Trace } from '../analysis/evaluate.js';
import type { Found, RuntimeFacts } from '../analysis/runtime-facts.js';
import { callsHook, minimumPeriodVariants, pickItem } from '../analysis/runtime-lookups.js';
import { lineOfLoc, type Item, type Loc } from '../analysis/scope.js';
import { renderSnippet, type SnippetContext, type SnippetName } from './snippets.js';
import type { StepResult } from './steps.js';

export interface JudgeContext {
  snippets: SnippetContext;
}

type Evidence = { file: string | null; line: number | null };

function at(loc: Loc | undefined): Evidence {
  return loc ? { file: loc.file.rel, line: lineOfLoc(loc) } : { file: null, line: null };
}

function atItem(item: Item | undefined): Evidence {
  return item ? at(item.loc) : { file: null, line: null };
}

function num(v: bigint | undefined): string {
  return v === undefined ? '?' : v.toString();
}

export function describeConst(found: Found, fallbackName: string): string {
  const name = found.item?.name ?? fallbackName;
  const value = show(found.value);
  return found.item ? `${name} = ${value} (${where(found.item)})` : `${name} = ${value}`;
}

export function judgeRuntime(facts: RuntimeFacts, ctx: JudgeContext): StepResult[] {
  const results: StepResult[] = [];
  const generated =
    facts.opaqueMacros.length > 0
      ? ` The runtime invokes macros check cannot expand (${facts.opaqueMacros.slice(0, 4).join(', ')}${facts.opaqueMacros.length > 4 ? ', ..' : ''}); if one of them generates it, check this step by hand.`
      : '';
  const rootEvidence: Evidence = { file: facts.root.file.rel, line: null };
  const pass = (id: string, e: Evidence, message: string): StepResult => ({ id, status: 'pass', ...e, message, fix: null });
  const fail = (id: string, e: Evidence, message: string, snippet: SnippetName, overrides: Partial<SnippetContext> = {}): StepResult => ({
    id,
    status: 'fail',
    ...(e.file ? e : rootEvidence),
    message,
    fix: renderSnippet(snippet, { ...ctx.snippets, ...overrides }),
  });

  const capacity = intOf(facts.capacity.value);
  const velocity = intOf(facts.velocity.value);
  const relaySlot = intOf(facts.relaySlot.value);
  const slot = intOf(facts.slotDuration.value);
  const asyncOn = capacity !== undefined && capacity > 1n;

  // 1.1
  {
    const e = facts.capacity.item ? atItem(facts.capacity.item) : at(facts.capacity.loc ?? facts.hook?.item.loc);
    const text = `${describeConst(facts.capacity, 'UNINCLUDED_SEGMENT_CAPACITY')}, ${describeConst(facts.velocity, 'BLOCK_PROCESSING_VELOCITY')}`;
    if (capacity !== undefined && velocity !== undefined && capacity >= 1n && velocity >= 1n) {
      results.push(pass('1.1', e, `capacity and velocity are set: ${text}.`));
    } else {
      const missing = capacity === undefined && velocity === undefined ? 'neither the unincluded segment capacity nor the block processing velocity is defined' : capacity === undefined ? 'the unincluded segment capacity is not defined' : velocity === undefined ? 'the block processing velocity is not defined' : 'capacity and velocity must be at least 1';
      results.push(fail('1.1', e, `${missing} (${text}); define both constants (1 until phase 3).`, 'asyncBackingParams', { capacity: 1, velocity: 1 }));
    }
  }

  // 1.2
  {
    const e = facts.relaySlot.item ? atItem(facts.relaySlot.item) : at(facts.relaySlot.loc ?? facts.hook?.item.loc);
    const text = describeConst(facts.relaySlot, 'RELAY_CHAIN_SLOT_DURATION_MILLIS');
    if (relaySlot === 6000n) results.push(pass('1.2', e, `relay chain slot duration: ${text}.`));
    else {
      results.push(
        fail('1.2', e, relaySlot === undefined ? `no relay chain slot duration constant found; define it as 6000 ms.` : `relay chain slot duration is ${relaySlot} ms (${text}); relay chains use 6000 ms slots.`, 'asyncBackingParams', { relaySlotMs: 6000 }),
      );
    }
  }

  // 1.3
  {
    const e = atItem(facts.blockTimeItem ?? facts.slotDuration.item);
    const parts = [describeConst(facts.slotDuration, 'SLOT_DURATION')];
    if (facts.blockTimeItem && facts.blockTimeItem !== facts.slotDuration.item) parts.push(`from ${facts.blockTimeItem.name} (${where(facts.blockTimeItem)})`);
    if (slot === undefined) {
      results.push(fail('1.3', e, facts.slotDuration.item ? `${parts.join(' ')}: its value cannot be evaluated.` : 'no SLOT_DURATION constant found; define the block time and SLOT_DURATION from it.', 'blockTimes', { blockTimeMs: 12000 }));
    } else if (slot !== 12000n && !asyncOn) {
      results.push(fail('1.3', e, `${parts.join(' ')}: a block time other than 12000 ms needs async backing on (phase 3); with capacity ${num(capacity)} keep 12000.`, 'blockTimes', { blockTimeMs: 12000 }));
    } else {
      results.push(pass('1.3', e, `block time: ${parts.join(' ')}.`));
    }
  }

  // 1.4
  {
    const ps = facts.parachainSystem;
    if (!ps) {
      results.push(fail('1.4', rootEvidence, `no \`impl cumulus_pallet_parachain_system::Config for Runtime\` found.${generated}`, 'consensusHook'));
    } else {
      const problems: string[] = [];
      let e = at(ps.loc);
      const hook = facts.hook;
      if (!hook) problems.push('parachain-system has no `ConsensusHook`');
      else if (!hook.fixed) {
        problems.push(`ConsensusHook is \`${hook.type?.path.join('::') || hook.item.type?.text}\`, not a FixedVelocityConsensusHook`);
        e = at(hook.item.loc);
      }
      const relay = pickItem(ps, 'CheckAssociatedRelayNumber');
      const relayType = relay && facts.evaluator.type(ps.module, relay.type);
      if (!relay) problems.push('parachain-system has no `CheckAssociatedRelayNumber`');
      else if (relayType?.name !== 'RelayNumberMonotonicallyIncreases') {
        problems.push(`CheckAssociatedRelayNumber is \`${relayType?.name || relay.type?.text}\`, not RelayNumberMonotonicallyIncreases`);
        e = at(relay.loc);
      }
      if (problems.length === 0) {
        results.push(pass('1.4', at(hook!.item.loc), `ConsensusHook is FixedVelocityConsensusHook (${hook!.fixed!.path.join('::')}) and CheckAssociatedRelayNumber is RelayNumberMonotonicallyIncreases.`));
      } else {
        results.push(fail('1.4', e, `${problems.join('; ')}.`, 'consensusHook'));
      }
    }
  }

  // 1.5
  {
    const aura = facts.aura;
    if (!aura) {
      results.push(fail('1.5', rootEvidence, `no \`impl pallet_aura::Config for Runtime\` found.${generated}`, 'aura', { allowMultipleBlocksPerSlot: false }));
    } else {
      const problems: string[] = [];
      let e = at(aura.loc);
      const allow = facts.allowMultiple;
      if (!allow) problems.push('AllowMultipleBlocksPerSlot is not set');
      else if (allow.value === undefined) {
        problems.push(`AllowMultipleBlocksPerSlot (\`${allow.item.type?.text}\`) is not a constant boolean`);
        e = at(allow.item.loc);
      }
      const auraSlot = facts.auraSlot;
      if (!auraSlot) problems.push('SlotDuration is not set (it is a required item on current releases)');
      else if (auraSlot.gated && auraSlot.item.cfgs.some((c) => /feature\s*=\s*"experimental"/.test(c) && !/not\s*\(/.test(c))) {
        problems.push('SlotDuration is behind `#[cfg(feature = "experimental")]`; current releases require it unconditionally');
        e = at(auraSlot.item.loc);
      } else if (auraSlot.value === undefined || slot === undefined || auraSlot.value !== slot) {
        problems.push(`SlotDuration is \`${auraSlot.item.type?.text}\` = ${num(auraSlot.value)} ms, not SLOT_DURATION (${num(slot)} ms)`);
        e = at(auraSlot.item.loc);
      }
      if (problems.length === 0) {
        results.push(pass('1.5', at(auraSlot!.item.loc), `AllowMultipleBlocksPerSlot = ${allow!.value}, SlotDuration = ${auraSlot!.value} ms (SLOT_DURATION).`));
      } else {
        results.push(fail('1.5', e, `${problems.join('; ')}.`, 'aura', { allowMultipleBlocksPerSlot: allow?.value ?? false }));
      }
    }
  }

  // 1.6
  {
    const api = facts.auraApi;
    if (!api) {
      results.push(fail('1.6', rootEvidence, `no \`AuraApi::slot_duration\` found in impl_runtime_apis!.${generated}`, 'auraApi'));
    } else {
      const trace: Trace = { items: [] };
      const value = intOf(facts.evaluator.expr(api.module, api.node.childForFieldName('body'), trace));
      if (value !== undefined && slot !== undefined && value === slot) {
        const via = trace.items.filter((i) => i.kind === 'fn').map((i) => `${i.name}()`);
        results.push(pass('1.6', at(api.loc), `AuraApi::slot_duration returns ${value} ms (SLOT_DURATION${via.length ? `, through ${via.join(', ')}` : ''}).`));
      } else {
        const body = api.node.childForFieldName('body')?.text.replace(/\s+/g, ' ').trim() ?? '';
        const viaPallet = /\bslot_duration\s*\(\s*\)/.test(body) && facts.auraSlot?.value === undefined;
        const message =
          value !== undefined
            ? `AuraApi::slot_duration returns ${value} ms, SLOT_DURATION is ${num(slot)} ms.`
            : viaPallet
              ? `AuraApi::slot_duration (\`${body}\`) asks pallet_aura, which has no SlotDuration set to SLOT_DURATION (step 1.5); return SLOT_DURATION.`
              : `AuraApi::slot_duration (\`${body}\`) does not evaluate to SLOT_DURATION.`;
        results.push(fail('1.6', at(api.loc), message, 'auraApi'));
      }
    }
  }

  // 1.7
  {
    const api = facts.canBuildUpon;
    if (!api) {
      results.push(fail('1.7', rootEvidence, `no \`AuraUnincludedSegmentApi::can_build_upon\` found in impl_runtime_apis!.${generated}`, 'unincludedSegmentApi'));
    } else if (callsHook(facts, api.module, api.node, 0)) {
      results.push(pass('1.7', at(api.loc), 'AuraUnincludedSegmentApi::can_build_upon asks the FixedVelocityConsensusHook.'));
    } else {
      results.push(fail('1.7', at(api.loc), 'AuraUnincludedSegmentApi::can_build_upon does not call the FixedVelocityConsensusHook\'s can_build_upon.', 'unincludedSegmentApi'));
    }
  }

  // 1.8
  {
    const vb = facts.validateBlock;
    if (!vb) {
      results.push(fail('1.8', rootEvidence, `no \`register_validate_block!\` found.${generated}`, 'validateBlock'));
    } else if (vb.keys.has('CheckInherents')) {
      results.push(fail('1.8', at(vb.keys.get('CheckInherents')), 'register_validate_block! still passes CheckInherents; FixedVelocityConsensusHook makes it unnecessary: remove it.', 'validateBlock'));
    } else {
      results.push(pass('1.8', at(vb.loc), 'register_validate_block! has no CheckInherents.'));
    }
  }

  // 3.1
  {
    const allow = facts.allowMultiple;
    if (allow?.value === true) results.push(pass('3.1', at(allow.item.loc), 'AllowMultipleBlocksPerSlot is true.'));
    else {
      results.push(
        fail('3.1', allow ? at(allow.item.loc) : facts.aura ? at(facts.aura.loc) : rootEvidence, allow ? `AllowMultipleBlocksPerSlot is ${allow.value ?? `\`${allow.item.type?.text}\``}; phase 3 sets it to true.` : `AllowMultipleBlocksPerSlot is not set; phase 3 sets it to true.${facts.aura ? '' : generated}`, 'aura', { allowMultipleBlocksPerSlot: true }),
      );
    }
  }

  // 3.2
  {
    const e = facts.capacity.item ? atItem(facts.capacity.item) : at(facts.capacity.loc);
    if (capacity !== undefined && capacity > 1n) results.push(pass('3.2', e, `unincluded segment capacity is ${capacity} (> 1).`));
    else results.push(fail('3.2', e, `unincluded segment capacity is ${num(capacity)}; phase 3 raises it above 1 (the guide uses 3).`, 'asyncBackingParams', { capacity: Math.max(3, ctx.snippets.capacity) }));
  }

  // 3.3
  {
    const e = atItem(facts.blockTimeItem ?? facts.slotDuration.item);
    const expected = relaySlot !== undefined && velocity !== undefined && velocity > 0n ? relaySlot / velocity : undefined;
    if (slot !== undefined && expected !== undefined && slot === expected) {
      results.push(pass('3.3', e, `block time ${slot} ms = relay slot ${relaySlot} ms / velocity ${velocity}.`));
    } else {
      const target = Number(expected ?? 6000n);
      results.push(fail('3.3', e, `block time is ${num(slot)} ms; with async backing it is the relay slot (${num(relaySlot)} ms) / velocity (${num(velocity)}) = ${num(expected)} ms.`, 'blockTimes', { blockTimeMs: target }));
    }
  }

  // 3.4
  {
    const w = facts.maxBlockWeight;
    const e = atItem(w.item);
    const ref = w.value?.kind === 'weight' ? w.value.ref : undefined;
    if (ref === 2_000_000_000_000n) results.push(pass('3.4', e, `MAXIMUM_BLOCK_WEIGHT has ${show(w.value)}.`));
    else {
      results.push(fail('3.4', e, w.item ? `${w.item.name} has ${ref === undefined ? 'a ref time that cannot be evaluated' : show(w.value)}; with async backing a block gets 2 s.` : 'no MAXIMUM_BLOCK_WEIGHT constant found.', 'maximumBlockWeight'));
    }
  }

  // 3.5
  results.push(judgeMinimumPeriod(facts, generated, velocity, pass, fail));
  return results;
}

function judgeMinimumPeriod(
  facts: RuntimeFacts,
  generated: string,
  velocity: bigint | undefined,
  pass: (id: string, e: Evidence, message: string) => StepResult,
  fail: (id: string, e: Evidence, message: string, snippet: SnippetName, overrides?: Partial<SnippetContext>) => StepResult,
): StepResult {
  const variants = minimumPeriodVariants(facts);
  const base = facts.timestamp ? at(facts.timestamp.loc) : { file: facts.root.file.rel, line: null };
  const zero = velocity !== undefined && velocity > 1n ? 'zero' : 'flagged';
  // The fix sets 0 in every build, as the generator and the reference template do: the guide's
  // form, 0 under an `experimental` feature, leaves a plain `cargo build` at half a slot.
  const fixFor = (extra: Partial<SnippetContext> = {}) => ({ minimumPeriod: 'zero' as const, declareExperimental: false, ...extra });
  if (!facts.timestamp) return fail('3.5', base, `no \`impl pallet_timestamp::Config for Runtime\` found.${generated}`, 'minimumPeriod', fixFor());
  if (variants.length === 0) return fail('3.5', base, 'pallet_timestamp has no MinimumPeriod.', 'minimumPeriod', fixFor());
  const unconditional = variants.filter((v) => v.item.cfgs.length === 0);
  if (unconditional.length > 0) {
    const v = unconditional[0]!;
    if (v.value === 0n) return pass('3.5', at(v.item.loc), 'MinimumPeriod is 0: blocks sharing a slot may have close timestamps.');
    return fail('3.5', at(v.item.loc), `MinimumPeriod is \`${v.item.type?.text}\` = ${num(v.value)} ms; with async backing it is 0 (the guide puts that under an \`experimental\` feature; set it in every build, so a plain \`cargo build\` gets it).`, 'minimumPeriod', fixFor());
  }
  // Feature-flagged variants: a positive `feature = "x"` branch with 0, declared in Cargo.toml.
  const zeroBranch = variants.find((v) => v.value === 0n && v.item.cfgs.some((c) => /^feature\s*=/.test(c) || /^all\(/.test(c)));
  if (!zeroBranch) {
    const v = variants[0]!;
    return fail('3.5', at(v.item.loc), `no MinimumPeriod variant is 0 (${variants.map((x) => `#[cfg(${x.item.cfgs.join(', ')})] ${num(x.value)}`).join('; ')}).`, 'minimumPeriod', fixFor());
  }
  const feature = /feature\s*=\s*"([^"]+)"/.exec(zeroBranch.item.cfgs.join(' '))?.[1];
  if (feature && !(feature in facts.crate.features)) {
    return fail('3.5', at(zeroBranch.item.loc), `MinimumPeriod is 0 only under feature "${feature}", which ${facts.crate.manifestRel} does not declare.`, 'minimumPeriod', fixFor());
  }
  if (zero === 'zero') {
    return fail('3.5', at(zeroBranch.item.loc), `velocity ${velocity} puts several blocks in one slot: MinimumPeriod must be 0 unconditionally, not only under feature "${feature}".`, 'minimumPeriod', fixFor());
  }
  return pass('3.5', at(zeroBranch.item.loc), `MinimumPeriod is 0 under feature "${feature}" (declared in ${facts.crate.manifestRel}).`);
}

export function constName(found: Found, fallback: string): string {
  return found.item?.name ?? fallback;
}
