// Where a runtime counts time in its own blocks (the guide's "Timing by Block Number"): the time
// units derived from the block time (`MINUTES = 60_000 / MILLISECS_PER_BLOCK`, HOURS, DAYS), and
// every block-number duration built from them or written in blocks: pallet config items, constants,
// fields of constant tables (referenda tracks). Pallets whose `BlockNumberProvider` is the relay
// chain's count relay blocks instead.

import type { Node } from '../rust/parser.js';
import { intOf, type Trace } from './evaluate.js';
import { segments } from './name-resolution.js';
import type { RuntimeFacts } from './runtime-facts.js';
import { lineOfLoc, type Item, type Loc, type Module } from './scope.js';

export interface TimingFinding {
  /** `unit`: a time unit (MINUTES); `config`: a pallet config item; `constant`; `field`: a field of a constant table. */
  kind: 'unit' | 'config' | 'constant' | 'field';
  /** What it is, e.g. `pallet_democracy::Config::VotingPeriod`, `DAYS`, `TRACKS: decision_period`. */
  name: string;
  file: string;
  line: number;
  /** Its value in blocks, when it can be evaluated. */
  blocks: bigint | undefined;
  /**
   * `derived`: computed from the block time (MINUTES, HOURS, DAYS…), so the count follows a new
   * block time; `literal`: a fixed number of blocks; `relay`: the pallet counts relay-chain blocks.
   */
  basis: 'derived' | 'literal' | 'relay';
  /** A relay-block count written with this chain's units (DAYS of its own blocks). */
  relayInOwnUnits?: boolean;
}

/** Constants holding the block time in milliseconds, whatever a team named them. */
const MS_NAME = /^(MILLI_?SECS?_PER_BLOCK|MILLISECONDS_PER_BLOCK|BLOCK_TIME(_MS|_IN_MILLIS)?|SLOT_DURATION)$/;
/** Time units built from the block time. */
const UNIT_NAME = /^(MINUTES|HOURS|DAYS|WEEKS|MONTHS|YEARS)$/;
/**
 * Config items FRAME names by a role that is never a `Get<BlockNumber>` (weights, the runtime's
 * aggregated types, handlers, id conversions): not evaluated, since following their types would
 * parse whole pallet crates for nothing. Origins are evaluated: `EnsureWithSuccess<.., ConstU32<{ 3
 * * DAYS }>>` carries a duration.
 */
const NOT_A_DURATION = /^(WeightInfo|PalletInfo|Runtime[A-Z]\w*)$|(Handler|Handle|IdOf)$/;
/** Config items and constants whose name says they are a duration. */
const DURATION_NAME = /(Period|Duration|Delay|Timeout|Lifetime|Window|Interval|Cooldown|Expir|Deadline|Blocks?)$|_PERIOD$|_DURATION$|_DELAY$|_BLOCKS$/;

