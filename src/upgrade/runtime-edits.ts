// The runtime steps (1.1–1.8, 3.1–3.5) as edits: each failing fact of a runtime is changed where
// check found it (a constant's value, an associated type of the existing config impl, a runtime
// API inside the existing `impl_runtime_apis!`), or added next to its siblings, with the code of
// the guide's fix rendered for the project's names, values and release.

import { intOf, type Trace } from '../analysis/evaluate.js';
import type { Found, PalletConfig, RuntimeFacts } from '../analysis/runtime-facts.js';
import { minimumPeriodVariants, pickItem } from '../analysis/runtime-lookups.js';
import { lineOfLoc, type Item, type Loc, type Module } from '../analysis/scope.js';
import { spanOf, spanOfNode } from '../guide/evidence.js';
import type { Finding } from '../guide/findings.js';
import type { SnippetContext } from '../guide/snippets.js';
import type { StepId } from '../guide/steps.js';
import type { SdkReleaseInfo } from '../profiles/releases.js';
import { elasticCapacity, RECOMMENDED_RELAY_PARENT_OFFSET } from '../profiles/elastic-scaling.js';
import type { Node, RustParser } from '../rust/parser.js';
import type { Changes, UpgradeStepId } from './changes.js';
import { asLines, indentAt, lineEnd, lineStart, reindent, styleOf } from './edits.js';
import { SnippetParts } from './snippet-parts.js';

/** What the team chose (flags) and the phase wanted. */
export interface UpgradeTargets {
  phase: 1 | 2 | 3;
  capacity: number;
  velocity: number;
  /** Whether capacity / velocity were given on the command line (then they replace what is there). */
  capacityGiven: boolean;
  velocityGiven: boolean;
  /** `--authoring-duration` given: the node's own duration is replaced even where check accepts it. */
  authoringGiven?: boolean;
  authoringMs: number;
  /** `--slot-duration`: change the Aura slot to this; undefined keeps it. */
  slotDurationMs: number | undefined;
  /** `--relay-parent-offset` (elastic scaling, velocity above 1): RELAY_PARENT_OFFSET; undefined takes the guide's 1. */
  relayParentOffset?: number;
}

export interface RuntimeEditContext {
  facts: RuntimeFacts;
  release: SdkReleaseInfo;
  findings: Map<string, Finding>;
  targets: UpgradeTargets;
  snippets: SnippetContext;
  parser: RustParser;
  changes: Changes;
  /** Set when step 1.7 adds the API: the runtime's Cargo.toml needs cumulus-primitives-aura. */
  needsPrimitivesAura: boolean;
  /** Set when a ConsensusHook is written on a release that gates it behind a feature. */
  needsHookFeature: boolean;
  /**
   * Set when a `#[cfg(feature = "experimental")]` SlotDuration is written (releases where
   * pallet-aura has the item only under its own `experimental` feature): the runtime's
   * Cargo.toml needs that feature, forwarding to pallet-aura's, or the item is never compiled
   * and rustc warns of an unknown cfg value.
   */
  needsExperimentalFeature: boolean;
  /** SLOT_DURATION as step 1.3 adds it (the runtime had only a block time constant). */
  addedSlot?: { module: Module; name: string };
  /** The consensus hook alias as step 1.4 adds it. */
  addedHook?: { module: Module; name: string };
}

/** A failing step whose facts this runtime holds: the ones `upgrade` edits. */
function failing(c: RuntimeEditContext, id: StepId): boolean {
  const step = Number(id.split('.')[0]);
  return step <= c.targets.phase && c.findings.get(id)?.status === 'fail';
}

export function planRuntime(c: RuntimeEditContext): void {
  const { facts, targets } = c;
  const phase3 = targets.phase === 3;
  // 1.1, 1.2, 3.2: the hook's three constants.
  const capacity = intOf(facts.capacity.value);
  const velocity = intOf(facts.velocity.value);
  const wantCapacity = phase3 ? targets.capacity : 1;
  // Elastic scaling (velocity above 1) sets velocity and capacity itself (elastic-edits.ts); here
  // only constants the runtime lacks are added, with its values.
  const elastic = isElastic(targets);
  const elasticWant = targets.capacityGiven ? targets.capacity : elasticCapacity(targets.velocity, targets.relayParentOffset ?? RECOMMENDED_RELAY_PARENT_OFFSET);
  const constants: { key: 'capacity' | 'velocity' | 'relaySlot'; found: Found; value: number | null; step: UpgradeStepId }[] = [
    {
      key: 'capacity',
      found: facts.capacity,
      value: elastic
        ? capacity === undefined || capacity < 1n ? elasticWant : null
        : capacity === undefined || capacity < 1n || (phase3 && (capacity <= 1n || targets.capacityGiven) && capacity !== BigInt(wantCapacity)) ? wantCapacity : null,
      step: phase3 && capacity !== undefined && capacity >= 1n ? '3.2' : '1.1',
    },
    {
      key: 'velocity',
      found: facts.velocity,
      value: velocity === undefined || velocity < 1n || (!elastic && targets.velocityGiven && velocity !== BigInt(targets.velocity)) ? targets.velocity : null,
      step: '1.1',
    },
    // A hook without a relay slot parameter (moonkit's older three-parameter one) needs no relay
    // slot constant: written only when step 1.2 fails or the hook is about to be written.
    { key: 'relaySlot', found: facts.relaySlot, value: intOf(facts.relaySlot.value) === 6000n || (!failing(c, '1.2') && !failing(c, '1.4')) ? null : 6000, step: '1.2' },
  ];
  const missing = constants.filter((k) => k.value !== null && !k.found.item && !k.found.loc);
  for (const k of constants) if (k.value !== null && (k.found.item || k.found.loc)) setConstant(c, k.step, k.found, BigInt(k.value));
  if (missing.length > 0) addConstants(c, missing.map((k) => ({ key: k.key, value: k.value! })));

  if (failing(c, '1.3') || failing(c, '3.3') || targets.slotDurationMs !== undefined) planBlockTime(c, failing(c, '3.3') ? '3.3' : undefined);
  if (failing(c, '1.4')) planConsensusHook(c);
  if (failing(c, '1.5') || failing(c, '3.1')) planAura(c);
  if (failing(c, '1.6')) planAuraApi(c);
  if (failing(c, '1.7')) planCanBuildUpon(c);
  if (failing(c, '1.8')) planValidateBlock(c);
  if (failing(c, '3.4')) planBlockWeight(c);
  if (failing(c, '3.5')) planMinimumPeriod(c, '3.5');
}

