// Rewriting a macro body, by the mode macro-bodies.ts chose, into text tree-sitter parses as Rust,
// with a map from every offset of that text back to the file.

import type { Node } from 'web-tree-sitter';
import type { ReparseMode } from './macro-bodies.js';
import { isTree, skipAttributes, splitTop, tokens } from './token-trees.js';

export interface Synthetic {
  text: string;
  map: (offset: number) => number;
}

/**
 * Builds a new text from spans of `source` and inserted strings, remembering where every
 * character came from. Spans must be taken in increasing order.
 */
export class Rewriter {
  private readonly parts: string[] = [];
  private readonly segments: { at: number; from: number; length: number; copied: boolean }[] =
    [];
  private length = 0;

  constructor(
    private readonly source: string,
    private cursor: number,
  ) {}

  /** Copies the source up to `end`. */
  copyTo(end: number): void {
    if (end <= this.cursor) return;
    this.push(this.source.slice(this.cursor, end), this.cursor, true);
    this.cursor = end;
  }

  /** Inserts text that stands for the source position `at` (the cursor by default). */
  insert(text: string, at = this.cursor): void {
    this.copyTo(at);
    this.push(text, at, false);
  }

  /** Replaces the source range [start, end) by `text`. */
  replace(start: number, end: number, text: string): void {
    this.copyTo(start);
    this.push(text, start, false);
    this.cursor = Math.max(this.cursor, end);
  }

  /** Copies the source range [start, end) wherever it lies, leaving the cursor alone. */
  copySpan(start: number, end: number): void {
    if (end > start) this.push(this.source.slice(start, end), start, true);
  }

  /** Inserts text that stands for the source position `at`, leaving the cursor alone. */
  insertAt(text: string, at: number): void {
    this.push(text, at, false);
  }

  finish(end: number): Synthetic {
    this.copyTo(end);
    return this.build();
  }

  /** The text built so far, with its map. */
  build(): Synthetic {
    const segments = this.segments;
    const total = this.length;
    const last = segments[segments.length - 1];
    const fallback = last ? last.from + (last.copied ? last.length : 0) : this.cursor;
    return {
      text: this.parts.join(''),
      map: (offset: number) => {
        if (offset >= total) return fallback;
        let lo = 0;
        let hi = segments.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (segments[mid]!.at <= offset) lo = mid;
          else hi = mid - 1;
        }
        const seg = segments[lo];
        if (!seg) return fallback;
        return seg.copied ? seg.from + Math.min(offset - seg.at, seg.length) : seg.from;
      },
    };
  }

  private push(text: string, from: number, copied: boolean): void {
    if (text.length === 0) return;
    this.segments.push({ at: this.length, from, length: text.length, copied });
    this.parts.push(text);
    this.length += text.length;
  }
}

