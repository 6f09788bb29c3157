// A parachain runtime crate, read for the guide's runtime steps (1.1–1.8, 3.1–3.5): the pallet
// config impls, the runtime APIs, `register_validate_block!`, and the constants behind them.
//
// The facts are gathered here, with the lookups of runtime-lookups.ts, and judged in
// runtime-judge.ts.

import type { Node } from '../rust/parser.js';
import { boolOf, Evaluator, flattenTypes, intOf, type Trace, type TypeInfo, type Value } from './evaluate.js';
import { segments } from './name-resolution.js';
import {
  assocValue,
  byName,
  collectApis,
  collectConfig,
  firstConstItem,
  maximumBlockWeight,
  minimumPeriodValue,
  pickItem,
} from './runtime-lookups.js';
import { compiledOut } from './cfg.js';
import { lineOfLoc, type Item, type Loc, type Module } from './scope.js';
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

export interface ApiFn {
  /** The runtime API trait (`AuraUnincludedSegmentApi`, Nimbus's `UnincludedSegmentApi`). */
  trait: string;
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
  /** Every pallet config the runtime implements, by the pallet's crate (or module) name. */
  configs: Map<string, PalletConfig>;
  parachainSystem?: PalletConfig;
  aura?: PalletConfig;
  /**
   * Nimbus chains (moonkit): `pallet_async_backing` takes Aura's part (AllowMultipleBlocksPerSlot,
   * the slot from GetAndVerifySlot), `async_backing_primitives::UnincludedSegmentApi` the API.
   */
  nimbus?: PalletConfig;
  timestamp?: PalletConfig;
  system?: PalletConfig;
  auraApi?: ApiFn;
  canBuildUpon?: ApiFn;
  /** `RelayParentOffsetApi::relay_parent_offset` (elastic scaling). */
  offsetApi?: ApiFn;
  /**
   * Where the runtime's `impl_runtime_apis!` was read (the body implementing `sp_api::Core`). It
   * may be invoked once per runtime (it declares `RuntimeApi`), so every runtime API is in it.
   */
  apisRead?: Loc;
  validateBlock?: { loc: Loc; keys: Map<string, Loc> };
  hook?: {
    type: TypeInfo | undefined;
    fixed: TypeInfo | undefined;
    item: ConfigItem;
    /** The hook type whose own `ConsensusHook` impl calls the FixedVelocityConsensusHook. */
    delegate?: string;
  };
  capacity: Found;
  velocity: Found;
  relaySlot: Found;
  slotDuration: Found;
  /**
   * The block time the runtime counts in: the constant MINUTES/HOURS/DAYS derive from, whatever
   * its name; else the constant SLOT_DURATION is defined from (`MILLISECS_PER_BLOCK`); else the
   * slot itself. A chain may keep a longer Aura slot on purpose (12 s slot, 6 s blocks).
   */
  blockTime: Found;
  allowMultiple?: { value: boolean | undefined; item: ConfigItem };
  auraSlot?: { value: bigint | undefined; item: ConfigItem; gated: boolean };
  maxBlockWeight: Found;
  evaluator: Evaluator;
  /**
   * Module-level macros check cannot expand, which may generate what a step looks for:
   * `name!` or `#[name]`, and where the first invocation is (`file:line`).
   */
  opaqueMacros: { name: string; at: string }[];
}

/** Module-level macros whose output check reads (or that never define config impls). */
const KNOWN_MACROS = new Set(['parameter_types', 'impl_opaque_keys', 'construct_runtime', 'impl_runtime_apis', 'register_validate_block', 'include', 'define_benchmarks', 'ord_parameter_types', 'match_types', 'assert_eq_size', 'static_assertions', 'const_assert', 'sp_version_runtime_version', 'format', 'vec']);

/** Milliseconds in each unit of time runtimes count in blocks. */
const TIME_UNITS: [string, bigint][] = [
  ['MINUTES', 60_000n],
  ['HOURS', 3_600_000n],
  ['DAYS', 86_400_000n],
];

/**
 * A constant named `names` beside the ones the runtime's timing constants come from: a constants
 * module or crate the runtime names by path (`constants::SLOT_DURATION`) also holds its block time
 * and MINUTES, which the runtime's own scope may never import.
 */
