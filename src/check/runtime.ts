// A parachain runtime crate, read for the guide's runtime steps (1.1–1.8, 3.1–3.5): the pallet
// config impls, the runtime APIs, `register_validate_block!`, and the constants behind them.

import type { MacroBody, Node } from '../rust/parser.js';
import {
  boolOf,
  Evaluator,
  flattenTypes,
  intOf,
  show,
  where,
  type Trace,
  type TypeInfo,
  type Value,
} from './evaluate.js';
import { inherentMethod, lineOfLoc, segments, targetName, type Item, type Loc, type Module, type Target } from './scope.js';
import type { StepResult } from './types.js';
import { renderSnippet, type SnippetContext, type SnippetName } from './snippets.js';
import type { Crate } from './workspace.js';

export interface ConfigItem {
  name: string;
  type: Node | null;
  cfgs: string[];
  loc: Loc;
}

export interface PalletConfig {
  loc: Loc;
  module: Module;
  items: Map<string, ConfigItem[]>;
}

interface ApiFn {
  loc: Loc;
  module: Module;
  node: Node;
}

/** A constant found, with its value and where it is defined. */
export interface Found {
  value: Value | undefined;
  /** The constant definition (first constant met). */
  item?: Item;
  /** Where it is used or configured, when there is no definition to point at. */
  loc?: Loc;
  /** The chain of definitions followed. */
  trace: Item[];
}

export interface RuntimeFacts {
  crate: Crate;
  root: Module;
  modules: Module[];
  parachainSystem?: PalletConfig;
  aura?: PalletConfig;
  timestamp?: PalletConfig;
  system?: PalletConfig;
  auraApi?: ApiFn;
  canBuildUpon?: ApiFn;
  validateBlock?: { loc: Loc; keys: Map<string, Loc> };
  hook?: { type: TypeInfo | undefined; fixed: TypeInfo | undefined; item: ConfigItem };
  capacity: Found;
  velocity: Found;
  relaySlot: Found;
  slotDuration: Found;
  /** The block-time constant `SLOT_DURATION` is defined from (`MILLISECS_PER_BLOCK`). */
  blockTimeItem?: Item;
  allowMultiple?: { value: boolean | undefined; item: ConfigItem };
  auraSlot?: { value: bigint | undefined; item: ConfigItem; gated: boolean };
  maxBlockWeight: Found;
  evaluator: Evaluator;
  /** Module-level macros check cannot expand, which may generate what a step looks for. */
  opaqueMacros: string[];
}

/** Module-level macros whose output check reads (or that never define config impls). */
const KNOWN_MACROS = new Set(['parameter_types', 'impl_opaque_keys', 'construct_runtime', 'impl_runtime_apis', 'register_validate_block', 'include', 'define_benchmarks', 'ord_parameter_types', 'match_types', 'assert_eq_size', 'static_assertions', 'const_assert', 'sp_version_runtime_version', 'format', 'vec']);

/** Whether a crate is a parachain runtime: it invokes `register_validate_block!` outside tests. */
export function isParachainRuntime(root: Module): boolean {
  return root.allModules().some((m) => m.macros.some((b) => b.name === 'register_validate_block'));
}