/** `skip`: tokens of the body left out before the items (a wrapper macro's own arguments). */
export function rewrite(mode: ReparseMode, tt: Node, source: string, skip = 0): Synthetic | null {
  const open = tt.child(0)!;
  const close = tt.child(tt.childCount - 1)!;
  const toks = tokens(tt);
  const innerStart = skip > 0 && toks[skip] ? toks[skip]!.startIndex : open.endIndex;
  const innerEnd = close.startIndex;
  const w = new Rewriter(source, innerStart);
  switch (mode) {
    case 'items':
      return w.finish(innerEnd);

    case 'statics': {
      const last = toks[toks.length - 1];
      if (last && last.type !== ';') w.insert(';', last.endIndex);
      return w.finish(innerEnd);
    }

    case 'parameter_types':
      for (const statement of splitTop(toks, ';')) {
        let i = skipAttributes(statement, 0);
        if (statement[i]?.type === 'pub') {
          i++;
          if (isTree(statement[i], '(')) i++;
        }
        const t = statement[i];
        const next = statement[i + 1];
        if (!t || t.type === 'const' || t.type === 'static') continue;
        if (t.type === 'identifier' && t.text === 'storage' && next?.type === 'identifier') {
          w.replace(t.startIndex, t.endIndex, 'static');
        } else if (next?.type === ':') {
          w.insert('static ', t.startIndex);
        }
        // `pub Bounded: BoundedU128::<1, 10> = ..`: the type may be written with a turbofish.
        const eq = statement.findIndex((tok, j) => j > i && tok.type === '=');
        if (eq > i) normalizeTurbofish(w, statement.slice(i + 1, eq));
      }
      return w.finish(innerEnd);

    case 'construct_runtime': {
      let entriesIndex = -1;
      toks.forEach((t, i) => {
        if (isTree(t, '{')) entriesIndex = i;
      });
      const entries = toks[entriesIndex];
      if (!entries) return w.finish(innerEnd);
      // `pub struct Runtime` (also accepted) reads as the enum; `where Block = B, NodeBlock = N`
      // (older runtimes) as `where Block: B, NodeBlock: N`.
      for (const t of toks.slice(0, entriesIndex)) {
        if (t.type === 'struct') w.replace(t.startIndex, t.endIndex, 'enum');
        if (t.type === '=') w.replace(t.startIndex, t.endIndex, ':');
      }
      for (const entry of splitTop(tokens(entries), ',')) rewritePalletEntry(w, entry);
      return w.finish(innerEnd);
    }

    case 'key_values':
      w.insert('type __Kv = __Kv<', innerStart);
      normalizeTurbofish(w, toks);
      w.copyTo(innerEnd);
      w.insert('>;', innerEnd);
      return w.finish(innerEnd);

    case 'benchmark_list':
      w.insert('fn __benchmarks() { let _ = (', innerStart);
      for (const t of toks) {
        if (!isTree(t, '[')) continue;
        // `[pallet_xcm_benchmarks::fungible, fungible::Pallet<Runtime>]`: a type where the
        // array reads an expression, so its generic arguments take a turbofish.
        genericsAsTurbofish(w, tokens(t));
        w.insert(',', t.endIndex);
      }
      w.copyTo(innerEnd);
      w.insert('); }', innerEnd);
      return w.finish(innerEnd);

    case 'matches': {
      const args = splitArguments(toks);
      const [expr, pattern, ...rest] = args;
      if (!expr || !pattern || expr.tokens.length === 0) return null;
      w.insert('fn __matches() { match (', innerStart);
      w.copyTo(expr.tokens[expr.tokens.length - 1]!.endIndex);
      const comma1 = expr.separator!;
      w.replace(comma1.startIndex, comma1.endIndex, ') {');
      const comma2 = pattern.separator;
      const message = rest.some((r) => r.tokens.length > 0);
      if (comma2 && message) {
        w.replace(comma2.startIndex, comma2.endIndex, ' => {} } let _ = (');
        w.copyTo(innerEnd);
        w.insert('); }', innerEnd);
      } else {
        if (comma2) w.replace(comma2.startIndex, comma2.endIndex, '');
        w.copyTo(innerEnd);
        w.insert(' => {} } }', innerEnd);
      }
      return w.finish(innerEnd);
    }

    case 'expression': {
      const bracket = open.type === '[';
      w.insert('fn __expression() { let _ = ', innerStart);
      w.insert(bracket ? '[' : '(', innerStart);
      rewriteLogArguments(w, toks);
      w.copyTo(innerEnd);
      w.insert(bracket ? ']; }' : '); }', innerEnd);
      return w.finish(innerEnd);
    }

    case 'opaque':
      return null;
  }
}

// The keys `log` and `tracing` macros take before their message (`target: "runtime", ..`).
const LOG_KEYS = new Set(['target', 'parent', 'name']);

/**
 * The arguments of a log macro as Rust: `target: x` (log, tracing) reads as `target = x`, and
 * tracing's field sigils (`?err`, `%id`, `error = ?err`), which record a value by its Debug or
 * Display form, are dropped, so `tracing::debug!(target: "xcm", ?e, "failed")` is not taken for a
 * syntax error.
 */
function rewriteLogArguments(w: Rewriter, toks: Node[]): void {
  for (const { tokens: arg } of splitTop(toks, ',', true)) {
    const [first, second] = arg;
    if (first?.type === 'identifier' && LOG_KEYS.has(first.text) && second?.type === ':') {
      w.replace(second.startIndex, second.endIndex, '=');
      continue;
    }
    const eq = arg.findIndex((t) => t.type === '=');
    const sigils = eq > 0 ? [0, eq + 1] : [0];
    for (const at of sigils) {
      const t = arg[at];
      if (t && (t.type === '?' || t.type === '%') && arg.length > at + 1) w.replace(t.startIndex, t.endIndex, ' ');
    }
  }
}