/** Velocity above 1 in phase 3: elastic scaling, planned by elastic-edits.ts after the guide's steps. */
export function isElastic(targets: UpgradeTargets): boolean {
  return targets.phase === 3 && targets.velocity > 1;
}

// ---------------------------------------------------------------------------------------------
// Helpers

export function sourceOf(loc: Loc): string {
  return loc.file.parsed?.source ?? '';
}

export function lineOf(loc: Loc | undefined): number | null {
  return loc ? lineOfLoc(loc) : null;
}

/** A constant's or type's name as code in `module` can write it. */
export function nameIn(module: Module, item: Item): string {
  const target = module.resolve([item.name]);
  if (target?.kind === 'item' && target.item === item) return item.name;
  const inner = item.module.path.split('::').slice(1);
  const head = item.module.crate === module.crate ? 'crate' : item.module.crate.lib;
  return [head, ...inner, item.name].join('::');
}

/** SLOT_DURATION as code in `module` writes it: the runtime's constant, or the one step 1.3 adds. */
function slotNameIn(c: RuntimeEditContext, module: Module): string | null {
  if (c.facts.slotDuration.item) return nameIn(module, c.facts.slotDuration.item);
  return c.addedSlot ? addedNameIn(module, c.addedSlot) : null;
}

/** An item an edit adds, as code in `module` writes it. */
export function addedNameIn(module: Module, added: { module: Module; name: string }): string {
  if (added.module === module) return added.name;
  const inner = added.module.path.split('::').slice(1);
  return [added.module.crate === module.crate ? 'crate' : added.module.crate.lib, ...inner, added.name].join('::');
}

/** The `Const*` getters a fix writes, as `module` can name them: imported, else by path. */
export function constTypesIn(module: Module, text: string): string {
  return text.replace(/(?<!::)\b(ConstU64|ConstU32|ConstBool)\b/g, (n) => (module.items.has(n) || module.uses.has(n) ? n : `frame_support::traits::${n}`));
}

/** Whether `name` is free to define in `module` (no item or import of that name). */
export function nameFree(module: Module, name: string): boolean {
  return !module.items.has(name) && !module.uses.has(name);
}

/**
 * The integer literal a constant's value comes down to, following `A = B` chains; with `scaled`,
 * also `A = B * 1000` (`MILLISECS_PER_BLOCK = SECS_PER_BLOCK * 1000`), the literal then being worth
 * `scale` of the constant's unit.
 */
export function literalOf(found: Found, scaled = false): { loc: Loc; node: Node; scale: bigint } | undefined {
  let scale = 1n;
  if (found.item) {
    let item: Item | undefined = found.item;
    for (let i = 0; item && i < 6; i++) {
      let v: Node | null = item.value;
      while (v && (v.type === 'block' || v.type === 'parenthesized_expression') && v.namedChildCount === 1) v = v.namedChild(0);
      if (!v) return undefined;
      if (v.type === 'integer_literal') return { loc: item.loc, node: v, scale };
      if (scaled && v.type === 'binary_expression' && v.childForFieldName('operator')?.type === '*') {
        const sides: (Node | null)[] = [v.childForFieldName('left'), v.childForFieldName('right')];
        const factor: Node | null | undefined = sides.find((n) => n?.type === 'integer_literal');
        const other: Node | null | undefined = sides.find((n) => n !== factor);
        const n = factor ? BigInt(factor.text.replace(/_|[iu]\d+$|[iu]size$/g, '')) : 0n;
        if (!factor || !other || n <= 0n) return undefined;
        scale *= n;
        v = other;
      }
      if (!v) return undefined;
      if (v.type !== 'identifier' && v.type !== 'scoped_identifier') return undefined;
      const name = v.text.split("::").pop();
      const next: Item | undefined = found.trace.find((t) => t !== item && t.name === name && (t.kind === 'const' || t.kind === 'static'));
      item = next;
    }
    return undefined;
  }
  let node: Node | null = found.loc?.node ?? null;
  while (node && (node.type === 'block' || node.type === 'parenthesized_expression') && node.namedChildCount === 1) node = node.namedChild(0);
  return node?.type === 'integer_literal' && found.loc ? { loc: found.loc, node, scale } : undefined;
}

/** `1_000` stays in the project's style: underscores grouping thousands when the old value had them. */
export function formatLike(old: string, value: bigint): string {
  const suffix = /[iu](8|16|32|64|128|size)$/.exec(old)?.[0] ?? '';
  const digits = value.toString();
  if (!old.includes('_')) return digits + suffix;
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '_') + suffix;
}

export function replaceNode(c: RuntimeEditContext, step: UpgradeStepId, loc: Loc, node: Node, text: string): void {
  const span = spanOfNode(loc, node);
  if (span) c.changes.edit(step, span.file, span.start, span.end, text);
}

// ---------------------------------------------------------------------------------------------
// 1.1, 1.2, 3.2: constants

export function setConstant(c: RuntimeEditContext, step: UpgradeStepId, found: Found, value: bigint): void {
  const lit = literalOf(found);
  const at = found.item?.loc ?? found.loc;
  if (!lit) {
    c.changes.leave(step, at?.file.rel ?? null, lineOf(at), `${found.item?.name ?? 'the constant'} is computed by an expression upgrade cannot edit safely; set it to ${value}.`);
    return;
  }
  replaceNode(c, step, lit.loc, lit.node, formatLike(lit.node.text, value));
}

/**
 * Constants the hook needs and the runtime lacks: written as the guide's fix writes them, next to
 * the ones of the three that exist, else next to the config of parachain-system (where the hook
 * that reads them goes).
 */