function besideTimingConstants(facts: RuntimeFacts, names: string[]): Found {
  const modules = new Set<Module>();
  for (const f of [facts.slotDuration, facts.relaySlot, facts.capacity, facts.velocity]) for (const i of f.trace) modules.add(i.module);
  for (const name of names) {
    for (const m of modules) {
      const item = (m.items.get(name) ?? []).find((i) => (i.kind === 'const' || i.kind === 'static') && m.cfgHolds(i.cfgs));
      if (!item) continue;
      const trace: Trace = { items: [] };
      return { value: facts.evaluator.expr(item.module, item.value, trace), item, trace: [item, ...trace.items] };
    }
  }
  return { value: undefined, trace: [] };
}

function constantNamed(facts: RuntimeFacts, names: string[]): Found {
  const found = byName(facts, names);
  return found.item || found.value !== undefined ? found : besideTimingConstants(facts, names);
}

function blockTimeOf(facts: RuntimeFacts): Found {
  for (const [unit, ms] of TIME_UNITS) {
    const found = constantNamed(facts, [unit]);
    const blocks = intOf(found.value);
    if (!found.item || !blocks || blocks <= 0n) continue;
    const perBlock = ms / blocks;
    // The constant the unit is computed from: the one in its definition worth one block.
    const source = found.trace.slice(1).find((i) => (i.kind === 'const' || i.kind === 'static') && intOf(facts.evaluator.expr(i.module, i.value)) === perBlock);
    if (source) return { value: { kind: 'int', v: perBlock }, item: source, trace: found.trace };
  }
  const named = constantNamed(facts, ['MILLI_SECS_PER_BLOCK', 'MILLISECS_PER_BLOCK', 'BLOCK_TIME_MS', 'BLOCK_TIME']);
  if (named.item) return named;
  // The constant the slot is defined from, unless it is the relay chain's slot.
  const fromSlot = facts.slotDuration.trace.slice(1).find((i) => (i.kind === 'const' || i.kind === 'static') && i !== facts.relaySlot.item);
  if (fromSlot) return { value: facts.evaluator.expr(fromSlot.module, fromSlot.value), item: fromSlot, trace: [fromSlot] };
  return facts.slotDuration;
}

/**
 * A hook type of the runtime's own whose `ConsensusHook` impl hands over to a
 * FixedVelocityConsensusHook (`impl ConsensusHook for MyHook { fn on_state_proof(..) {
 * FixedVelocityConsensusHook::<..>::on_state_proof(..) } }`): that inner hook.
 */
