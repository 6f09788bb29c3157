// Elastic scaling on an existing phase-3 chain (`upgrade --phase 3 --velocity N`): the runtime's
// side as edits where check found each item — BLOCK_PROCESSING_VELOCITY, RELAY_PARENT_OFFSET next
// to its siblings and wired into parachain-system's `RelayParentOffset`, `RelayParentOffsetApi` in
// the existing impl_runtime_apis!, the capacity by `new`'s formula, MinimumPeriod 0, the block
// time at relay slot / velocity with the Aura slot kept, the core commitments feature — and the
// collator: the slot-based one, a manual step with the code for the release (a node's block
// import changes too, which upgrade does not rewrite in a node it did not write).
// Numbers and sources: src/profiles/elastic-scaling.ts. The code mirrors the generated project
// (templates/runtime/src/lib.rs.hbs, configs/mod.rs.hbs, apis.rs.hbs; test/upgrade-elastic.test.ts
// checks that the two agree).

import type { ElasticFacts } from '../analysis/elastic-facts.js';
import { intOf } from '../analysis/evaluate.js';
import { segments } from '../analysis/name-resolution.js';
import type { NodeFacts } from '../analysis/node-facts.js';
import { minimumPeriodValue } from '../analysis/runtime-lookups.js';
import { lineOfLoc, type Item, type Loc, type Module } from '../analysis/scope.js';
import { spanOfNode } from '../guide/evidence.js';
import { elasticCapacity, RECOMMENDED_RELAY_PARENT_OFFSET } from '../profiles/elastic-scaling.js';
import type { Node } from '../rust/parser.js';
import type { Changes } from './changes.js';
import { asLines, indentAt, lineEnd, reindent, styleOf } from './edits.js';
import { enableDependencyFeature } from './manifest-edits.js';
import {
  addedNameIn,
  constTypesIn,
  insertItem,
  literalOf,
  formatLike,
  lineOf,
  nameIn,
  planBlockTime,
  planMinimumPeriod,
  replaceNode,
  setConstant,
  sourceOf,
  type RuntimeEditContext,
} from './runtime-edits.js';
import { slotBasedCollatorCode } from './slot-based-collator.js';

const RELAY_SLOT_MS = 6000n;
export const OFFSET_NAME = 'RELAY_PARENT_OFFSET';

/** The offset constant: one the runtime has, or the one this upgrade adds. */
type OffsetConstant = { item: Item } | { added: { module: Module; name: string } };

function offsetNameIn(module: Module, offset: OffsetConstant): string {
  return 'item' in offset ? nameIn(module, offset.item) : addedNameIn(module, offset.added);
}

/** `ConstU32<NAME>`, braced when the name is a path (a const generic argument must be). */
function constU32(module: Module, name: string): string {
  return constTypesIn(module, `ConstU32<${name.includes('::') ? `{ ${name} }` : name}>`);
}

/** The offset the team asked for (`--relay-parent-offset`), else the guide's recommendation. */
export function wantedOffset(c: RuntimeEditContext): number {
  return c.targets.relayParentOffset ?? RECOMMENDED_RELAY_PARENT_OFFSET;
}