export function analyzeRuntime(crate: Crate, root: Module): RuntimeFacts {
  const modules = root.allModules();
  let facts: RuntimeFacts;
  const evaluator = new Evaluator((target, trace) => assocValue(facts, target, trace));
  facts = {
    crate,
    root,
    modules,
    capacity: { value: undefined, trace: [] },
    velocity: { value: undefined, trace: [] },
    relaySlot: { value: undefined, trace: [] },
    slotDuration: { value: undefined, trace: [] },
    maxBlockWeight: { value: undefined, trace: [] },
    evaluator,
    opaqueMacros: [],
  };

  const opaque = new Set<string>();
  for (const module of modules) {
    for (const node of module.container?.namedChildren ?? []) {
      const inv = node?.type === 'macro_invocation' ? node : node?.type === 'expression_statement' ? node.namedChildren.find((c) => c?.type === 'macro_invocation') : null;
      const name = segments(inv?.childForFieldName('macro')).pop();
      if (name && !KNOWN_MACROS.has(name)) opaque.add(`${name}!`);
      if (node?.type === 'attribute_item') {
        const attr = /^#\[\s*([\w:]+)/.exec(node.text)?.[1]?.split('::').pop();
        if (attr && /runtime|construct|apis|impl_/.test(attr) && attr !== 'runtime' && attr !== 'runtime_version') opaque.add(`#[${attr}]`);
      }
    }
    for (const loc of module.impls) collectConfig(facts, module, loc);
    for (const body of module.macros) {
      if (body.name === 'impl_runtime_apis') collectApis(facts, module, body);
      if (body.name === 'register_validate_block' && !facts.validateBlock) {
        const keys = new Map<string, Loc>();
        for (const binding of body.tree.rootNode.descendantsOfType('type_binding')) {
          const name = binding?.childForFieldName('name')?.text;
          if (binding && name) keys.set(name, { file: module.file, node: binding, body });
        }
        facts.validateBlock = { loc: { file: module.file, node: body.invocation, body: null }, keys };
      }
    }
  }

  // The consensus hook and the three constants it is built from.
  const hookItem = facts.parachainSystem && pickItem(facts.parachainSystem, 'ConsensusHook');
  if (hookItem && facts.parachainSystem) {
    const type = evaluator.type(facts.parachainSystem.module, hookItem.type);
    const fixed = flattenTypes(type).find((t) => t.name === 'FixedVelocityConsensusHook');
    facts.hook = { type, fixed, item: hookItem };
    if (fixed) {
      const arg = (i: number): Found => {
        const a = fixed.args[i];
        if (!a) return { value: undefined, trace: [] };
        const trace: Trace = { items: [] };
        const node = a.kind === 'value' ? a.node : a.type.node;
        const module = a.kind === 'value' ? a.module : a.type.module;
        const value = evaluator.constant(module, node, trace);
        return { value, item: firstConstItem(trace.items), trace: trace.items, loc: { file: module.file, node, body: null } };
      };
      facts.relaySlot = arg(1);
      facts.velocity = arg(2);
      facts.capacity = arg(3);
    }
  }
  if (facts.capacity.value === undefined) facts.capacity = byName(facts, ['UNINCLUDED_SEGMENT_CAPACITY']);
  if (facts.velocity.value === undefined) facts.velocity = byName(facts, ['BLOCK_PROCESSING_VELOCITY']);
  if (facts.relaySlot.value === undefined) {
    facts.relaySlot = byName(facts, ['RELAY_CHAIN_SLOT_DURATION_MILLIS', 'RELAY_CHAIN_SLOT_DURATION_MILLIS_U64']);
  }

  // Aura: AllowMultipleBlocksPerSlot and SlotDuration.
  if (facts.aura) {
    const allow = pickItem(facts.aura, 'AllowMultipleBlocksPerSlot');
    if (allow) facts.allowMultiple = { value: boolOf(evaluator.type(facts.aura.module, allow.type)?.value), item: allow };
    const slotItems = facts.aura.items.get('SlotDuration') ?? [];
    const slot = slotItems.find((i) => facts.aura!.module.cfgHolds(i.cfgs)) ?? slotItems[0];
    if (slot) {
      const trace: Trace = { items: [] };
      const info = evaluator.type(facts.aura.module, slot.type, trace);
      let value = intOf(info?.value);
      if (info?.name === 'MinimumPeriodTimesTwo') value = minimumPeriodValue(facts) === undefined ? undefined : minimumPeriodValue(facts)! * 2n;
      const gated = slot.cfgs.length > 0;
      facts.auraSlot = { value, item: slot, gated };
      const constItem = trace.items.find((i) => i.name === 'SLOT_DURATION' && (i.kind === 'const' || i.kind === 'static')) ?? firstConstItem(trace.items);
      if (constItem) facts.slotDuration = { value: { kind: 'int', v: value ?? 0n }, item: constItem, trace: trace.items };
    }
  }
  if (!facts.slotDuration.item) {
    const found = byName(facts, ['SLOT_DURATION']);
    if (found.item || found.value !== undefined) facts.slotDuration = found;
  }
  if (facts.slotDuration.item) {
    // Evaluate SLOT_DURATION itself: its definition names the block-time constant.
    const trace: Trace = { items: [] };
    const item = facts.slotDuration.item;
    const value = evaluator.expr(item.module, item.value, trace);
    facts.slotDuration = { ...facts.slotDuration, value, trace: [item, ...trace.items] };
    facts.blockTimeItem = trace.items.find((i) => i.kind === 'const' || i.kind === 'static');
  }
  if (!facts.blockTimeItem) {
    facts.blockTimeItem = byName(facts, ['MILLI_SECS_PER_BLOCK', 'MILLISECS_PER_BLOCK']).item;
  }

  facts.maxBlockWeight = maximumBlockWeight(facts);
  facts.opaqueMacros = [...opaque].sort();
  return facts;
}

