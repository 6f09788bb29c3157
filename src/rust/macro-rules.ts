// Expanding the simple `macro_rules!` macros runtimes define for themselves (a pallet config
// written once and invoked per runtime, a local `construct_runtime!` wrapping frame_support's, a
// macro wrapping `impl_runtime_apis!`): the invocation is matched against each rule and the
// transcriber's text is copied with the captured text in place of each `$name`, keeping a map
// from every offset of the result back to the definition's file.
//
// Supported: literal tokens, nested delimited groups, `$name:frag` for every fragment kind (one
// token for ident/lifetime/literal/tt/block, otherwise the tokens up to the pattern's next
// literal), and `$( .. ) sep *|+|?` repetitions of one capture or of a group whose captures are
// only transcribed within a repetition of the same shape. Anything else does not match, and the
// macro stays one check cannot expand.

import type { Node } from 'web-tree-sitter';
import { Rewriter, type Synthetic } from './macro-rewrite.js';
import { tokens } from './token-trees.js';

interface Capture {
  /** Offsets in the invocation's source. */
  start: number;
  end: number;
}

type Bindings = Map<string, Capture | Capture[]>;

const ONE_TOKEN = new Set(['ident', 'lifetime', 'literal', 'tt', 'block']);

/** The rules of a `macro_definition` node: (matcher, transcriber) pairs. */
export function macroRules(definition: Node): { matcher: Node; transcriber: Node }[] {
  const rules: { matcher: Node; transcriber: Node }[] = [];
  for (const rule of definition.namedChildren) {
    if (rule?.type !== 'macro_rule') continue;
    const matcher = rule.childForFieldName('left');
    const transcriber = rule.childForFieldName('right');
    if (matcher && transcriber) rules.push({ matcher, transcriber });
  }
  return rules;
}

/**
 * The expansion of `invocation` (its token tree, in `invocationSource`) by the first rule that
 * matches, as text whose offsets map into `definitionSource`; null when no rule matches or the
 * matching rule uses what is not supported.
 */
export function expandMacroRules(definition: Node, definitionSource: string, invocation: Node, invocationSource: string, crateName = 'crate'): Synthetic | null {
  const args = tokens(invocation);
  for (const { matcher, transcriber } of macroRules(definition)) {
    const bindings: Bindings = new Map();
    if (!matchSequence(inner(matcher), args, bindings)) continue;
    const open = transcriber.child(0);
    const close = transcriber.child(transcriber.childCount - 1);
    if (!open || !close) return null;
    const w = new Rewriter(definitionSource, 0);
    if (!transcribe(w, open.endIndex, close.startIndex, inner(transcriber), bindings, invocationSource, null, crateName)) return null;
    return w.build();
  }
  return null;
}

/** The children of a token tree (pattern), without its delimiters and comments. */
function inner(tt: Node): Node[] {
  return tokens(tt);
}

function matchSequence(pattern: Node[], args: Node[], bindings: Bindings): boolean {
  let i = 0;
  for (let p = 0; p < pattern.length; p++) {
    const pat = pattern[p]!;
    if (pat.type === 'token_binding_pattern') {
      const name = pat.childForFieldName('name')?.text ?? '';
      const frag = pat.childForFieldName('type')?.text ?? 'tt';
      let end: number;
      if (ONE_TOKEN.has(frag)) {
        if (i >= args.length) return false;
        end = i + 1;
      } else {
        const stop = nextLiteral(pattern, p + 1);
        end = stop === undefined ? args.length : args.findIndex((a, k) => k >= i && a.type === stop.type && a.text === stop.text);
        if (end === -1) return false;
        if (end === i && frag !== 'vis') return false;
      }
      bindings.set(name, end > i ? { start: args[i]!.startIndex, end: args[end - 1]!.endIndex } : { start: args[i]?.startIndex ?? 0, end: args[i]?.startIndex ?? 0 });
      i = end;
    } else if (pat.type === 'token_repetition_pattern') {
      const consumed = matchRepetition(pat, pattern[p + 1], args.slice(i), bindings);
      if (consumed === null) return false;
      i += consumed;
    } else if (pat.type === 'token_tree_pattern') {
      const arg = args[i];
      if (arg?.type !== 'token_tree' || arg.child(0)?.type !== pat.child(0)?.type) return false;
      if (!matchSequence(inner(pat), tokens(arg), bindings)) return false;
      i++;
    } else {
      const arg = args[i];
      if (!arg || arg.text !== pat.text) return false;
      i++;
    }
  }
  return i === args.length;
}

/** The next literal token of a pattern (where a multi-token capture stops). */
function nextLiteral(pattern: Node[], from: number): Node | undefined {
  const next = pattern[from];
  if (!next || next.type === 'token_binding_pattern' || next.type === 'token_repetition_pattern' || next.type === 'token_tree_pattern') return undefined;
  return next;
}

/**
 * `$( $x:frag ),*`: repeats the group, separated by the token before the operator, as long as it
 * matches; captures collect into lists. Returns the number of tokens consumed.
 */