export function planElasticRuntime(c: RuntimeEditContext, elastic: ElasticFacts): void {
  const { facts, targets } = c;
  const velocity = targets.velocity;
  const offset = wantedOffset(c);

  // A velocity or capacity the runtime lacks was added with its value by planRuntime.
  if ((facts.velocity.item || facts.velocity.loc) && intOf(facts.velocity.value) !== BigInt(velocity)) setConstant(c, 'elastic:velocity', facts.velocity, BigInt(velocity));
  const offsetConstant = planOffset(c, elastic, offset);
  planCapacity(c, velocity, offset, offsetConstant);
  if (offsetConstant) planOffsetApi(c, elastic, offset, offsetConstant);

  // The block time falls to the relay slot / velocity; the Aura slot stays (planBlockTime keeps
  // it unless --slot-duration asks), and must be at least the relay slot.
  const blockTimePlanned = c.findings.get('3.3')?.status === 'fail' || c.findings.get('1.3')?.status === 'fail' || targets.slotDurationMs !== undefined;
  if (!blockTimePlanned && intOf(facts.blockTime.value) !== RELAY_SLOT_MS / BigInt(velocity)) planBlockTime(c, 'elastic:block-time');
  const slot = targets.slotDurationMs !== undefined ? BigInt(targets.slotDurationMs) : (facts.auraSlot?.value ?? intOf(facts.slotDuration.value));
  if (slot !== undefined && slot < RELAY_SLOT_MS) {
    const at = facts.slotDuration.item?.loc ?? facts.auraSlot?.item.loc;
    c.changes.leave('elastic:aura-slot', at?.file.rel ?? facts.root.file.rel, lineOf(at), `the Aura slot is ${slot} ms; the SDK's elastic-scaling guide requires at least the relay slot (6000 ms). Changing a running chain's slot halts it unless every collator and the runtime change together: upgrade leaves it to you (--slot-duration 6000 writes it).`);
  }

  if (c.findings.get('3.5')?.status !== 'fail' && minimumPeriodValue(facts) !== 0n) planMinimumPeriod(c, 'elastic:minimum-period');

  // The core commitments (RFC 103 UMP signals) the relay needs from each block.
  if (c.release.caps.umpSignalsFeature && !elastic.umpSignals) {
    enableDependencyFeature(c.changes, 'elastic:ump-signals', facts.crate, 'cumulus-pallet-parachain-system', 'experimental-ump-signals');
  }
}

// ---------------------------------------------------------------------------------------------
// RELAY_PARENT_OFFSET and parachain-system's RelayParentOffset

function planOffset(c: RuntimeEditContext, elastic: ElasticFacts, offset: number): OffsetConstant | null {
  const { facts } = c;
  const step = 'elastic:relay-parent-offset';
  const ps = facts.parachainSystem;
  const snippet = `type RelayParentOffset = ConstU32<${OFFSET_NAME}>;`;
  if (!ps || ps.loc.body) {
    c.changes.leave(step, ps?.loc.file.rel ?? facts.root.file.rel, lineOf(ps?.loc), ps ? 'the parachain-system config is written inside a macro; upgrade edits only plain Rust items: set its RelayParentOffset.' : 'no `impl cumulus_pallet_parachain_system::Config for Runtime` found to set RelayParentOffset in.', `const ${OFFSET_NAME}: u32 = ${offset};\n${snippet}`);
    return null;
  }
  const configured = elastic.relayParentOffset?.item;
  // The constant the config item names (`ConstU32<X>`, `ConstU32<{ path::X }>`), else one of the
  // offset's name the runtime already has.
  const named = configured?.type ? constantNamedBy(ps.module, configured.type) : undefined;
  const existing = named ?? findOffsetConstant(c, ps.module);
  let constant: OffsetConstant;
  if (existing) {
    const value = intOf(facts.evaluator.expr(existing.module, existing.value));
    if (value !== BigInt(offset)) setConstant(c, step, { value: undefined, item: existing, trace: [existing] }, BigInt(offset));
    constant = { item: existing };
  } else {
    const added = addOffsetConstant(c, offset);
    if (!added) return null;
    constant = { added };
  }
  if (named) return constant;
  const type = constU32(ps.module, offsetNameIn(ps.module, constant));
  if (configured?.type) {
    if (configured.loc.body) {
      c.changes.leave(step, configured.loc.file.rel, lineOf(configured.loc), 'RelayParentOffset is set inside a macro; upgrade edits only plain Rust items.', `type RelayParentOffset = ${type};`);
      return constant;
    }
    replaceNode(c, step, configured.loc, configured.type, type);
  } else {
    insertItem(c, step, ps, `type RelayParentOffset = ${type};`);
  }
  return constant;
}