function delegatedHook(facts: RuntimeFacts, hook: TypeInfo): TypeInfo | undefined {
  for (const module of facts.modules) {
    for (const loc of module.impls) {
      const impl = loc.node;
      if (segments(impl.childForFieldName('trait')).pop() !== 'ConsensusHook') continue;
      if (segments(impl.childForFieldName('type')).pop() !== hook.name) continue;
      // Any type or path named in the impl (`Inner::on_state_proof`, `<Fixed<..> as ..>::..`).
      for (const node of impl.childForFieldName('body')?.descendantsOfType(['generic_type', 'type_identifier', 'identifier']) ?? []) {
        if (!node) continue;
        const found = flattenTypes(facts.evaluator.type(module, node)).find((t) => t.name === 'FixedVelocityConsensusHook');
        if (found) return found;
      }
    }
  }
  return undefined;
}

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
    configs: new Map(),
    capacity: { value: undefined, trace: [] },
    velocity: { value: undefined, trace: [] },
    relaySlot: { value: undefined, trace: [] },
    slotDuration: { value: undefined, trace: [] },
    blockTime: { value: undefined, trace: [] },
    maxBlockWeight: { value: undefined, trace: [] },
    evaluator,
    opaqueMacros: [],
  };

  const opaque = new Map<string, string>();
  const addOpaque = (name: string, module: Module, node: Node) => {
    if (!opaque.has(name) && !compiledOut(module, node)) opaque.set(name, `${module.file.rel}:${lineOfLoc({ file: module.file, node, body: null })}`);
  };
  for (const module of modules) {
    for (const node of module.container?.namedChildren ?? []) {
      if (!node) continue;
      const inv = node.type === 'macro_invocation' ? node : node.type === 'expression_statement' ? node.namedChildren.find((c) => c?.type === 'macro_invocation') : null;
      const name = segments(inv?.childForFieldName('macro')).pop();
      // A macro whose body or expansion check read (a local macro_rules!, a wrapper of impls) is not opaque.
      const read = inv && module.macros.some((b) => b.invocation.id === inv.id);
      if (inv && name && !KNOWN_MACROS.has(name) && !read) addOpaque(`${name}!`, module, inv);
      if (node.type === 'attribute_item') {
        const attr = /^#\[\s*([\w:]+)/.exec(node.text)?.[1]?.split('::').pop();
        const target = node.nextNamedSibling;
        if (attr && target && /runtime|construct|apis|impl_/.test(attr) && attr !== 'runtime' && attr !== 'runtime_version') addOpaque(`#[${attr}]`, module, target);
      }
    }
    for (const loc of module.impls) collectConfig(facts, module, loc);
    for (const body of module.macros) {
      // impl_runtime_apis!, or any macro whose body holds the impls (a wrapper of it).
      if (body.mode === 'items') collectApis(facts, module, body);
      if (body.name === 'register_validate_block' && !facts.validateBlock) {
        const keys = new Map<string, Loc>();
        for (const binding of body.tree.rootNode.descendantsOfType('type_binding')) {
          const name = binding?.childForFieldName('name')?.text;
          if (binding && name) keys.set(name, { file: module.fileOf(body), node: binding, body });
        }
        facts.validateBlock = { loc: { file: module.fileOf(body), node: body.invocation, body: body.parent }, keys };
      }
    }
  }

  // The consensus hook and the three constants it is built from.
  const hookItem = facts.parachainSystem && pickItem(facts.parachainSystem, 'ConsensusHook');
  if (hookItem && facts.parachainSystem) {
    const type = evaluator.type(facts.parachainSystem.module, hookItem.type);
    let fixed = flattenTypes(type).find((t) => t.name === 'FixedVelocityConsensusHook');
    let delegate: string | undefined;
    if (!fixed && type) {
      fixed = delegatedHook(facts, type);
      if (fixed) delegate = type.name;
    }
    facts.hook = { type, fixed, item: hookItem, ...(delegate ? { delegate } : {}) };
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
      // Cumulus's hook is <Runtime, relay slot, velocity, capacity>; Nimbus's (moonkit's
      // pallet_async_backing::consensus_hook) was <Runtime, velocity, capacity> and later took
      // cumulus's four parameters: the count, not the crate, tells which.
      if (fixed.args.length === 3) {
        facts.velocity = arg(1);
        facts.capacity = arg(2);
      } else {
        facts.relaySlot = arg(1);
        facts.velocity = arg(2);
        facts.capacity = arg(3);
      }
    }
  }
  if (facts.capacity.value === undefined) facts.capacity = byName(facts, ['UNINCLUDED_SEGMENT_CAPACITY']);
  if (facts.velocity.value === undefined) facts.velocity = byName(facts, ['BLOCK_PROCESSING_VELOCITY']);
  if (facts.relaySlot.value === undefined) {
    facts.relaySlot = byName(facts, ['RELAY_CHAIN_SLOT_DURATION_MILLIS', 'RELAY_CHAIN_SLOT_DURATION_MILLIS_U64']);
  }

  // Aura: AllowMultipleBlocksPerSlot and SlotDuration.
  if (!facts.aura && facts.configs.has('pallet_async_backing')) facts.nimbus = facts.configs.get('pallet_async_backing');
  const allowConfig = facts.aura ?? facts.nimbus;
  if (allowConfig) {
    const allow = pickItem(allowConfig, 'AllowMultipleBlocksPerSlot');
    if (allow) facts.allowMultiple = { value: boolOf(evaluator.type(allowConfig.module, allow.type)?.value), item: allow };
  }
  if (facts.aura) {
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
  }
  facts.blockTime = blockTimeOf(facts);

  facts.maxBlockWeight = maximumBlockWeight(facts);
  facts.opaqueMacros = [...opaque].map(([name, at]) => ({ name, at }));
  return facts;
}