function matchRepetition(rep: Node, after: Node | undefined, args: Node[], bindings: Bindings): number | null {
  const parts = rep.children.filter((c): c is Node => c !== null);
  const openIdx = parts.findIndex((c) => c.type === '(');
  const closeIdx = parts.map((c) => c.type).lastIndexOf(')');
  if (openIdx !== 1 || closeIdx === -1) return null;
  const body = parts.slice(openIdx + 1, closeIdx);
  const { op, separator } = repetitionTail(rep, parts[closeIdx]!);
  if (op !== '*' && op !== '+' && op !== '?') return null;
  const lists = new Map<string, Capture[]>();
  let i = 0;
  let count = 0;
  while (i < args.length) {
    if (after && count > 0 && separator === undefined && args[i]!.text === after.text) break;
    // One repetition: the tokens up to the separator (or the token after the repetition).
    let end = args.length;
    if (separator !== undefined) {
      const sep = args.findIndex((a, k) => k >= i && a.text === separator);
      if (sep !== -1) end = sep;
    } else if (after) {
      const stop = args.findIndex((a, k) => k >= i && a.text === after.text);
      if (stop !== -1) end = stop;
    } else if (body.length === 1 && body[0]!.type === 'token_binding_pattern') end = i + 1;
    const local: Bindings = new Map();
    if (!matchSequence(body, args.slice(i, end), local)) break;
    for (const [name, cap] of local) {
      if (Array.isArray(cap)) return null;
      lists.set(name, [...(lists.get(name) ?? []), cap]);
    }
    count++;
    i = end;
    if (separator !== undefined) {
      if (args[i]?.text !== separator) break;
      i++;
    }
    if (op === '?') break;
  }
  if (op === '+' && count === 0) return null;
  for (const name of body.flatMap((b) => bindingNames(b))) bindings.set(name, lists.get(name) ?? []);
  return i;
}

/**
 * The operator of `$( .. ) sep op` and its separator, read from the text: tree-sitter keeps the
 * operator as a token but not always the separator.
 */
function repetitionTail(rep: Node, close: Node): { op: string; separator: string | undefined } {
  const tail = rep.text.slice(close.endIndex - rep.startIndex).trim();
  const op = tail.slice(-1);
  const separator = tail.slice(0, -1).trim();
  return { op, separator: separator || undefined };
}

function bindingNames(node: Node): string[] {
  if (node.type === 'token_binding_pattern') return [node.childForFieldName('name')?.text ?? ''];
  return node.namedChildren.flatMap((c) => (c ? bindingNames(c) : []));
}

/**
 * Emits the transcriber's text between `from` and `to` (offsets in the definition), replacing
 * `$name` by its capture and `$( .. ) sep *` by its repetitions; `index` is the repetition being
 * written, for captures made inside one.
 */
function transcribe(w: Rewriter, from: number, to: number, toks: Node[], bindings: Bindings, invocationSource: string, index: number | null, crateName: string): boolean {
  let cursor = from;
  for (const t of toks) {
    if (t.type !== 'metavariable' && t.type !== 'token_repetition' && t.type !== 'token_tree') continue;
    w.copySpan(cursor, t.startIndex);
    cursor = t.endIndex;
    if (t.type === 'metavariable') {
      if (t.text === '$crate') {
        w.insertAt(crateName, t.startIndex);
        continue;
      }
      const cap = bindings.get(t.text);
      const one = Array.isArray(cap) ? (index === null ? undefined : cap[index]) : cap;
      if (!one) return false;
      w.insertAt(invocationSource.slice(one.start, one.end), t.startIndex);
    } else if (t.type === 'token_tree') {
      const open = t.child(0)!;
      const close = t.child(t.childCount - 1)!;
      w.copySpan(open.startIndex, open.endIndex);
      if (!transcribe(w, open.endIndex, close.startIndex, tokens(t), bindings, invocationSource, index, crateName)) return false;
      w.copySpan(close.startIndex, close.endIndex);
    } else {
      const parts = t.children.filter((c): c is Node => c !== null);
      const open = parts.findIndex((c) => c.type === '(');
      const close = parts.map((c) => c.type).lastIndexOf(')');
      if (open !== 1 || close === -1) return false;
      const body = parts.slice(open + 1, close);
      const separator = repetitionTail(t, parts[close]!).separator ?? '';
      const lists = body.flatMap((b) => metavariables(b)).map((n) => bindings.get(n)).filter((c): c is Capture[] => Array.isArray(c));
      if (lists.length === 0) return false;
      for (let k = 0; k < lists[0]!.length; k++) {
        // Items of a repetition without separator are apart in the source: keep them apart.
        if (k > 0) w.insertAt(separator ? `${separator} ` : ' ', t.startIndex);
        if (!transcribe(w, parts[open]!.endIndex, parts[close]!.startIndex, body, bindings, invocationSource, k, crateName)) return false;
      }
    }
  }
  w.copySpan(cursor, to);
  return true;
}

function metavariables(node: Node): string[] {
  if (node.type === 'metavariable') return [node.text];
  return node.namedChildren.flatMap((c) => (c ? metavariables(c) : []));
}