function addConstants(c: RuntimeEditContext, wanted: { key: 'capacity' | 'velocity' | 'relaySlot'; value: number }[]): void {
  const { facts } = c;
  const sibling = [facts.capacity.item, facts.velocity.item, facts.relaySlot.item].find((i) => i && i.module.crate === facts.crate && !i.loc.body);
  const ps = facts.parachainSystem;
  const anchor = sibling?.loc ?? (ps && !ps.loc.body ? ps.loc : undefined);
  const step: StepId = wanted.some((w) => w.key === 'relaySlot') && wanted.length === 1 ? '1.2' : '1.1';
  const overrides: Partial<SnippetContext> = {};
  for (const w of wanted) {
    if (w.key === 'capacity') overrides.capacity = w.value;
    if (w.key === 'velocity') overrides.velocity = w.value;
    if (w.key === 'relaySlot') overrides.relaySlotMs = w.value;
  }
  const parts = new SnippetParts(c.parser, 'asyncBackingParams', { ...c.snippets, ...overrides });
  try {
    const names = { capacity: c.snippets.names.capacity, velocity: c.snippets.names.velocity, relaySlot: c.snippets.names.relaySlot };
    const texts = wanted.map((w) => {
      const node = parts.item('const_item', names[w.key]);
      return node ? parts.textWithLeading(node) : null;
    });
    if (!anchor || texts.some((t) => t === null)) {
      c.changes.leave(step, facts.root.file.rel, null, 'no place found for the async backing constants (no parachain-system config in a Rust file of the runtime); add them where the runtime keeps its constants.', parts.text(parts.find('mod_item')!));
      return;
    }
    const source = sourceOf(anchor);
    const style = styleOf(source);
    const node = anchor.node;
    // Visibility as the sibling constants have it; module-level otherwise.
    const vis = sibling ? (/^(pub(\([^)]*\))?\s+)?/.exec(sibling.loc.node.text)![0] ?? '') : '';
    const lines: string[] = [];
    for (const t of texts) {
      const text = t!.replace(/pub\(crate\)\s+const/, `${vis}const`);
      lines.push(...reindent(text, indentAt(source, node.startIndex), style));
    }
    const end = lineEnd(source, node.endIndex);
    const before = sibling ? '' : style.eol;
    c.changes.edit(step, anchor.file.rel, end, end, before + asLines(lines, style) + (sibling ? '' : ''));
    if (!sibling) {
      // After an impl block: a blank line before the constants, as between items.
      c.changes.note(`${anchor.file.rel}: the async backing constants (${wanted.map((w) => names[w.key]).join(', ')}) are added after the parachain-system config.`);
    }
  } finally {
    parts.delete();
  }
}

// ---------------------------------------------------------------------------------------------
// 1.4: the consensus hook and the relay number rule

function planConsensusHook(c: RuntimeEditContext): void {
  const { facts } = c;
  const ps = facts.parachainSystem;
  const fix = c.findings.get('1.4')?.fix ?? null;
  if (!ps) {
    c.changes.leave('1.4', facts.root.file.rel, null, `no \`impl cumulus_pallet_parachain_system::Config for Runtime\` found to edit${facts.opaqueMacros.length ? ` (the runtime is built by macros upgrade cannot expand: ${facts.opaqueMacros.slice(0, 3).join(', ')})` : ''}.`, fix);
    return;
  }
  if (ps.loc.body) {
    c.changes.leave('1.4', ps.loc.file.rel, lineOf(ps.loc), 'the parachain-system config is written inside a macro; upgrade edits only plain Rust items.', fix);
    return;
  }
  const source = sourceOf(ps.loc);
  const style = styleOf(source);
  const parts = new SnippetParts(c.parser, 'consensusHook', c.snippets);
  try {
    const hook = facts.hook;
    if (!hook?.fixed) {
      const aliasName = c.snippets.names.consensusHook;
      const hasAuraExt = [...facts.crate.deps.values()].some((d) => d.pkg === 'cumulus-pallet-aura-ext' || d.pkg === 'polkadot-sdk');
      if (!hasAuraExt) {
        c.changes.leave('1.4', facts.crate.manifestRel, null, `${facts.crate.manifestRel} does not depend on cumulus-pallet-aura-ext, which holds FixedVelocityConsensusHook; add it, then the hook.`, fix);
        return;
      }
      const existingAlias = ps.module.items.get(aliasName)?.find((i) => i.kind === 'type');
      if (!existingAlias && !nameFree(ps.module, aliasName)) {
        c.changes.leave('1.4', ps.loc.file.rel, lineOf(ps.loc), `the name ${aliasName} is taken in ${ps.module.path}; define the hook under another name.`, fix);
        return;
      }
      const aliasNode = parts.item('type_item', aliasName);
      const hookItem = parts.find('impl_item')?.childForFieldName('body')?.namedChildren.find((n) => n?.type === 'type_item' && n.childForFieldName('name')?.text === 'ConsensusHook');
      if (!aliasNode || !hookItem) throw new Error('the consensusHook fix has no hook alias');
      const aliasText = hookAlias(c, ps, parts, aliasNode);
      if (hook) {
        // A hook that is not the fixed-velocity one (ExpectParentIncluded, ..): replaced by the alias.
        if (hook.item.type) replaceNode(c, '1.4', hook.item.loc, hook.item.type, aliasName);
      } else {
        insertItem(c, '1.4', ps, parts.textWithLeading(hookItem));
      }
      if (!existingAlias) {
        // Outside the crate root, other modules (the runtime APIs) reach it by path.
        const text = ps.module.parent ? aliasText.replace(/^(\s*)type /m, '$1pub(crate) type ') : aliasText;
        const end = lineEnd(source, ps.loc.node.endIndex);
        c.changes.edit('1.4', ps.loc.file.rel, end, end, style.eol + asLines(reindent(text, indentAt(source, ps.loc.node.startIndex), style), style));
        c.addedHook = { module: ps.module, name: aliasName };
      }
      c.needsHookFeature = true;
    } else if (!hook.item.loc.body) c.needsHookFeature = true;
    planRelayNumber(c, ps, parts);
  } finally {
    parts.delete();
  }
}

/** The fix's hook alias, its constants named as the hook's module sees them. */
function hookAlias(c: RuntimeEditContext, ps: PalletConfig, parts: SnippetParts, aliasNode: Node): string {
  let text = parts.textWithLeading(aliasNode);
  for (const [key, found] of [['capacity', c.facts.capacity], ['velocity', c.facts.velocity], ['relaySlot', c.facts.relaySlot]] as const) {
    if (found.item) text = text.replace(new RegExp(`\\b${c.snippets.names[key]}\\b`), nameIn(ps.module, found.item));
  }
  return text;
}

