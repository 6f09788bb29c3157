// Collecting what the runtime steps read: the pallet config impls and runtime APIs a crate
// defines, the constants behind them (by definition or by name), and whether an API reaches the
// consensus hook's `can_build_upon`.

import type { MacroBody, Node } from '../rust/parser.js';
import { compiledOut } from './cfg.js';
import { flattenTypes, intOf, type Trace, type TypeInfo, type Value } from './evaluate.js';
import { inherentMethod, segments, targetName } from './name-resolution.js';
import type { ApiFn, ConfigItem, Found, PalletConfig, RuntimeFacts } from './runtime-facts.js';
import type { Item, Loc, Module, Target } from './scope.js';

export function collectConfig(facts: RuntimeFacts, module: Module, loc: Loc): void {
  const node = loc.node;
  const trait = node.childForFieldName('trait');
  if (!trait) return;
  const path = segments(trait);
  if (path[path.length - 1] !== 'Config') return;
  // `impl some_pallet::Config for Runtime` with `some_pallet` a dependency names its pallet:
  // no need to load that crate's sources to resolve the path.
  const dep = path.length === 2 ? module.crate.deps.get(path[0]!) : undefined;
  let pallet: string | undefined;
  if (dep && !module.items.has(path[0]!) && !module.uses.has(path[0]!)) pallet = dep.extern;
  else {
    const target = module.resolve(path, node);
    if (targetName(target) !== 'Config') return;
    pallet = palletOf(target!);
  }
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
  if (!pallet || facts.configs.has(pallet)) return;
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
        const item: ConfigItem = { name, type: child.childForFieldName('type'), cfgs, loc: { file: loc.file, node: child, body: loc.body } };
        const list = items.get(name);
        if (list) list.push(item);
        else items.set(name, [item]);
      }
    }
    cfgs = [];
  }
  const config: PalletConfig = { loc, module, items };
  facts.configs.set(pallet, config);
  if (key && !facts[key]) facts[key] = config;
}

function palletOf(target: Target): string | undefined {
  if (target.kind === 'external') return target.path[target.path.length - 2];
  if (target.kind === 'item') {
    const m = target.item.module;
    return m.parent && m.name !== 'pallet' ? m.name : m.crate.lib;
  }
  return undefined;
}

export function collectApis(facts: RuntimeFacts, module: Module, body: MacroBody): void {
  for (const impl of body.tree.rootNode.namedChildren) {
    if (impl?.type !== 'impl_item' || compiledOut(module, impl)) continue;
    const trait = segments(impl.childForFieldName('trait'));
    const name = trait[trait.length - 1];
    if (name === 'Core' && !facts.apisRead) facts.apisRead = { file: module.fileOf(body), node: impl, body };
    // Nimbus chains implement async_backing_primitives::UnincludedSegmentApi instead.
    const wanted = name === 'AuraApi' ? 'slot_duration' : name === 'AuraUnincludedSegmentApi' || name === 'UnincludedSegmentApi' ? 'can_build_upon' : name === 'RelayParentOffsetApi' ? 'relay_parent_offset' : null;
    if (!wanted) continue;
    const fn = impl.childForFieldName('body')?.namedChildren.find((c) => c?.type === 'function_item' && c.childForFieldName('name')?.text === wanted);
    if (!fn) continue;
    const api: ApiFn = { trait: name!, loc: { file: module.fileOf(body), node: fn, body }, module, node: fn };
    if (wanted === 'slot_duration' && !facts.auraApi) facts.auraApi = api;
    if (wanted === 'can_build_upon' && !facts.canBuildUpon) facts.canBuildUpon = api;
    if (wanted === 'relay_parent_offset' && !facts.offsetApi) facts.offsetApi = api;
  }
}

/**
 * The config of the pallet a type names, when it names one of the runtime's pallets (a
 * `construct_runtime!` alias such as `EmergencyParaXcm`): for types that delegate to an item of
 * their pallet's config.
 */
export function palletConfigOf(facts: RuntimeFacts, info: TypeInfo | undefined): PalletConfig | undefined {
  if (!info?.via.some((i) => i.kind === 'pallet')) return undefined;
  const name = info.path.filter((s) => s !== 'Pallet' && !/^[A-Z]/.test(s)).pop();
  return name ? facts.configs.get(name) : undefined;
}

/** What parachain-system's `CheckAssociatedRelayNumber` resolves to, following delegation. */
export interface RelayNumberRule {
  /** The type's name at the end (`RelayNumberMonotonicallyIncreases`), or as written. */
  name: string;
  /** Pallet configs delegated through (`EmergencyParaXcm`), outermost first. */
  via: string[];
  item: ConfigItem;
}

/**
 * `CheckAssociatedRelayNumber` as the runtime sets it: through aliases, and through a pallet
 * whose own config names the rule (a pallet implementing the trait by delegating to its config's
 * `CheckAssociatedRelayNumber`).
 */
export function relayNumberRule(facts: RuntimeFacts, config: PalletConfig, item: ConfigItem, via: string[] = []): RelayNumberRule {
  const info = facts.evaluator.type(config.module, item.type);
  const name = info?.name || item.type?.text || '?';
  const delegate = via.length < 4 ? palletConfigOf(facts, info) : undefined;
  const inner = delegate && delegate !== config ? pickItem(delegate, 'CheckAssociatedRelayNumber') : undefined;
  if (delegate && inner) {
    const alias = info?.via.find((i) => i.kind === 'pallet')?.name ?? name;
    return relayNumberRule(facts, delegate, inner, [...via, alias]);
  }
  return { name, via, item };
}

export function pickItem(config: PalletConfig, name: string): ConfigItem | undefined {
  const list = config.items.get(name) ?? [];
  return list.find((i) => config.module.cfgHolds(i.cfgs)) ?? list[0];
}

export function firstConstItem(items: Item[]): Item | undefined {
  return items.find((i) => i.kind === 'const' || i.kind === 'static');
}

/** A constant looked up by name: in the crate root's scope first, then in any module. */
export function byName(facts: RuntimeFacts, names: string[]): Found {
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
export function assocValue(facts: RuntimeFacts, target: Target, trace?: Trace): Value | undefined {
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

export function minimumPeriodValue(facts: RuntimeFacts): bigint | undefined {
  const variants = minimumPeriodVariants(facts);
  const chosen = variants.find((v) => facts.timestamp!.module.cfgHolds(v.item.cfgs)) ?? variants[0];
  return chosen?.value;
}

/**
 * The block weight limit: the weight constants `frame_system::Config::BlockWeights` is built
 * from (largest ref time), else a constant named `MAXIMUM_BLOCK_WEIGHT`.
 */
export function maximumBlockWeight(facts: RuntimeFacts): Found {
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

/** Whether a function body calls `<FixedVelocityConsensusHook>::can_build_upon`, directly or through helpers. */
export function callsHook(facts: RuntimeFacts, module: Module, fn: Node, depth: number): boolean {
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
      // A hook type of the runtime's own: its inherent `can_build_upon`, followed.
      const own = inherentMethod(module, segs, f);
      if (own?.value && callsHook(facts, own.module, own.loc.node, depth + 1)) return true;
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