// ---------------------------------------------------------------------------------------------
// Collecting

function collectConfig(facts: RuntimeFacts, module: Module, loc: Loc): void {
  const node = loc.node;
  const trait = node.childForFieldName('trait');
  if (!trait) return;
  const target = module.resolve(segments(trait), node);
  if (targetName(target) !== 'Config') return;
  const pallet = palletOf(target!);
  const key =
    pallet === 'cumulus_pallet_parachain_system' || pallet === 'parachain_system'
      ? 'parachainSystem'
      : pallet === 'pallet_aura' || pallet === 'aura'
        ? 'aura'
        : pallet === 'pallet_timestamp' || pallet === 'timestamp'
          ? 'timestamp'
          : pallet === 'frame_system' || pallet === 'system'
            ? 'system'
            : null;
  if (!key || facts[key]) return;
  const items = new Map<string, ConfigItem[]>();
  let cfgs: string[] = [];
  for (const child of node.childForFieldName('body')?.namedChildren ?? []) {
    if (!child) continue;
    if (child.type === 'attribute_item') {
      const m = /^#\s*\[\s*cfg\s*\(([\s\S]*)\)\s*\]$/.exec(child.text);
      if (m) cfgs.push(m[1]!.trim());
      continue;
    }
    if (child.type === 'line_comment' || child.type === 'block_comment') continue;
    if (child.type === 'type_item') {
      const name = child.childForFieldName('name')?.text;
      if (name) {
        const item: ConfigItem = { name, type: child.childForFieldName('type'), cfgs, loc: { file: module.file, node: child, body: loc.body } };
        const list = items.get(name);
        if (list) list.push(item);
        else items.set(name, [item]);
      }
    }
    cfgs = [];
  }
  facts[key] = { loc, module, items };
}

function palletOf(target: Target): string | undefined {
  if (target.kind === 'external') return target.path[target.path.length - 2];
  if (target.kind === 'item') {
    const m = target.item.module;
    return m.parent && m.name !== 'pallet' ? m.name : m.crate.lib;
  }
  return undefined;
}

function collectApis(facts: RuntimeFacts, module: Module, body: MacroBody): void {
  for (const impl of body.tree.rootNode.namedChildren) {
    if (impl?.type !== 'impl_item') continue;
    const trait = segments(impl.childForFieldName('trait'));
    const name = trait[trait.length - 1];
    const wanted = name === 'AuraApi' ? 'slot_duration' : name === 'AuraUnincludedSegmentApi' ? 'can_build_upon' : null;
    if (!wanted) continue;
    const fn = impl.childForFieldName('body')?.namedChildren.find((c) => c?.type === 'function_item' && c.childForFieldName('name')?.text === wanted);
    if (!fn) continue;
    const api: ApiFn = { loc: { file: module.file, node: fn, body }, module, node: fn };
    if (wanted === 'slot_duration' && !facts.auraApi) facts.auraApi = api;
    if (wanted === 'can_build_upon' && !facts.canBuildUpon) facts.canBuildUpon = api;
  }
}

function pickItem(config: PalletConfig, name: string): ConfigItem | undefined {
  const list = config.items.get(name) ?? [];
  return list.find((i) => config.module.cfgHolds(i.cfgs)) ?? list[0];
}

function firstConstItem(items: Item[]): Item | undefined {
  return items.find((i) => i.kind === 'const' || i.kind === 'static');
}