/**
 * A hook written inline in the parachain-system config gets a type alias after the config (the
 * runtime API calls it by that name), and the config names the alias.
 */
function aliasInlineHook(c: RuntimeEditContext): string | null {
  const { facts } = c;
  const ps = facts.parachainSystem;
  const hook = facts.hook;
  if (!ps || !hook?.fixed || !hook.item.type || ps.loc.body || hook.item.loc.body) return null;
  const name = c.snippets.names.consensusHook;
  if (!nameFree(ps.module, name)) return null;
  const source = sourceOf(ps.loc);
  const style = styleOf(source);
  {
    // The hook as the config writes it (its own constants), moved into the alias.
    const written = hook.item.type;
    const lines = source.slice(written.startIndex, written.endIndex).split(/\r?\n/);
    const inner = indentAt(source, hook.item.loc.node.startIndex);
    const dedented = lines.map((l, i) => (i === 0 ? l : l.startsWith(inner) ? l.slice(inner.length) : l.trimStart()));
    const base = indentAt(source, ps.loc.node.startIndex);
    const alias = [`${base}type ${name} = ${dedented[0]}`, ...dedented.slice(1).map((l) => (l.trim() === '' ? '' : base + l))];
    alias[alias.length - 1] += ';';
    replaceNode(c, '1.7', hook.item.loc, written, name);
    const end = lineEnd(source, ps.loc.node.endIndex);
    c.changes.edit('1.7', ps.loc.file.rel, end, end, style.eol + asLines(alias, style));
    return name;
  }
}

function planRelayNumber(c: RuntimeEditContext, ps: PalletConfig, parts: SnippetParts): void {
  const relay = pickItem(ps, 'CheckAssociatedRelayNumber');
  const rule = relay ? c.facts.evaluator.type(ps.module, relay.type)?.name : undefined;
  if (relay && rule !== 'RelayNumberStrictlyIncreases') {
    // AnyRelayNumber already lets blocks share a relay parent (check passes it); anything else
    // is a rule of the team's own.
    if (rule !== 'AnyRelayNumber' && rule !== 'RelayNumberMonotonicallyIncreases') {
      c.changes.leave('1.4', relay.loc.file.rel, lineOf(relay.loc), `CheckAssociatedRelayNumber is \`${relay.type?.text}\`, a rule upgrade does not know; it must let several blocks build on one relay parent.`, c.findings.get('1.4')?.fix ?? null);
    }
    return;
  }
  const want = parts.find('impl_item')?.childForFieldName('body')?.namedChildren.find((n) => n?.type === 'type_item' && n.childForFieldName('name')?.text === 'CheckAssociatedRelayNumber');
  if (!want) throw new Error('the consensusHook fix has no CheckAssociatedRelayNumber');
  if (!relay) {
    // The fix imports the rule by name; inserted alone, it is written with its path.
    insertItem(c, '1.4', ps, parts.textWithLeading(want).replace(/=\s*RelayNumberMonotonicallyIncreases/, '= cumulus_pallet_parachain_system::RelayNumberMonotonicallyIncreases'));
    return;
  }
  const type = relay.type;
  if (!type) return;
  // `RelayNumberStrictlyIncreases` imported by name and used only here: the import is renamed
  // too (an unused import would fail `-D warnings`); otherwise the type is written in full.
  const source = sourceOf(relay.loc);
  if (type.type === 'type_identifier' && !relay.loc.body) {
    const uses = ps.module.uses.get(type.text) ?? [];
    const occurrences = source.match(new RegExp(`\\b${type.text}\\b`, 'g'))?.length ?? 0;
    const use = uses[0];
    if (uses.length === 1 && occurrences === 2 && use && !use.loc.body && use.path[use.path.length - 1] === type.text) {
      const last = use.loc.node.descendantsOfType('identifier').find((n) => n?.text === type.text);
      if (last) {
        replaceNode(c, '1.4', use.loc, last, 'RelayNumberMonotonicallyIncreases');
        replaceNode(c, '1.4', relay.loc, type, 'RelayNumberMonotonicallyIncreases');
        return;
      }
    }
  }
  const path = type.text.includes('::') ? type.text.replace(/RelayNumberStrictlyIncreases$/, 'RelayNumberMonotonicallyIncreases') : 'cumulus_pallet_parachain_system::RelayNumberMonotonicallyIncreases';
  replaceNode(c, '1.4', relay.loc, type, path);
}

/** Inserts an associated type (as the fix writes it) after the last item of a config impl. */
export function insertItem(c: RuntimeEditContext, step: UpgradeStepId, config: PalletConfig, text: string): void {
  const body = config.loc.node.childForFieldName('body');
  const source = sourceOf(config.loc);
  const style = styleOf(source);
  const items = body?.namedChildren.filter((n): n is Node => n !== null && n.type !== 'line_comment' && n.type !== 'block_comment') ?? [];
  const last = items[items.length - 1];
  if (!body) return;
  const baseIndent = last ? indentAt(source, last.startIndex) : indentAt(source, config.loc.node.startIndex) + style.unit;
  const lines = reindent(text, baseIndent, style);
  if (last) {
    const at = spanOfNode(config.loc, last)!;
    const end = lineEnd(source, at.end);
    c.changes.edit(step, at.file, end, end, asLines(lines, style));
  } else {
    // `impl X for Runtime {}`: the braces get the items on their own lines.
    const span = spanOfNode(config.loc, body)!;
    c.changes.edit(step, span.file, span.start, span.end, `{${style.eol}${asLines(lines, style)}${indentAt(source, config.loc.node.startIndex)}}`);
  }
}

// ---------------------------------------------------------------------------------------------
// 1.5, 3.1: pallet_aura's config

