// Evaluates the constant expressions and types the guide's steps are about: integer and boolean
// arithmetic over constants (followed across modules and crates), `ConstU32<..>`/`ConstBool<..>`
// spelled through any import, `parameter_types!` values and `X::get()`, type aliases, weights
// (`Weight::from_parts`), durations (`Duration::from_millis`) and zero-argument helper functions.

import type { Node } from '../rust/parser.js';
import { evalCfg } from './cfg.js';
import { expandExpressionMacro } from './macro-expansion.js';
import { inherentMethod, segments, targetName } from './name-resolution.js';
import { lineOfLoc, type Item, type Module, type Target } from './scope.js';

export type Value =
  | { kind: 'int'; v: bigint }
  | { kind: 'bool'; v: boolean }
  /** A weight: its ref time (picoseconds). */
  | { kind: 'weight'; ref: bigint }
  /** A duration in milliseconds (`Duration::from_millis`, `SlotDuration::from_millis`). */
  | { kind: 'ms'; v: bigint };

/** A constant's definition met while evaluating, for evidence. */
export interface Trace {
  items: Item[];
}

export interface TypeInfo {
  /** Last path segment of the type after following aliases (`FixedVelocityConsensusHook`). */
  name: string;
  /** Full path as resolved, for messages. */
  path: string[];
  args: TypeArg[];
  /** The value of a constant type (`ConstU64<6000>`, a `parameter_types!` item). */
  value?: Value;
  /** Aliases and constants followed to get here, outermost first. */
  via: Item[];
  /** The node the type was read from (after aliases). */
  node: Node;
  module: Module;
}

export type TypeArg = { kind: 'type'; type: TypeInfo } | { kind: 'value'; value: Value | undefined; node: Node; module: Module };

/** Constants defined outside any repository, with the values of current polkadot-sdk releases. */
const KNOWN_EXTERNAL: Record<string, bigint> = {
  WEIGHT_REF_TIME_PER_SECOND: 1_000_000_000_000n,
  WEIGHT_REF_TIME_PER_MILLIS: 1_000_000_000n,
  WEIGHT_REF_TIME_PER_MICROS: 1_000_000n,
  WEIGHT_REF_TIME_PER_NANOS: 1_000n,
};

/**
 * Constants runtimes import from polkadot-sdk's `parachains-common` (its `constants` module,
 * re-exported at the crate root), the same in every published version read (7.0.0, 15.0.0,
 * 18.0.0, 20.0.0, 26.0.0): 12 s blocks and a 0.5 s block weight, from before async backing;
 * 26.0.0 adds MAXIMUM_BLOCK_WEIGHT_FOR_ASYNC_BACKING (2 s).
 */
const KNOWN_PARACHAINS_COMMON: Record<string, Value> = {
  MILLISECS_PER_BLOCK: { kind: 'int', v: 12_000n },
  SLOT_DURATION: { kind: 'int', v: 12_000n },
  MINUTES: { kind: 'int', v: 5n },
  HOURS: { kind: 'int', v: 300n },
  DAYS: { kind: 'int', v: 7_200n },
  MAXIMUM_BLOCK_WEIGHT: { kind: 'weight', ref: 500_000_000_000n },
  MAXIMUM_BLOCK_WEIGHT_FOR_ASYNC_BACKING: { kind: 'weight', ref: 2_000_000_000_000n },
};

/** `parachains_common::async_backing` (polkadot-sdk) constants. */
const KNOWN_ASYNC_BACKING: Record<string, bigint> = {
  UNINCLUDED_SEGMENT_CAPACITY: 3n,
  BLOCK_PROCESSING_VELOCITY: 1n,
  RELAY_CHAIN_SLOT_DURATION_MILLIS: 6000n,
  MILLISECS_PER_BLOCK: 6000n,
  SLOT_DURATION: 6000n,
};

const CONST_TYPE = /^Const(?:U\d+|I\d+|Bool|Uint|Int)$/;
const MAX_DEPTH = 24;

export function intOf(value: Value | undefined): bigint | undefined {
  if (!value) return undefined;
  if (value.kind === 'int' || value.kind === 'ms') return value.v;
  return undefined;
}