/** The const item a `ConstU32<..>` type names, when its argument is a path to one. */
function constantNamedBy(module: Module, type: Node): Item | undefined {
  const args = type.childForFieldName('type_arguments');
  let arg = args?.namedChildren.find((n): n is Node => n !== null);
  while (arg && arg.type === 'block' && arg.namedChildCount === 1) arg = arg.namedChild(0) ?? undefined;
  if (arg?.type === 'expression_statement') arg = arg.namedChild(0) ?? undefined;
  if (!arg || (arg.type !== 'identifier' && arg.type !== 'scoped_identifier' && arg.type !== 'type_identifier' && arg.type !== 'scoped_type_identifier')) return undefined;
  const target = module.resolve(segments(arg));
  return target?.kind === 'item' && target.item.kind === 'const' ? target.item : undefined;
}

/** A `RELAY_PARENT_OFFSET` constant the runtime defines already (unwired), as `module` sees it. */
function findOffsetConstant(c: RuntimeEditContext, module: Module): Item | undefined {
  const target = module.resolve([OFFSET_NAME]);
  if (target?.kind === 'item' && target.item.kind === 'const') return target.item;
  const velocity = c.facts.velocity.item;
  return velocity?.module.items.get(OFFSET_NAME)?.find((i) => i.kind === 'const');
}

/**
 * RELAY_PARENT_OFFSET next to BLOCK_PROCESSING_VELOCITY (its visibility too), else after the
 * parachain-system config, as the generated runtime writes it.
 */
function addOffsetConstant(c: RuntimeEditContext, offset: number): { module: Module; name: string } | null {
  const { facts } = c;
  const step = 'elastic:relay-parent-offset';
  const sibling = facts.velocity.item && !facts.velocity.item.loc.body ? facts.velocity.item : undefined;
  const ps = facts.parachainSystem!;
  const anchor = sibling?.loc ?? ps.loc;
  const module = sibling?.module ?? ps.module;
  if (module.items.has(OFFSET_NAME) || module.uses.has(OFFSET_NAME)) {
    c.changes.leave(step, anchor.file.rel, lineOf(anchor), `the name ${OFFSET_NAME} is taken in ${module.path} by something that is not a constant; define the offset (${offset}) under another name and set parachain-system's RelayParentOffset to it.`);
    return null;
  }
  const source = sourceOf(anchor);
  const style = styleOf(source);
  const vis = sibling ? (/^(pub(\([^)]*\))?\s+)?/.exec(sibling.loc.node.text)![0] ?? '') : '';
  const text = [
    '/// Elastic scaling builds each block this many relay blocks behind the relay chain\'s tip, so',
    '/// a relay chain fork does not drop parachain blocks. parachain-system checks it',
    '/// (`RelayParentOffset`) and the slot-based collator reads it (`RelayParentOffsetApi`).',
    `${vis}const ${OFFSET_NAME}: u32 = ${offset};`,
  ].join('\n');
  const end = lineEnd(source, anchor.node.endIndex);
  c.changes.edit(step, anchor.file.rel, end, end, (sibling ? '' : style.eol) + asLines(reindent(text, indentAt(source, anchor.node.startIndex), style), style));
  return { module, name: OFFSET_NAME };
}

// ---------------------------------------------------------------------------------------------
// UNINCLUDED_SEGMENT_CAPACITY

/**
 * The capacity `new` gives (3 + offset) × velocity, unless --capacity says otherwise; a capacity
 * already that large stays. A literal constant becomes the formula over the runtime's own
 * constants, as the generated runtime writes it, so a later velocity change carries it along.
 */