function planAura(c: RuntimeEditContext): void {
  const { facts, targets } = c;
  const aura = facts.aura;
  const fix = (c.findings.get('3.1')?.status === 'fail' ? c.findings.get('3.1') : c.findings.get('1.5'))?.fix ?? null;
  if (!aura) {
    c.changes.leave('1.5', facts.root.file.rel, null, 'no `impl pallet_aura::Config for Runtime` found to edit.', fix);
    return;
  }
  if (aura.loc.body) {
    c.changes.leave('1.5', aura.loc.file.rel, lineOf(aura.loc), 'the pallet_aura config is written inside a macro; upgrade edits only plain Rust items.', fix);
    return;
  }
  const allow = facts.allowMultiple;
  const want = targets.phase === 3 ? true : (allow?.value ?? false);
  const step: StepId = want ? '3.1' : '1.5';
  const slotCap = c.release.caps.auraSlotDuration;
  const parts = new SnippetParts(c.parser, 'aura', { ...c.snippets, allowMultipleBlocksPerSlot: want, auraSlotDurationFlagged: slotCap === 'experimental' });
  try {
    const impl = parts.find('impl_item')!;
    const item = (name: string) => impl.childForFieldName('body')!.namedChildren.find((n): n is Node => n?.type === 'type_item' && n.childForFieldName('name')?.text === name);
    if (!allow) insertItem(c, step, aura, constTypesIn(aura.module, parts.textWithLeading(item('AllowMultipleBlocksPerSlot')!)));
    else if (allow.value !== want && allow.item.type) {
      const lit = allow.item.type.descendantsOfType('boolean_literal')[0];
      if (lit && allow.item.type.type === 'generic_type') replaceNode(c, step, allow.item.loc, lit, String(want));
      else replaceNode(c, step, allow.item.loc, allow.item.type, constTypesIn(aura.module, parts.text(item('AllowMultipleBlocksPerSlot')!.childForFieldName('type')!)));
    }
    if (slotCap === 'absent' || c.findings.get('1.5')?.status !== 'fail') return;
    const slotItem = facts.auraSlot?.item;
    const slotName = slotNameIn(c, aura.module);
    if (!slotName) {
      c.changes.leave('1.5', aura.loc.file.rel, lineOf(aura.loc), 'no SLOT_DURATION constant found for pallet_aura::SlotDuration; define it (step 1.3), then set the item.', fix);
      return;
    }
    const wanted = constTypesIn(aura.module, parts.textWithLeading(item('SlotDuration')!).replace(new RegExp(`\\b${c.snippets.names.slotDuration}\\b`), slotName));
    if (!slotItem) {
      insertItem(c, '1.5', aura, wanted);
      if (slotCap === 'experimental') c.needsExperimentalFeature = true;
      return;
    }
    const flagged = slotItem.cfgs.some((cfg) => /feature\s*=\s*"experimental"/.test(cfg) && !/not\s*\(/.test(cfg));
    if (flagged && slotCap === 'required') {
      // The guide's cfg breaks the build on releases where the item is required: remove it.
      const attr = slotItem.loc.node.previousNamedSibling;
      if (attr?.type === 'attribute_item' && /experimental/.test(attr.text)) {
        const source = sourceOf(slotItem.loc);
        const a = spanOfNode(slotItem.loc, attr)!;
        c.changes.edit('1.5', a.file, lineStart(source, a.start), lineEnd(source, a.end), '');
      }
    }
    if (facts.auraSlot?.value !== intOf(facts.slotDuration.value) && slotItem.type) {
      replaceNode(c, '1.5', slotItem.loc, slotItem.type, constTypesIn(aura.module, parts.text(item('SlotDuration')!.childForFieldName('type')!).replace(new RegExp(`\\b${c.snippets.names.slotDuration}\\b`), slotName)));
    }
  } finally {
    parts.delete();
  }
}

// ---------------------------------------------------------------------------------------------
// 1.6: AuraApi::slot_duration returns SLOT_DURATION

function planAuraApi(c: RuntimeEditContext): void {
  const { facts } = c;
  const api = facts.auraApi;
  const fix = c.findings.get('1.6')?.fix ?? null;
  const slotName = api ? slotNameIn(c, api.module) : null;
  if (!api || !slotName) {
    c.changes.leave('1.6', api?.loc.file.rel ?? facts.root.file.rel, lineOf(api?.loc), api ? 'no SLOT_DURATION constant found to return.' : 'no `AuraApi::slot_duration` found in impl_runtime_apis! to edit.', fix);
    return;
  }
  const parts = new SnippetParts(c.parser, 'auraApi', c.snippets);
  try {
    const wantCall = parts.find('call_expression', (n) => /from_millis$/.test(n.childForFieldName('function')?.text ?? ''))!;
    const wantArg = slotName;
    const body = api.node.childForFieldName('body');
    const call = body?.descendantsOfType('call_expression').find((n) => n && /(^|::)from_millis$/.test(n.childForFieldName('function')?.text ?? ''));
    const args = call?.childForFieldName('arguments')?.namedChildren.filter((n): n is Node => n !== null) ?? [];
    if (call && args.length === 1) {
      replaceNode(c, '1.6', api.loc, args[0]!, wantArg);
      return;
    }
    // Any other body: the fix's expression replaces the function's tail expression.
    const stmts = body?.namedChildren.filter((n): n is Node => n !== null && n.type !== 'line_comment') ?? [];
    const tail = stmts[stmts.length - 1];
    if (!tail || stmts.length !== 1 || tail.type === 'expression_statement') {
      c.changes.leave('1.6', api.loc.file.rel, lineOf(api.loc), 'AuraApi::slot_duration has a body upgrade cannot rewrite safely; make it return SLOT_DURATION.', fix);
      return;
    }
    replaceNode(c, '1.6', api.loc, tail, parts.text(wantCall).replace(new RegExp(`\\b${c.snippets.names.slotDuration}\\b`), wantArg));
  } finally {
    parts.delete();
  }
}

// ---------------------------------------------------------------------------------------------
// 1.7: AuraUnincludedSegmentApi, inside the existing impl_runtime_apis!

function planCanBuildUpon(c: RuntimeEditContext): void {
  const { facts } = c;
  const fix = c.findings.get('1.7')?.fix ?? null;
  const umbrella = [...facts.crate.deps.values()].some((d) => d.pkg === 'polkadot-sdk');
  const direct = [...facts.crate.deps.values()].some((d) => d.pkg === 'cumulus-primitives-aura');
  if (umbrella && !direct) {
    c.changes.leave('1.7', facts.crate.manifestRel, null, 'the runtime takes its crates from the polkadot-sdk umbrella crate: enable its `cumulus-primitives-aura` feature, then add the API.', fix);
    return;
  }
  const hookName = facts.hook?.type?.via[0]?.name ?? (facts.hook?.fixed ? aliasInlineHook(c) : c.snippets.names.consensusHook);
  const parts = new SnippetParts(c.parser, 'unincludedSegmentApi', c.snippets);
  try {
    const impl = parts.find('impl_item')!;
    if (facts.canBuildUpon) {
      const existing = facts.canBuildUpon;
      const tail = existing.node.childForFieldName('body');
      const want = parts.find('function_item')?.childForFieldName('body');
      if (!tail || !want || !hookName) {
        c.changes.leave('1.7', existing.loc.file.rel, lineOf(existing.loc), 'AuraUnincludedSegmentApi::can_build_upon does not ask the consensus hook, and upgrade cannot name the hook for it.', fix);
        return;
      }
      replaceNode(c, '1.7', existing.loc, tail, parts.text(want));
      return;
    }
    if (!hookName) {
      c.changes.leave('1.7', facts.root.file.rel, null, 'the consensus hook is written inline in the parachain-system config; give it a type alias, then add the API that calls it.', fix);
      return;
    }
    // After the AuraApi impl, else after the last API of the first impl_runtime_apis!.
    const anchorFn = facts.auraApi;
    let anchor: { loc: Loc; node: Node } | undefined = anchorFn ? { loc: anchorFn.loc, node: anchorFn.node.parent?.parent ?? anchorFn.node } : undefined;
    if (!anchor) {
      for (const m of facts.modules) {
        const body = m.macros.find((b) => b.name === 'impl_runtime_apis');
        const impls = body?.tree.rootNode.namedChildren.filter((n): n is Node => n?.type === 'impl_item') ?? [];
        if (body && impls.length > 0) {
          anchor = { loc: { file: m.file, node: impls[impls.length - 1]!, body }, node: impls[impls.length - 1]! };
          break;
        }
      }
    }
    if (!anchor || anchor.node.type !== 'impl_item') {
      c.changes.leave('1.7', facts.root.file.rel, null, 'no impl_runtime_apis! found to add AuraUnincludedSegmentApi to.', fix);
      return;
    }
    const module = anchorFn?.module ?? facts.modules.find((m) => m.file === anchor!.loc.file) ?? facts.root;
    // The fix's comment tells where the impl goes; the edit puts it there.
    let text = parts.lineText(impl);
    const hookItem = [...module.root.allModules()].flatMap((m) => m.items.get(hookName) ?? []).find((i) => i.kind === 'type');
    if (hookItem) text = text.replace(new RegExp(`\\b${c.snippets.names.consensusHook}::can_build_upon`), `${nameIn(module, hookItem)}::can_build_upon`);
    else if (c.addedHook) text = text.replace(new RegExp(`\\b${c.snippets.names.consensusHook}::can_build_upon`), `${addedNameIn(module, c.addedHook)}::can_build_upon`);
    else if (hookName !== c.snippets.names.consensusHook) text = text.replace(new RegExp(`\\b${c.snippets.names.consensusHook}::can_build_upon`), `${hookName}::can_build_upon`);
    if (!module.resolve(['BlockT'])) text = text.replace('<Block as BlockT>', '<Block as sp_runtime::traits::Block>');
    const span = spanOfNode(anchor.loc, anchor.node)!;
    const source = sourceOf(anchor.loc);
    const style = styleOf(source);
    const end = lineEnd(source, span.end);
    c.changes.edit('1.7', span.file, end, end, style.eol + asLines(reindent(text, indentAt(source, span.start), style), style));
    if (!direct) c.needsPrimitivesAura = true;
  } finally {
    parts.delete();
  }
}

// ---------------------------------------------------------------------------------------------
// 1.8: CheckInherents out of register_validate_block!

function planValidateBlock(c: RuntimeEditContext): void {
  const vb = c.facts.validateBlock;
  const binding = vb?.keys.get('CheckInherents');
  if (!vb || !binding) return;
  const source = sourceOf(binding);
  const span = spanOf(binding)!;
  // The binding's whole line(s), with its comma.
  let end = span.end;
  const after = /^\s*,/.exec(source.slice(end));
  if (after) end += after[0].length;
  const from = lineStart(source, span.start);
  const to = lineEnd(source, end);
  if (source.slice(from, span.start).trim() !== '' || source.slice(end, to).trim() !== '') {
    c.changes.edit('1.8', span.file, span.start, end, '');
  } else c.changes.edit('1.8', span.file, from, to, '');
  // The CheckInherents type it named, now unused (dead code fails `-D warnings`): removed with
  // its impl when it is a unit struct of this file used nowhere else.
  const name = binding.node.childForFieldName('type')?.text;
  if (!name || !/^\w+$/.test(name)) return;
  const file = binding.file;
  const root = file.parsed?.tree.rootNode;
  if (!root) return;
  const struct = root.namedChildren.find((n) => n?.type === 'struct_item' && n.childForFieldName('name')?.text === name && !n.childForFieldName('body'));
  const impls = root.namedChildren.filter((n): n is Node => n?.type === 'impl_item' && n.childForFieldName('type')?.text === name);
  const uses = source.match(new RegExp(`\\b${name}\\b`, 'g'))?.length ?? 0;
  // The struct, its impls' type and trait names, and the binding's two.
  const expected = 1 + impls.length * (name === 'CheckInherents' ? 2 : 1) + (name === 'CheckInherents' ? 2 : 1);
  if (!struct || uses !== expected) return;
  for (const node of [struct, ...impls]) {
    let start = node.startIndex;
    for (let p = node.previousSibling; p && (p.type === 'line_comment' || p.type === 'attribute_item'); p = p.previousSibling) start = p.startIndex;
    const from2 = lineStart(source, start);
    let to2 = lineEnd(source, node.endIndex);
    // One blank line after the item goes with it.
    const blank = /^[ \t]*\r?\n/.exec(source.slice(to2));
    if (blank) to2 += blank[0].length;
    c.changes.edit('1.8', file.rel, from2, to2, '');
  }
}

// ---------------------------------------------------------------------------------------------
// 1.3, 3.3: the block time, and the Aura slot it is kept apart from

export function planBlockTime(c: RuntimeEditContext, phase3Step?: UpgradeStepId): void {
  const { facts, targets } = c;
  const slotItem = facts.slotDuration.item;
  const slot = intOf(facts.slotDuration.value);
  const fix = (c.findings.get('3.3')?.status === 'fail' ? c.findings.get('3.3') : c.findings.get('1.3'))?.fix ?? null;
  const relay = 6000n;
  const blockTime = targets.phase === 3 ? relay / BigInt(targets.velocity) : 12000n;
  const step: UpgradeStepId = targets.phase === 3 ? (phase3Step ?? '3.3') : '1.3';
  if (!slotItem && facts.blockTime.item) {
    addSlotDuration(c, step, facts.blockTime.item, blockTime, fix);
    return;
  }
  if (!slotItem || slot === undefined) {
    c.changes.leave(step, slotItem?.loc.file.rel ?? facts.root.file.rel, lineOf(slotItem?.loc), slotItem ? 'SLOT_DURATION is computed by an expression upgrade cannot evaluate; set the block time by hand.' : 'no SLOT_DURATION constant found; define the block time and the Aura slot.', fix);
    return;
  }
  const newSlot = targets.slotDurationMs !== undefined ? BigInt(targets.slotDurationMs) : slot;
  const blockItem = facts.blockTime.item && facts.blockTime.item !== slotItem ? facts.blockTime.item : undefined;
  const blockTrace: Trace = { items: [] };
  const blockValue = blockItem ? intOf(facts.evaluator.expr(blockItem.module, blockItem.value, blockTrace)) : slot;
  if (blockValue === blockTime && newSlot === slot) return;
  if (targets.phase < 3 && slot !== 12000n && targets.slotDurationMs === undefined) {
    c.changes.leave('1.3', slotItem.loc.file.rel, lineOf(slotItem.loc), `SLOT_DURATION is ${slot} ms; the guide keeps 12000 ms until phase 3, and upgrade does not change a running chain's slot unless asked (--slot-duration).`, fix);
    return;
  }
  const slotLit = literalOf({ value: undefined, item: slotItem, trace: facts.slotDuration.trace });
  if (blockItem) {
    // SLOT_DURATION = MILLISECS_PER_BLOCK (or its own literal): the block time constant changes;
    // the slot keeps its value, written out when it was derived from the block time.
    const blockLit = literalOf({ value: undefined, item: blockItem, trace: [blockItem, ...blockTrace.items] }, true);
    if (!blockLit || blockTime % blockLit.scale !== 0n) {
      c.changes.leave(step, blockItem.loc.file.rel, lineOf(blockItem.loc), `${blockItem.name} is computed by an expression upgrade cannot edit safely; set it to ${blockTime}.`, fix);
      return;
    }
    const slotDerived = slotLit === undefined || slotLit.node === blockLit.node;
    if (blockValue !== blockTime) replaceNode(c, step, blockLit.loc, blockLit.node, formatLike(blockLit.node.text, blockTime / blockLit.scale));
    if (slotDerived && newSlot !== blockTime) {
      const value = slotItem.value;
      if (!value || !/^[\w:]+$/.test(value.text.trim())) {
        c.changes.leave(step, slotItem.loc.file.rel, lineOf(slotItem.loc), `SLOT_DURATION is derived from ${blockItem.name} by an expression; keep it at ${newSlot} ms by hand.`, fix);
        return;
      }
      replaceNode(c, step, slotItem.loc, value, formatLike(blockLit.node.text, newSlot));
    } else if (!slotDerived && slotLit && newSlot !== slot) {
      replaceNode(c, step, slotLit.loc, slotLit.node, formatLike(slotLit.node.text, newSlot));
    }
    return;
  }
  // Only SLOT_DURATION: a block time constant is added before it, as the guide's fix names it.
  if (!slotLit || slotItem.loc.body) {
    c.changes.leave(step, slotItem.loc.file.rel, lineOf(slotItem.loc), `SLOT_DURATION is computed by an expression upgrade cannot edit safely.`, fix);
    return;
  }
  if (newSlot === blockTime) {
    replaceNode(c, step, slotLit.loc, slotLit.node, formatLike(slotLit.node.text, blockTime));
    return;
  }
  const parts = new SnippetParts(c.parser, 'blockTimes', { ...c.snippets, blockTimeMs: Number(blockTime) });
  try {
    const node = parts.item('const_item', c.snippets.names.blockTime)!;
    const source = sourceOf(slotItem.loc);
    const style = styleOf(source);
    const vis = /^(pub(\([^)]*\))?\s+)?/.exec(slotItem.loc.node.text)![0] ?? '';
    const text = parts.textWithLeading(node).replace(/pub\s+const/, `${vis}const`);
    const at = lineStart(source, slotItem.loc.node.startIndex);
    let start = at;
    for (let p = slotItem.loc.node.previousSibling; p && (p.type === 'line_comment' || p.type === 'attribute_item'); p = p.previousSibling) start = lineStart(source, p.startIndex);
    c.changes.edit(step, slotItem.loc.file.rel, start, start, asLines(reindent(text, indentAt(source, at), style), style) + style.eol);
    if (newSlot !== slot) replaceNode(c, step, slotLit.loc, slotLit.node, formatLike(slotLit.node.text, newSlot));
    c.changes.note(`${slotItem.loc.file.rel}: ${c.snippets.names.blockTime} = ${blockTime} ms is the new block time; durations your runtime derives from SLOT_DURATION still count ${newSlot} ms per block.`);
  } finally {
    parts.delete();
  }
}