export function boolOf(value: Value | undefined): boolean | undefined {
  return value?.kind === 'bool' ? value.v : undefined;
}

export function show(value: Value | undefined): string {
  if (!value) return '?';
  switch (value.kind) {
    case 'int':
    case 'ms':
      return value.v.toString();
    case 'bool':
      return String(value.v);
    case 'weight':
      return `ref time ${formatSeconds(value.ref)}`;
  }
}

export function formatSeconds(refTime: bigint): string {
  const ms = Number(refTime / 1_000_000_000n);
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms / 1000} s (${ms} ms)`;
}

/** Where an item is defined, as `file:line`. */
export function where(item: Item): string {
  return `${item.loc.file.rel}:${lineOfLoc(item.loc)}`;
}

export class Evaluator {
  /**
   * @param assoc values of associated functions the evaluator cannot read from source, e.g.
   *   `Aura::slot_duration()` (the pallet's `SlotDuration`), supplied by the runtime analysis.
   */
  constructor(private readonly assoc?: (target: Target, trace?: Trace) => Value | undefined) {}

  /** Evaluates an expression written in `module`. */
  expr(module: Module, node: Node | null | undefined, trace?: Trace, depth = 0): Value | undefined {
    if (!node || depth > MAX_DEPTH) return undefined;
    switch (node.type) {
      case 'integer_literal':
        return intLiteral(node.text);
      case 'boolean_literal':
        return { kind: 'bool', v: node.text === 'true' };
      case 'parenthesized_expression':
      case 'const_block':
        return this.expr(module, node.namedChildren.find(isCode), trace, depth + 1);
      case 'block': {
        const code = node.namedChildren.filter(isCode);
        const last = code[code.length - 1];
        if (!last || last.type === 'let_declaration') return undefined;
        // A block-like expression ending the block (`if .. { } else { }`) is its value; a
        // statement ending in `;` is not.
        if (last.type === 'expression_statement') {
          if (last.text.trimEnd().endsWith(';')) return undefined;
          return this.expr(module, last.namedChildren.find(isCode), trace, depth + 1);
        }
        return this.expr(module, last, trace, depth + 1);
      }
      case 'unary_expression': {
        const op = node.child(0)?.type;
        const v = this.expr(module, node.namedChildren.find(isCode), trace, depth + 1);
        if (op === '-' && v?.kind === 'int') return { kind: 'int', v: -v.v };
        if (op === '!' && v?.kind === 'bool') return { kind: 'bool', v: !v.v };
        return undefined;
      }
      case 'binary_expression': {
        const op = node.childForFieldName('operator')?.type ?? node.child(1)?.type;
        const a = this.expr(module, node.childForFieldName('left'), trace, depth + 1);
        const b = this.expr(module, node.childForFieldName('right'), trace, depth + 1);
        return binary(op, a, b);
      }
      case 'type_cast_expression':
        return this.expr(module, node.childForFieldName('value'), trace, depth + 1);
      case 'identifier':
      case 'scoped_identifier':
        return this.path(module, node, trace, depth);
      case 'call_expression':
        return this.call(module, node, trace, depth);
      case 'return_expression':
        return this.expr(module, node.namedChildren.find(isCode), trace, depth + 1);
      case 'if_expression': {
        // `if cfg!(feature = "x") { a } else { b }`: the branch the judged build takes.
        const condition = this.expr(module, node.childForFieldName('condition'), trace, depth + 1);
        if (condition?.kind !== 'bool') return undefined;
        if (condition.v) return this.expr(module, node.childForFieldName('consequence'), trace, depth + 1);
        const alternative = node.childForFieldName('alternative')?.namedChildren.find(isCode);
        return this.expr(module, alternative, trace, depth + 1);
      }
      case 'macro_invocation':
        return this.macro(module, node, trace, depth);
      default:
        return undefined;
    }
  }

  /** `cfg!(..)` under the judged build's features, or a local macro's expansion. */
  private macro(module: Module, node: Node, trace: Trace | undefined, depth: number): Value | undefined {
    const name = segments(node.childForFieldName('macro')).pop();
    if (name === 'cfg') {
      const args = node.namedChildren.find((c) => c?.type === 'token_tree');
      const holds = args ? evalCfg(args.text.slice(1, -1), module.features) : undefined;
      return holds === undefined ? undefined : { kind: 'bool', v: holds };
    }
    const body = expandExpressionMacro(module, node);
    return body ? this.expr(module, body, trace, depth + 1) : undefined;
  }

  /** Value of a path used as an expression: a constant, a static, a known external constant. */
  private path(module: Module, node: Node, trace: Trace | undefined, depth: number): Value | undefined {
    const segs = segments(node);
    const target = module.resolve(segs, node);
    return this.targetValue(target, segs, trace, depth);
  }

  targetValue(target: Target | undefined, segs: string[], trace: Trace | undefined, depth: number): Value | undefined {
    if (!target) return undefined;
    if (target.kind === 'item') {
      const item = target.item;
      if (item.kind === 'const' || item.kind === 'static') {
        trace?.items.push(item);
        return this.expr(item.module, item.value, trace, depth + 1);
      }
      if (item.kind === 'type' && item.type) {
        trace?.items.push(item);
        return this.type(item.module, item.type, trace, depth + 1)?.value;
      }
      return undefined;
    }
    if (target.kind === 'external') {
      const name = target.path[target.path.length - 1] ?? segs[segs.length - 1] ?? '';
      if (target.path.includes('async_backing') && KNOWN_ASYNC_BACKING[name] !== undefined) {
        return { kind: 'int', v: KNOWN_ASYNC_BACKING[name]! };
      }
      if (target.path[0] === 'parachains_common' && KNOWN_PARACHAINS_COMMON[name]) return KNOWN_PARACHAINS_COMMON[name];
      const known = KNOWN_EXTERNAL[name];
      return known === undefined ? undefined : { kind: 'int', v: known };
    }
    return undefined;
  }

  private call(module: Module, node: Node, trace: Trace | undefined, depth: number): Value | undefined {
    let fn = node.childForFieldName('function');
    // Arguments compiled in under the default features (`#[cfg(..)]` may gate an argument).
    const args: Node[] = [];
    let cfgs: string[] = [];
    for (const a of node.childForFieldName('arguments')?.namedChildren ?? []) {
      if (a?.type === 'attribute_item') {
        const m = /^#\s*\[\s*cfg\s*\(([\s\S]*)\)\s*\]$/.exec(a.text);
        if (m) cfgs.push(m[1]!.trim());
        continue;
      }
      if (isCode(a) && module.cfgHolds(cfgs)) args.push(a);
      cfgs = [];
    }
    if (fn?.type === 'generic_function') fn = fn.childForFieldName('function');
    if (!fn) return undefined;
    if (fn.type === 'field_expression') {
      // A method call: `x.saturating_mul(2)`, `w.set_proof_size(..)`.
      const method = fn.childForFieldName('field')?.text ?? '';
      const receiver = this.expr(module, fn.childForFieldName('value'), trace, depth + 1);
      const arg = this.expr(module, args[0], trace, depth + 1);
      return method_(method, receiver, arg);
    }
    const segs = segments(fn);
    const name = segs[segs.length - 1] ?? '';
    const first = () => this.expr(module, args[0], trace, depth + 1);
    switch (name) {
      case 'from_parts':
      case 'from_ref_time':
      case 'from_all': {
        const v = intOf(first());
        return v === undefined ? undefined : { kind: 'weight', ref: v };
      }
      case 'from_millis': {
        const v = intOf(first());
        return v === undefined ? undefined : { kind: 'ms', v };
      }
      case 'from_secs': {
        const v = intOf(first());
        return v === undefined ? undefined : { kind: 'ms', v: v * 1000n };
      }
      case 'get': {
        // `X::get()` of a `parameter_types!` item or a `ConstU32<..>` alias.
        const base = module.resolve(segs.slice(0, -1), fn);
        return this.targetValue(base, segs.slice(0, -1), trace, depth);
      }
      default: {
        const target = module.resolve(segs, fn);
        const helper = target?.kind === 'item' && target.item.kind === 'fn' ? target.item : target?.kind !== 'item' ? inherentMethod(module, segs, fn) : undefined;
        if (helper) {
          trace?.items.push(helper);
          return this.expr(helper.module, helper.value, trace, depth + 1);
        }
        return target ? this.assoc?.(target, trace) : undefined;
      }
    }
  }

  /** Reads a type, following local aliases; `ConstX<..>` and `parameter_types!` items get a value. */
  type(module: Module, node: Node | null | undefined, trace?: Trace, depth = 0): TypeInfo | undefined {
    if (!node || depth > MAX_DEPTH) return undefined;
    if (node.type === 'generic_type' || node.type === 'type_identifier' || node.type === 'scoped_type_identifier' || node.type === 'identifier' || node.type === 'scoped_identifier') {
      const pathNode = node.type === 'generic_type' ? node.childForFieldName('type') : node;
      const segs = segments(pathNode);
      const argsNode = node.type === 'generic_type' ? node.childForFieldName('type_arguments') : null;
      const args: TypeArg[] = (argsNode?.namedChildren ?? []).filter(isCode).map((a) => this.typeArg(module, a, trace, depth + 1));
      const target = module.resolve(segs, node);
      if (target?.kind === 'item') {
        const item = target.item;
        if ((item.kind === 'type' || item.kind === 'pallet') && item.type) {
          trace?.items.push(item);
          const inner = this.type(item.module, item.type, trace, depth + 1);
          if (inner) return { ...inner, via: [item, ...inner.via] };
        }
        if (item.kind === 'const' || item.kind === 'static') {
          trace?.items.push(item);
          const value = this.expr(item.module, item.value, trace, depth + 1);
          return { name: item.name, path: [item.name], args, value, via: [item], node, module };
        }
        // `pub struct MinimumPeriod; impl Get<u64> for MinimumPeriod { fn get() -> u64 { .. } }`
        const get = item.kind === 'struct' ? item.module.root.method(item.name, 'get') : undefined;
        const value = get?.value ? this.expr(get.module, get.value, trace, depth + 1) : undefined;
        return { name: item.name, path: [item.module.path, item.name], args, via: [], node, module, ...(value ? { value } : {}) };
      }
      const name = targetName(target) ?? segs[segs.length - 1] ?? '';
      const path = target?.kind === 'external' ? target.path : segs;
      const info: TypeInfo = { name, path, args, via: [], node, module };
      if (CONST_TYPE.test(name)) {
        const arg = args[args.length - 1];
        info.value = arg?.kind === 'value' ? arg.value : arg?.kind === 'type' ? arg.type.value : undefined;
      }
      return info;
    }
    return { name: '', path: [], args: [], via: [], node, module };
  }

  /** The value of a constant written where a type or an expression may stand. */
  constant(module: Module, node: Node | null | undefined, trace?: Trace): Value | undefined {
    if (!node) return undefined;
    const arg = this.typeArg(module, node, trace, 0);
    return arg.kind === 'value' ? arg.value : arg.type?.value;
  }

  private typeArg(module: Module, node: Node, trace: Trace | undefined, depth: number): TypeArg {
    switch (node.type) {
      case 'block':
      case 'integer_literal':
      case 'boolean_literal':
      case 'unary_expression':
      case 'negative_literal':
        return { kind: 'value', value: this.expr(module, node, trace, depth), node, module };
      case 'type_identifier':
      case 'scoped_type_identifier':
      case 'identifier':
      case 'scoped_identifier': {
        // A bare name in a generic argument may be a constant (`ConstU64<SLOT_DURATION>`).
        const target = module.resolve(segments(node), node);
        if (target?.kind === 'item' && (target.item.kind === 'const' || target.item.kind === 'static')) {
          trace?.items.push(target.item);
          return { kind: 'value', value: this.expr(target.item.module, target.item.value, trace, depth + 1), node, module };
        }
        if (target?.kind === 'external' && (KNOWN_EXTERNAL[targetName(target) ?? ''] !== undefined || /^[A-Z][A-Z0-9_]+$/.test(targetName(target) ?? ''))) {
          return { kind: 'value', value: this.targetValue(target, segments(node), trace, depth), node, module };
        }
        return { kind: 'type', type: this.type(module, node, trace, depth)! };
      }
      default:
        return { kind: 'type', type: this.type(module, node, trace, depth)! };
    }
  }
}