function planCapacity(c: RuntimeEditContext, velocity: number, offset: number, constant: OffsetConstant | null): void {
  const { facts, targets } = c;
  const step = 'elastic:capacity';
  if (!facts.capacity.item && !facts.capacity.loc) return;
  const current = intOf(facts.capacity.value);
  const want = targets.capacityGiven ? targets.capacity : elasticCapacity(velocity, offset);
  if (current !== undefined && (targets.capacityGiven ? current === BigInt(want) : current >= BigInt(want))) return;
  const at = facts.capacity.item?.loc ?? facts.capacity.loc;
  const lit = literalOf(facts.capacity);
  if (!lit) {
    c.changes.leave(step, at?.file.rel ?? facts.root.file.rel, lineOf(at), `UNINCLUDED_SEGMENT_CAPACITY is computed by an expression upgrade cannot edit safely; set it to ${want} ((3 + RELAY_PARENT_OFFSET) × BLOCK_PROCESSING_VELOCITY).`);
    return;
  }
  const item = facts.capacity.item;
  const velocityItem = facts.velocity.item;
  const u32 = (i: Item | undefined) => i?.type?.text === 'u32';
  const direct = item && lit.node.id === item.value?.id && !item.loc.body;
  if (!targets.capacityGiven && direct && constant && velocityItem && !velocityItem.loc.body && u32(item) && u32(velocityItem)) {
    const offsetName = offsetNameIn(item.module, constant);
    replaceNode(c, step, lit.loc, lit.node, `(3 + ${offsetName}) * ${nameIn(item.module, velocityItem)}`);
    return;
  }
  replaceNode(c, step, lit.loc, lit.node, formatLike(lit.node.text, BigInt(want)));
}

// ---------------------------------------------------------------------------------------------
// RelayParentOffsetApi, inside the existing impl_runtime_apis!

function planOffsetApi(c: RuntimeEditContext, elastic: ElasticFacts, offset: number, constant: OffsetConstant): void {
  const { facts } = c;
  const step = 'elastic:offset-api';
  const api = facts.offsetApi;
  const snippet = (path: string, block: string, runtime: string, name: string) =>
    [
      "// The slot-based collator (elastic scaling) asks how far behind the relay chain's tip to",
      '// build; without this API it would build at offset 0, and parachain-system would reject every',
      '// block built so whenever `RelayParentOffset` is above 0.',
      `impl ${path}RelayParentOffsetApi<${block}> for ${runtime} {`,
      '\tfn relay_parent_offset() -> u32 {',
      `\t\t${name}`,
      '\t}',
      '}',
    ].join('\n');
  if (api) {
    if (elastic.offsetApi?.value === BigInt(offset)) return;
    // It returns another value: its body becomes the constant.
    const body = api.node.childForFieldName('body');
    const stmts = body?.namedChildren.filter((n): n is Node => n !== null && n.type !== 'line_comment' && n.type !== 'block_comment') ?? [];
    const tail = stmts[stmts.length - 1];
    if (!tail || stmts.length !== 1 || tail.type === 'expression_statement' || tail.type === 'let_declaration') {
      c.changes.leave(step, api.loc.file.rel, lineOf(api.loc), `RelayParentOffsetApi::relay_parent_offset has a body upgrade cannot rewrite safely; make it return ${OFFSET_NAME} (${offset}).`);
      return;
    }
    replaceNode(c, step, api.loc, tail, offsetNameIn(api.module, constant));
    return;
  }
  if (!facts.apisRead && facts.opaqueMacros.length > 0) {
    c.changes.leave(step, facts.root.file.rel, null, `the runtime APIs are not in an impl_runtime_apis! upgrade can read (the runtime invokes ${facts.opaqueMacros.slice(0, 3).map((m) => m.name).join(', ')}); add RelayParentOffsetApi beside AuraUnincludedSegmentApi.`, snippet('cumulus_primitives_core::', 'Block', 'Runtime', OFFSET_NAME));
    return;
  }
  // After AuraUnincludedSegmentApi (else AuraApi): the consensus APIs stay together.
  const anchorFn = facts.canBuildUpon ?? facts.auraApi;
  const impl = anchorFn?.node.parent?.parent;
  if (!anchorFn || impl?.type !== 'impl_item') {
    c.changes.leave(step, facts.root.file.rel, null, 'no AuraUnincludedSegmentApi or AuraApi impl found in impl_runtime_apis! to add RelayParentOffsetApi beside.', snippet('cumulus_primitives_core::', 'Block', 'Runtime', OFFSET_NAME));
    return;
  }
  const block = /<\s*([\w:]+)/.exec(impl.childForFieldName('trait')?.text ?? '')?.[1] ?? 'Block';
  const runtime = impl.childForFieldName('type')?.text ?? 'Runtime';
  const path = primitivesCorePath(c, impl, anchorFn.module);
  const name = offsetNameIn(anchorFn.module, constant);
  if (path === null) {
    c.changes.leave(step, anchorFn.loc.file.rel, lineOfLoc(anchorFn.loc), 'upgrade cannot tell how the runtime names cumulus_primitives_core (no CollectCollationInfo impl to follow); add RelayParentOffsetApi with its path.', snippet('cumulus_primitives_core::', block, runtime, name));
    return;
  }
  const loc: Loc = { ...anchorFn.loc, node: impl };
  const span = spanOfNode(loc, impl)!;
  const source = sourceOf(loc);
  const style = styleOf(source);
  const end = lineEnd(source, span.end);
  c.changes.edit(step, span.file, end, end, style.eol + asLines(reindent(snippet(path, block, runtime, name), indentAt(source, span.start), style), style));
}