/**
 * A runtime with a block time constant and no SLOT_DURATION (its Aura slot is twice the
 * timestamp's MinimumPeriod): SLOT_DURATION is added after the block time, as the guide's fix
 * defines it — from the block time, or, when the block time is lowered now, at the slot the
 * chain runs with, which stays.
 */
function addSlotDuration(c: RuntimeEditContext, step: UpgradeStepId, block: Item, blockTime: bigint, fix: string | null): void {
  const current = intOf(c.facts.evaluator.expr(block.module, block.value, { items: [] }));
  const lit = literalOf({ value: undefined, item: block, trace: [block] });
  if (block.loc.body || current === undefined || !lit) {
    c.changes.leave(step, block.loc.file.rel, lineOf(block.loc), `no SLOT_DURATION constant, and ${block.name} is not a constant upgrade can define it from; add SLOT_DURATION by hand.`, fix);
    return;
  }
  const name = c.snippets.names.slotDuration;
  if (!nameFree(block.module, name)) return;
  const parts = new SnippetParts(c.parser, 'blockTimes', { ...c.snippets, names: { ...c.snippets.names, blockTime: block.name } });
  try {
    const node = parts.item('const_item', name)!;
    const source = sourceOf(block.loc);
    const style = styleOf(source);
    const vis = /^(pub(\([^)]*\))?\s+)?/.exec(block.loc.node.text)![0] ?? '';
    let text = parts.textWithLeading(node).replace(/pub\s+const/, `${vis}const`);
    const keep = c.targets.slotDurationMs !== undefined ? BigInt(c.targets.slotDurationMs) : current;
    if (keep !== blockTime) text = text.replace(new RegExp(`=\\s*${block.name}\\s*;`), `= ${formatLike(lit.node.text, keep)};`);
    const end = lineEnd(source, block.loc.node.endIndex);
    c.changes.edit(step, block.loc.file.rel, end, end, style.eol + asLines(reindent(text, indentAt(source, block.loc.node.startIndex), style), style));
    if (current !== blockTime) replaceNode(c, step, lit.loc, lit.node, formatLike(lit.node.text, blockTime));
    c.addedSlot = { module: block.module, name };
  } finally {
    parts.delete();
  }
}