/** `#[attr] Name: path::{Parts} exclude_parts { Call } = 3` → `#[attr] Name(path, (Parts), (Call)) = 3`. */
function rewritePalletEntry(w: Rewriter, entry: Node[]): void {
  const i = skipAttributes(entry, 0);
  const name = entry[i];
  const colon = entry[i + 1];
  if (!name || name.type !== 'identifier' || colon?.type !== ':') return;
  w.replace(colon.startIndex, colon.endIndex, '(');
  // `Did: crate,`: the pallet is the crate itself; tree-sitter has no `crate` type.
  const path = entry[i + 2];
  if (path?.text === 'crate' && entry[i + 3]?.type !== '::') w.replace(path.startIndex, path.endIndex, 'Crate');
  let closed = false;
  for (let j = i + 2; j < entry.length; j++) {
    const t = entry[j]!;
    const next = entry[j + 1];
    if (t.type === '::' && isTree(next, '{')) {
      w.replace(t.startIndex, t.endIndex, ',');
      bracesToParens(w, next!);
      j++;
    } else if (
      t.type === 'identifier' &&
      (t.text === 'exclude_parts' || t.text === 'use_parts') &&
      isTree(next, '{')
    ) {
      w.replace(t.startIndex, t.endIndex, ',');
      bracesToParens(w, next!);
      j++;
    } else if (t.type === '::' && next?.type === '<') {
      w.replace(t.startIndex, t.endIndex, '  ');
    } else if (t.type === '=' && !closed) {
      w.insert(')', t.startIndex);
      closed = true;
    }
  }
  const last = entry[entry.length - 1]!;
  if (!closed) w.insert(')', last.endIndex);
}

function bracesToParens(w: Rewriter, tt: Node): void {
  w.replace(tt.startIndex, tt.startIndex + 1, '(');
  w.replace(tt.endIndex - 1, tt.endIndex, ')');
}

/**
 * Top-level arguments, as splitTop on `,`, except inside generic arguments (`Status::<_, _>::A`,
 * `<T as Trait<A, B>>::X`), whose commas are not token-tree separators.
 */
function splitArguments(toks: Node[]): { tokens: Node[]; separator: Node | null }[] {
  const groups: { tokens: Node[]; separator: Node | null }[] = [];
  let current: Node[] = [];
  let angles = 0;
  for (const t of toks) {
    const prev = current[current.length - 1];
    if (t.type === '<' && (angles > 0 || prev === undefined || prev.type === '::' || prev.type === '|')) angles++;
    else if (t.type === '>' && angles > 0) angles--;
    else if (t.type === '>>' && angles > 0) angles = Math.max(0, angles - 2);
    if (t.type === ',' && angles === 0) {
      groups.push({ tokens: current, separator: t });
      current = [];
    } else {
      current.push(t);
    }
  }
  groups.push({ tokens: current, separator: null });
  return groups;
}

/** `Path<T>` → `Path::<T>` in these tokens: a type read where an expression is parsed. */
function genericsAsTurbofish(w: Rewriter, toks: Node[]): void {
  for (let j = 1; j < toks.length; j++) {
    if (toks[j]!.type === '<' && toks[j - 1]!.type === 'identifier') w.insert('::', toks[j]!.startIndex);
  }
}

/**
 * `Path::<T>` → `Path  <T>` in every token below: Rust accepts a turbofish in a type path, but
 * tree-sitter's type grammar does not. Used only where every value is a type.
 */
function normalizeTurbofish(w: Rewriter, toks: Node[]): void {
  for (let j = 0; j < toks.length; j++) {
    const t = toks[j]!;
    if (t.type === '::' && toks[j + 1]?.type === '<') {
      w.replace(t.startIndex, t.endIndex, '  ');
    } else if (t.type === 'token_tree') {
      normalizeTurbofish(w, tokens(t));
    }
  }
}