export function timingFacts(facts: RuntimeFacts): TimingFinding[] {
  const { evaluator } = facts;
  const msItems = new Set<Item>([facts.blockTime.item, facts.slotDuration.item].filter((i): i is Item => i !== undefined));
  const isMs = (i: Item): boolean => msItems.has(i) || MS_NAME.test(i.name);
  // Units and their uses are traced again and again (classifying, then counting): once each.
  const traced = new Map<string, { trace: Item[]; blocks: bigint | undefined }>();
  const traceOf = (module: Module, node: Node | null, asType = false): { trace: Item[]; blocks: bigint | undefined } => {
    const key = node ? `${module.file.abs}#${module.container?.id}#${node.id}#${asType}` : null;
    const known = key === null ? undefined : traced.get(key);
    if (known) return known;
    const trace: Trace = { items: [] };
    const value = asType ? evaluator.type(module, node, trace)?.value : evaluator.expr(module, node, trace);
    const result = { trace: trace.items, blocks: intOf(value) };
    if (key !== null) traced.set(key, result);
    return result;
  };

  // Time units: a division by the block time (`60_000 / (MILLISECS_PER_BLOCK as BlockNumber)`), and
  // what is built from a unit (HOURS = MINUTES * 60).
  const kinds = new Map<Item, 'unit' | 'derived' | null>();
  const classify = (item: Item): 'unit' | 'derived' | null => {
    if (kinds.has(item)) return kinds.get(item)!;
    kinds.set(item, null); // cycles
    let kind: 'unit' | 'derived' | null = null;
    if ((item.kind === 'const' || item.kind === 'static') && item.value && !isMs(item)) {
      const divides = item.value.descendantsOfType('binary_expression').some((b) => {
        if (!b || b.child(1)?.type !== '/') return false;
        return traceOf(item.module, b.childForFieldName('right')).trace.some(isMs);
      });
      if (divides) kind = 'unit';
      else if (traceOf(item.module, item.value).trace.some((t) => t !== item && classify(t) !== null)) kind = 'derived';
    }
    kinds.set(item, kind);
    return kind;
  };
  const countsBlocks = (trace: Item[]): boolean => trace.some((t) => classify(t) !== null);

  const findings: TimingFinding[] = [];
  const reported = new Set<Item>();
  const at = (loc: Loc) => ({ file: loc.file.rel, line: lineOfLoc(loc) });

  // Pallet config items, and functions of other trait impls that return a duration
  // (`fn blocks_per_era() -> BlockNumber { 24 * HOURS }`).
  for (const module of facts.modules) {
    for (const loc of module.impls) {
      const trait = segments(loc.node.childForFieldName('trait'));
      if (trait[trait.length - 1] !== 'Config' || trait.length < 2) {
        for (const fn of loc.node.childForFieldName('body')?.namedChildren ?? []) {
          if (fn?.type !== 'function_item' || fn.childForFieldName('parameters')?.namedChildren.length) continue;
          const { trace, blocks } = traceOf(module, fn.childForFieldName('body'));
          if (!countsBlocks(trace)) continue;
          const owner = segments(loc.node.childForFieldName('type')).pop() ?? '?';
          findings.push({ kind: 'constant', name: `${owner}::${fn.childForFieldName('name')?.text ?? '?'}()`, ...at({ ...loc, node: fn }), blocks, basis: 'derived' });
        }
        continue;
      }
      const pallet = trait.slice(0, -1).join('::');
      const items = (loc.node.childForFieldName('body')?.namedChildren ?? []).filter((c): c is Node => c?.type === 'type_item');
      const relay = items.some((t) => /RelaychainDataProvider|RelayChainBlockNumberProvider/.test(t.childForFieldName('type')?.text ?? ''));
      for (const t of items) {
        const name = t.childForFieldName('name')?.text ?? '';
        if (NOT_A_DURATION.test(name)) continue;
        const { trace, blocks: direct } = traceOf(module, t.childForFieldName('type'), true);
        const derived = countsBlocks(trace);
        const declared = trace.find((i) => i.kind === 'const' && i.type && /BlockNumber/.test(i.type.text));
        if (!derived && !(DURATION_NAME.test(name) && declared)) continue;
        const first = trace.find((i) => (i.kind === 'const' || i.kind === 'static') && (classify(i) !== null || i === declared));
        const blocks = direct ?? (first ? traceOf(first.module, first.value).blocks : undefined);
        trace.forEach((i) => reported.add(i));
        const finding: TimingFinding = { kind: 'config', name: `${pallet}::Config::${name}`, ...at({ ...loc, node: t }), blocks, basis: relay ? 'relay' : derived ? 'derived' : 'literal' };
        if (relay && derived) finding.relayInOwnUnits = true;
        findings.push(finding);
      }
    }
  }

  // Constants: units, durations built from them, and the fields of constant tables.
  for (const module of facts.modules) {
    if (module.testOnly) continue;
    for (const list of module.items.values()) {
      for (const item of list) {
        if ((item.kind !== 'const' && item.kind !== 'static') || !item.value) continue;
        const kind = classify(item);
        const unit = kind === 'unit' || (kind === 'derived' && UNIT_NAME.test(item.name));
        if (unit || (kind === 'derived' && !reported.has(item))) {
          findings.push({ kind: unit ? 'unit' : 'constant', name: item.name, ...at(item.loc), blocks: traceOf(module, item.value).blocks, basis: 'derived' });
        } else if (!kind && !reported.has(item) && DURATION_NAME.test(item.name) && item.type && /BlockNumber/.test(item.type.text) && !isMs(item)) {
          const blocks = traceOf(module, item.value).blocks;
          if (blocks !== undefined) findings.push({ kind: 'constant', name: item.name, ...at(item.loc), blocks, basis: 'literal' });
        }
        if (kind) continue;
        for (const field of item.value.descendantsOfType('field_initializer')) {
          const value = field?.childForFieldName('value');
          if (!field || !value) continue;
          const { trace, blocks } = traceOf(module, value);
          if (!countsBlocks(trace)) continue;
          findings.push({ kind: 'field', name: `${item.name}: ${field.childForFieldName('field')?.text ?? '?'}`, ...at({ ...item.loc, node: field }), blocks, basis: 'derived' });
        }
      }
    }
  }
  // Units and durations defined in another crate (a shared constants crate) that this runtime uses.
  for (const [item, kind] of kinds) {
    if (kind && !facts.modules.includes(item.module) && (!reported.has(item) || UNIT_NAME.test(item.name))) {
      const unit = kind === 'unit' || UNIT_NAME.test(item.name);
      findings.push({ kind: unit ? 'unit' : 'constant', name: item.name, ...at(item.loc), blocks: traceOf(item.module, item.value).blocks, basis: 'derived' });
    }
  }
  const order = { unit: 0, config: 1, constant: 2, field: 3 };
  return findings.sort((a, b) => order[a.kind] - order[b.kind] || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}