// ---------------------------------------------------------------------------------------------
// 3.4: MAXIMUM_BLOCK_WEIGHT gets 2 s of ref time

function planBlockWeight(c: RuntimeEditContext): void {
  const w = c.facts.maxBlockWeight.item;
  const fix = c.findings.get('3.4')?.fix ?? null;
  if (!w?.value) {
    c.changes.leave('3.4', c.facts.root.file.rel, null, 'no MAXIMUM_BLOCK_WEIGHT constant found to edit.', fix);
    return;
  }
  const parts = new SnippetParts(c.parser, 'maximumBlockWeight', c.snippets);
  try {
    const want = parts.find('call_expression', (n) => /from_parts$/.test(n.childForFieldName('function')?.text ?? ''));
    const wantArg = want?.childForFieldName('arguments')?.namedChildren[0];
    const call = w.value.type === 'call_expression' ? w.value : undefined;
    const args = call?.childForFieldName('arguments')?.namedChildren.filter((n): n is Node => n !== null && n.type !== 'line_comment') ?? [];
    const first = args[0];
    const refTime = first && /WEIGHT_REF_TIME_PER_SECOND/.exec(first.text)?.[0];
    if (!call || !/from_parts$/.test(call.childForFieldName('function')?.text ?? '') || args.length !== 2 || !first || !refTime || !wantArg) {
      c.changes.leave('3.4', w.loc.file.rel, lineOf(w.loc), `${w.name} is not written as Weight::from_parts(WEIGHT_REF_TIME_PER_SECOND…, proof size); set its ref time to 2 s by hand.`, fix);
      return;
    }
    // The ref-time argument only; the proof size and the constant's own path stay.
    const path = /[\w:]*WEIGHT_REF_TIME_PER_SECOND/.exec(first.text)![0];
    replaceNode(c, '3.4', w.loc, first, parts.text(wantArg).replace('WEIGHT_REF_TIME_PER_SECOND', path));
  } finally {
    parts.delete();
  }
}