/** A constant looked up by name: in the crate root's scope first, then in any module. */
function byName(facts: RuntimeFacts, names: string[]): Found {
  for (const name of names) {
    const target = facts.root.resolve([name]);
    const candidates: Item[] = [];
    if (target?.kind === 'item' && (target.item.kind === 'const' || target.item.kind === 'static')) candidates.push(target.item);
    for (const m of facts.modules) {
      for (const item of m.items.get(name) ?? []) if (item.kind === 'const' || item.kind === 'static') candidates.push(item);
    }
    const item = candidates.find((c) => c.module.cfgHolds(c.cfgs)) ?? candidates[0];
    if (item) {
      const trace: Trace = { items: [] };
      return { value: facts.evaluator.expr(item.module, item.value, trace), item, trace: [item, ...trace.items] };
    }
    if (target?.kind === 'external') {
      const value = facts.evaluator.targetValue(target, [name], undefined, 0);
      if (value) return { value, trace: [] };
    }
  }
  return { value: undefined, trace: [] };
}

/** `Aura::slot_duration()` and `pallet_aura::Pallet::<Runtime>::slot_duration()`. */
function assocValue(facts: RuntimeFacts, target: Target, trace?: Trace): Value | undefined {
  if (target.kind === 'external' && target.path.includes('pallet_aura') && target.path[target.path.length - 1] === 'slot_duration') {
    return facts.auraSlot?.value === undefined ? undefined : { kind: 'int', v: facts.auraSlot.value };
  }
  if (target.kind !== 'assoc' || target.name !== 'slot_duration') return undefined;
  const base = target.base;
  if (base.kind === 'item' && base.item.kind === 'pallet') {
    const pallet = segments(base.item.type);
    if (pallet.some((s) => s === 'pallet_aura' || s === 'aura') && facts.auraSlot?.value !== undefined) {
      trace?.items.push(base.item);
      return { kind: 'int', v: facts.auraSlot.value };
    }
  }
  return undefined;
}

export interface MinimumPeriodVariant {
  item: ConfigItem;
  value: bigint | undefined;
}

export function minimumPeriodVariants(facts: RuntimeFacts): MinimumPeriodVariant[] {
  const config = facts.timestamp;
  if (!config) return [];
  return (config.items.get('MinimumPeriod') ?? []).map((item) => ({
    item,
    value: intOf(facts.evaluator.type(config.module, item.type)?.value),
  }));
}

function minimumPeriodValue(facts: RuntimeFacts): bigint | undefined {
  const variants = minimumPeriodVariants(facts);
  const chosen = variants.find((v) => facts.timestamp!.module.cfgHolds(v.item.cfgs)) ?? variants[0];
  return chosen?.value;
}

/**
 * The block weight limit: the weight constants `frame_system::Config::BlockWeights` is built
 * from (largest ref time), else a constant named `MAXIMUM_BLOCK_WEIGHT`.
 */
function maximumBlockWeight(facts: RuntimeFacts): Found {
  const system = facts.system;
  const blockWeights = system && pickItem(system, 'BlockWeights');
  if (system && blockWeights?.type) {
    const target = system.module.resolve(segments(blockWeights.type), blockWeights.type);
    if (target?.kind === 'item' && target.item.value) {
      let best: Found | undefined;
      for (const id of target.item.value.descendantsOfType(['identifier', 'scoped_identifier'])) {
        if (!id || id.parent?.type === 'scoped_identifier') continue;
        const t = target.item.module.resolve(segments(id), id);
        if (t?.kind !== 'item' || t.item.kind !== 'const') continue;
        const trace: Trace = { items: [] };
        const value = facts.evaluator.expr(t.item.module, t.item.value, trace);
        if (value?.kind === 'weight' && (!best || (best.value?.kind === 'weight' && value.ref > best.value.ref))) {
          best = { value, item: t.item, trace: [t.item, ...trace.items] };
        }
      }
      if (best) return best;
    }
  }
  return byName(facts, ['MAXIMUM_BLOCK_WEIGHT']);
}