/** Every type named in a type, arguments included (to find a hook wrapped in another type). */
export function flattenTypes(info: TypeInfo | undefined): TypeInfo[] {
  if (!info) return [];
  const out = [info];
  for (const arg of info.args) if (arg.kind === 'type') out.push(...flattenTypes(arg.type));
  return out;
}

function isCode(node: Node | null): node is Node {
  return node !== null && node.type !== 'line_comment' && node.type !== 'block_comment' && node.type !== 'attribute_item';
}

function intLiteral(text: string): Value | undefined {
  const clean = text.replace(/_/g, '').replace(/(?:u|i)(?:8|16|32|64|128|size)$/, '');
  try {
    if (/^0x[0-9a-f]+$/i.test(clean) || /^0o[0-7]+$/.test(clean) || /^0b[01]+$/.test(clean) || /^\d+$/.test(clean)) {
      return { kind: 'int', v: BigInt(clean) };
    }
  } catch {
    return undefined;
  }
  return undefined;
}

function binary(op: string | undefined, a: Value | undefined, b: Value | undefined): Value | undefined {
  if (!a || !b || !op) return undefined;
  if (a.kind === 'bool' && b.kind === 'bool') {
    if (op === '&&') return { kind: 'bool', v: a.v && b.v };
    if (op === '||') return { kind: 'bool', v: a.v || b.v };
    if (op === '==') return { kind: 'bool', v: a.v === b.v };
    if (op === '!=') return { kind: 'bool', v: a.v !== b.v };
    return undefined;
  }
  const x = a.kind === 'weight' ? a.ref : intOf(a);
  const y = intOf(b);
  if (x === undefined || y === undefined) return undefined;
  const wrap = (v: bigint): Value => (a.kind === 'weight' ? { kind: 'weight', ref: v } : a.kind === 'ms' ? { kind: 'ms', v } : { kind: 'int', v });
  switch (op) {
    case '+':
      return wrap(x + y);
    case '-':
      return wrap(x - y);
    case '*':
      return wrap(x * y);
    case '/':
      return y === 0n ? undefined : wrap(x / y);
    case '%':
      return y === 0n ? undefined : wrap(x % y);
    case '<<':
      return wrap(x << y);
    case '>>':
      return wrap(x >> y);
    case '&':
      return wrap(x & y);
    case '|':
      return wrap(x | y);
    case '^':
      return wrap(x ^ y);
    case '==':
      return { kind: 'bool', v: x === y };
    case '!=':
      return { kind: 'bool', v: x !== y };
    case '<':
      return { kind: 'bool', v: x < y };
    case '>':
      return { kind: 'bool', v: x > y };
    case '<=':
      return { kind: 'bool', v: x <= y };
    case '>=':
      return { kind: 'bool', v: x >= y };
    default:
      return undefined;
  }
}

function method_(method: string, receiver: Value | undefined, arg: Value | undefined): Value | undefined {
  if (!receiver) return undefined;
  switch (method) {
    case 'saturating_mul':
    case 'mul':
    case 'checked_mul':
      return binary('*', receiver, arg);
    case 'saturating_div':
    case 'div':
    case 'checked_div':
      return binary('/', receiver, arg);
    case 'saturating_add':
    case 'checked_add':
      return binary('+', receiver, arg);
    case 'saturating_sub':
    case 'checked_sub':
      return binary('-', receiver, arg);
    case 'set_proof_size':
    case 'into':
    case 'unwrap':
    case 'clone':
      return receiver;
    case 'ref_time':
      return receiver.kind === 'weight' ? { kind: 'int', v: receiver.ref } : undefined;
    case 'as_millis':
      return receiver.kind === 'ms' ? { kind: 'int', v: receiver.v } : undefined;
    default:
      return undefined;
  }
}