/**
 * The path prefix of cumulus_primitives_core's runtime APIs as this runtime writes them: the one
 * its `CollectCollationInfo` impl uses (`cumulus_primitives_core::`,
 * `polkadot_sdk::cumulus_primitives_core::`, or an import's path), or null.
 */
function primitivesCorePath(c: RuntimeEditContext, anchor: Node, module: Module): string | null {
  const siblings = anchor.parent?.namedChildren ?? [];
  const collect = siblings.find((n): n is Node => n?.type === 'impl_item' && /\bCollectCollationInfo\s*</.test(n.childForFieldName('trait')?.text ?? ''));
  const trait = collect?.childForFieldName('trait')?.text.replace(/\s+/g, '');
  if (trait) {
    const prefix = trait.replace(/CollectCollationInfo<.*$/, '');
    if (prefix !== '') return prefix;
    const use = module.uses.get('CollectCollationInfo')?.[0];
    if (use && use.path.length > 1 && use.path[use.path.length - 1] === 'CollectCollationInfo') return `${use.path.slice(0, -1).join('::')}::`;
  }
  return [...c.facts.crate.deps.values()].some((d) => d.pkg === 'cumulus-primitives-core') ? 'cumulus_primitives_core::' : null;
}

// ---------------------------------------------------------------------------------------------
// The collator

/**
 * A node that starts the lookahead collator: a manual step with the slot-based collator's code
 * for the release. A chain run by polkadot-omni-node: a note (the network configs get the flag).
 */
export function planElasticCollator(changes: Changes, node: NodeFacts | null, request: { release: string; velocity: number; offset: number; authoringMs: number }): void {
  const step = 'elastic:collator';
  if (!node || node.omniNodeLib) {
    changes.note(`the collators run polkadot-omni-node${node ? ` (${node.crate.name} builds on its library)` : ''}: start every collator with \`--authoring slot-based\` before the runtime upgrade that raises the velocity; upgrade adds it to the network configs that start them where it can.`);
    return;
  }
  if (node.runs.some((r) => r.kind === 'slot_based')) return;
  const run = node.runs.find((r) => r.kind === 'lookahead') ?? node.runs[0];
  const at = run?.loc ?? node.params[0]?.loc;
  const code = slotBasedCollatorCode(request);
  changes.leave(
    step,
    at?.file.rel ?? node.crate.manifestRel,
    at ? lineOfLoc(at) : null,
    `${node.crate.name} ${run ? `runs ${run.path}` : 'starts no collator upgrade recognises'}; elastic scaling needs the slot-based collator, and with it a SlotBasedBlockImport in the node's block import whose handle goes to the collator. upgrade does not rewrite a node's block import and service it did not write: make the changes below (the code this tool generates for ${request.release} at velocity ${request.velocity}), then run every collator on the new node before the runtime upgrade.`,
    code,
  );
}