// ---------------------------------------------------------------------------------------------
// 3.5: MinimumPeriod 0 in the default build

/**
 * An Aura slot defined as twice the timestamp's MinimumPeriod would become 0 with it: it is set
 * to SLOT_DURATION, as the guide's step 1.5 writes it.
 */
function keepAuraSlot(c: RuntimeEditContext, step: UpgradeStepId): void {
  const item = c.facts.auraSlot?.item;
  const aura = c.facts.aura;
  if (!item?.type || !aura || !/MinimumPeriodTimesTwo/.test(item.type.text)) return;
  const slotName = slotNameIn(c, aura.module);
  if (!slotName || item.loc.body) {
    c.changes.leave(step, item.loc.file.rel, lineOf(item.loc), 'pallet_aura::SlotDuration is MinimumPeriodTimesTwo, which a MinimumPeriod of 0 makes 0: set it to SLOT_DURATION.', c.findings.get('1.5')?.fix ?? null);
    return;
  }
  const parts = new SnippetParts(c.parser, 'aura', { ...c.snippets, auraSlotDurationFlagged: false });
  try {
    const want = parts.find('type_item', (n) => n.childForFieldName('name')?.text === 'SlotDuration')?.childForFieldName('type');
    if (want) replaceNode(c, step, item.loc, item.type, constTypesIn(aura.module, parts.text(want).replace(new RegExp(`\\b${c.snippets.names.slotDuration}\\b`), slotName)));
  } finally {
    parts.delete();
  }
}

export function planMinimumPeriod(c: RuntimeEditContext, step: UpgradeStepId): void {
  const { facts } = c;
  const fix = c.findings.get('3.5')?.fix ?? null;
  const ts = facts.timestamp;
  if (!ts || ts.loc.body) {
    c.changes.leave(step, ts?.loc.file.rel ?? facts.root.file.rel, lineOf(ts?.loc), ts ? 'the pallet_timestamp config is written inside a macro; upgrade edits only plain Rust items.' : 'no `impl pallet_timestamp::Config for Runtime` found to edit.', fix);
    return;
  }
  const parts = new SnippetParts(c.parser, 'minimumPeriod', { ...c.snippets, minimumPeriod: 'zero' });
  try {
    const want = parts.item('type_item', 'MinimumPeriod')!;
    const variants = minimumPeriodVariants(facts);
    const unconditional = variants.find((v) => v.item.cfgs.length === 0);
    const type = constTypesIn(ts.module, parts.text(want.childForFieldName('type')!));
    if (unconditional?.item.type) {
      replaceNode(c, step, unconditional.item.loc, unconditional.item.type, type);
      keepAuraSlot(c, step);
      return;
    }
    if (variants.length === 0) {
      insertItem(c, step, ts, parts.textWithLeading(want).replace(/ConstU64<0>/, type));
      return;
    }
    // Only feature-gated variants, none 0 in the default build: the team's feature scheme.
    const first = variants[0]!.item;
    c.changes.leave(step, first.loc.file.rel, lineOf(first.loc), `MinimumPeriod is set only under cfg(${first.cfgs.join(', ')}); make it 0 in the build your chain runs.`, fix);
  } finally {
    parts.delete();
  }
}