// ---------------------------------------------------------------------------------------------
// Judging

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
  const declared = 'experimental' in facts.crate.features;
  const fixFor = (extra: Partial<SnippetContext> = {}) => ({ minimumPeriod: zero as 'zero' | 'flagged', declareExperimental: zero === 'flagged' && !declared, ...extra });
  if (!facts.timestamp) return fail('3.5', base, `no \`impl pallet_timestamp::Config for Runtime\` found.${generated}`, 'minimumPeriod', fixFor());
  if (variants.length === 0) return fail('3.5', base, 'pallet_timestamp has no MinimumPeriod.', 'minimumPeriod', fixFor());
  const unconditional = variants.filter((v) => v.item.cfgs.length === 0);
  if (unconditional.length > 0) {
    const v = unconditional[0]!;
    if (v.value === 0n) return pass('3.5', at(v.item.loc), 'MinimumPeriod is 0: blocks sharing a slot may have close timestamps.');
    return fail('3.5', at(v.item.loc), `MinimumPeriod is \`${v.item.type?.text}\` = ${num(v.value)} ms; with async backing it is 0 under the \`experimental\` feature${zero === 'zero' ? ' (unconditionally, with velocity > 1)' : ''}.`, 'minimumPeriod', fixFor());
  }
  // Feature-flagged variants: a positive `feature = "x"` branch with 0, declared in Cargo.toml.
  const zeroBranch = variants.find((v) => v.value === 0n && v.item.cfgs.some((c) => /^feature\s*=/.test(c) || /^all\(/.test(c)));
  if (!zeroBranch) {
    const v = variants[0]!;
    return fail('3.5', at(v.item.loc), `no MinimumPeriod variant is 0 (${variants.map((x) => `#[cfg(${x.item.cfgs.join(', ')})] ${num(x.value)}`).join('; ')}).`, 'minimumPeriod', fixFor());
  }
  const feature = /feature\s*=\s*"([^"]+)"/.exec(zeroBranch.item.cfgs.join(' '))?.[1];
  if (feature && !(feature in facts.crate.features)) {
    return fail('3.5', at(zeroBranch.item.loc), `MinimumPeriod is 0 only under feature "${feature}", which ${facts.crate.manifestRel} does not declare.`, 'minimumPeriod', fixFor({ declareExperimental: zero === 'flagged' }));
  }
  if (zero === 'zero') {
    return fail('3.5', at(zeroBranch.item.loc), `velocity ${velocity} puts several blocks in one slot: MinimumPeriod must be 0 unconditionally, not only under feature "${feature}".`, 'minimumPeriod', fixFor());
  }
  return pass('3.5', at(zeroBranch.item.loc), `MinimumPeriod is 0 under feature "${feature}" (declared in ${facts.crate.manifestRel}).`);
}

/** Whether a function body calls `<FixedVelocityConsensusHook>::can_build_upon`, directly or through helpers. */
function callsHook(facts: RuntimeFacts, module: Module, fn: Node, depth: number): boolean {
  if (depth > 4) return false;
  for (const call of fn.descendantsOfType('call_expression')) {
    const f = call?.childForFieldName('function');
    if (!f) continue;
    const segs = segments(f);
    if (segs[segs.length - 1] === 'can_build_upon' && segs.length > 1) {
      const base = facts.evaluator.type(module, typeNodeOf(f) ?? f);
      const baseSegs = segs.slice(0, -1);
      const target = module.resolve(baseSegs, f);
      if (target?.kind === 'item' && (target.item.kind === 'type') && target.item.type) {
        const info = facts.evaluator.type(target.item.module, target.item.type);
        if (flattenTypes(info).some((t) => t.name === 'FixedVelocityConsensusHook')) return true;
      }
      if (targetName(target) === 'FixedVelocityConsensusHook') return true;
      if (base && flattenTypes(base).some((t) => t.name === 'FixedVelocityConsensusHook')) return true;
      // `<ConsensusHook as ..>::can_build_upon` / generic path forms.
      const text = f.text;
      if (/FixedVelocityConsensusHook/.test(text)) return true;
    } else if (segs.length >= 1) {
      const target = module.resolve(segs, f);
      const helper = target?.kind === 'item' && target.item.kind === 'fn' ? target.item : target?.kind !== 'item' ? inherentMethod(module, segs, f) : undefined;
      if (helper?.value && callsHook(facts, helper.module, helper.loc.node, depth + 1)) return true;
    }
  }
  return false;
}

/** For `Hook::can_build_upon`, the `Hook` part as a node when it is a generic type. */
function typeNodeOf(f: Node): Node | null {
  if (f.type === 'scoped_identifier') {
    const path = f.childForFieldName('path');
    if (path?.type === 'generic_type' || path?.type === 'bracketed_type') return path.type === 'generic_type' ? path : null;
  }
  return null;
}

export function constName(found: Found, fallback: string): string {
  return found.item?.name ?? fallback;
}
