// A real Rust parser: tree-sitter-rust running on web-tree-sitter (WebAssembly, no native build).
//
// tree-sitter parses a macro invocation's arguments only as a token tree, so the code that matters
// most in a runtime (`impl_runtime_apis! { .. }`, `parameter_types! { .. }`, `construct_runtime!`,
// `register_validate_block!`, ...) would go unchecked. `parseRustFile` therefore re-parses macro
// bodies, recursively, and keeps for each a map from its text back to the original file, so every
// error and every node found inside a macro has a true file:line.
//
// Re-parse rules, by the macro's name (the last segment of its path); whatever the delimiter:
//
// - items (`source_file`), the body unchanged: impl_runtime_apis, decl_runtime_apis,
//   impl_opaque_keys, mock_impl_runtime_apis, ord_parameter_types, thread_local,
//   wasm_export_functions.
// - parameter_types: items, after normalising the two forms that are not Rust, keeping the rest:
//   `pub Name: T = v;` → `pub static Name: T = v;` and `pub storage Name: T = v;` →
//   `pub static Name: T = v;` (`pub const Name: T = v;` is Rust already). A `static` has the same
//   shape (attributes, visibility, name, type, value expression), so every part is still checked.
// - construct_runtime: an enum. Each entry `Name: path::{Parts} exclude_parts { .. } = 3` becomes
//   the variant `Name(path, (Parts), (..)) = 3`; `pub struct Runtime` reads as `pub enum`;
//   `where Block = B, ..` (older runtimes) as `where Block: B, ..`.
// - register_validate_block (`Runtime = Runtime, BlockExecutor = ..`, not items): the key = value
//   pairs as the bindings of a type, `type __Kv = __Kv<Runtime = Runtime, ..>;` (the values are
//   type paths).
// - define_benchmarks (`[pallet, Bench::<R>] [..]`): a tuple of arrays, `([..], [..],)`.
// - matches, assert_matches: `match (expr) { pattern => {} }`, then any message as a tuple.
// - EXPRESSION_MACROS (vec, format, assert_eq, the log macros, assert_ok, ...): the arguments as
//   one expression in a function body: `(..)` as a tuple or parenthesised expression, `[..]` as an
//   array (so `vec![x; n]` works). A leading `target: x` (log macros) reads as `target = x`.
// - OPAQUE_MACROS (json, quote, bitflags, lazy_static, match_types, ...): not re-parsed; their
//   bodies are another language.
// - any other macro, with `unknownMacros: 'reparse'` (the default): a `{..}` body whose first token
//   (after attributes and `pub`) starts an item is read as items, a `(..)`/`[..]` body as an
//   expression, any other `{..}` body not at all. A body using `$` (macro_rules metavariables) is
//   never re-parsed. `unknownMacros: 'skip'` leaves all unknown macros as token trees.
//
// Where a body holds types (register_validate_block's values, construct_runtime's pallet paths), a
// turbofish (`BlockExecutor::<R, E>`, which Rust accepts in a type path but tree-sitter's type
// grammar does not) is read as `BlockExecutor<R, E>`.
//
// Re-parsing is recursive (a `vec!` inside `impl_runtime_apis!` is re-parsed from the re-parsed
// body), and a macro inside an ERROR node is left alone. Unbalanced delimiters inside any macro,
// opaque ones included, are errors of the file's own tree.
//
// Attribute macros (`#[frame_support::runtime] mod runtime {..}`, `#[frame_support::pallet]`,
// `#[benchmarks]`) need nothing: their input is ordinary items, already in the tree.
//
// Known gaps of tree-sitter-rust 0.24 on code rustc accepts, bridged before parsing by rewrites that
// keep every offset (so the tree's own node text may differ there; `RustFile.nodeText` reads the
// original):
// - `type Template = crate;`, the pallet-is-this-crate entry of a `#[frame_support::runtime]`
//   module: tree-sitter has no `crate` type, and its error recovery can swallow the rest of the
//   module. Parsed as `type Template = Crate;`.

import { readFileSync } from 'node:fs';
import type { Language, Node, Parser, Tree } from 'web-tree-sitter';
import { RUST_GRAMMAR_WASM, TREE_SITTER_WASM, locateWasm } from './wasm.js';

export type { Node, Tree } from 'web-tree-sitter';

/** A 1-based line and a 1-based column (in UTF-16 code units, as JavaScript strings count). */
export interface SourcePosition {
  line: number;
  column: number;
}

export interface SyntaxIssue extends SourcePosition {
  /** The offending source text (first line, at most 60 characters), or `missing "<token>"`. */
  text: string;
  /** `error`: text the grammar cannot place; `missing`: a token the parser had to assume. */
  kind: 'error' | 'missing';
  /** The macro whose re-parsed body holds the issue (innermost), e.g. `impl_runtime_apis`. */
  macro?: string;
}

/** How a macro body is read; see the table at the top of this file. */
export type ReparseMode =
  | 'items'
  | 'parameter_types'
  | 'construct_runtime'
  | 'key_values'
  | 'benchmark_list'
  | 'matches'
  | 'expression'
  | 'opaque';

export interface ParseOptions {
  /**
   * Macros this parser does not know: `reparse` (default) reads item-shaped `{..}` bodies as
   * items and `(..)`/`[..]` bodies as expressions; `skip` leaves them as token trees.
   */
  unknownMacros?: 'reparse' | 'skip';
}

/** One re-parsed macro body. */
export interface MacroBody {
  /** The macro's name: the last segment of its path (`impl_runtime_apis`). */
  name: string;
  /** The path as written (`sp_api::impl_runtime_apis`). */
  path: string;
  mode: ReparseMode;
  /** The `macro_invocation` node, in the parent's tree (the file's, or an outer macro body's). */
  invocation: Node;
  /** The enclosing re-parsed macro, for a macro inside another macro's body. */
  parent: MacroBody | null;
  /** The text that was parsed: the body, rewritten by the rule of `mode`. */
  text: string;
  tree: Tree;
  /** Maps an offset in `text` to an offset in the original file. */
  toOriginal(offset: number): number;
}

export interface RustFile {
  source: string;
  tree: Tree;
  /** Every re-parsed macro body, nested ones included, outer before inner, in source order. */
  macros: MacroBody[];
  /** Line and column of an offset in `source`. */
  position(offset: number): SourcePosition;
  /** Line and column of a node of `tree` or of any macro body's tree (pass the body). */
  nodePosition(node: Node, body?: MacroBody | null): SourcePosition;
  /** The original source text a node covers (for a node of a macro body, pass the body). */
  nodeText(node: Node, body?: MacroBody | null): string;
  /** ERROR and MISSING nodes, in the file and in every re-parsed macro body, in source order. */
  syntaxErrors(): SyntaxIssue[];
  /** Frees the trees (web-tree-sitter trees live in WebAssembly memory). */
  delete(): void;
}

const ITEM_MACROS = new Set([
  'impl_runtime_apis',
  'decl_runtime_apis',
  'impl_opaque_keys',
  'mock_impl_runtime_apis',
  'ord_parameter_types',
  'thread_local',
  'wasm_export_functions',
]);

/** Macros whose arguments are expressions (a leading `target: ..` is accepted). */
export const EXPRESSION_MACROS = new Set([
  // std / core / alloc
  'vec',
  'format',
  'format_args',
  'write',
  'writeln',
  'print',
  'println',
  'eprint',
  'eprintln',
  'panic',
  'assert',
  'assert_eq',
  'assert_ne',
  'debug_assert',
  'debug_assert_eq',
  'debug_assert_ne',
  'unreachable',
  'todo',
  'unimplemented',
  'concat',
  'include',
  'include_str',
  'include_bytes',
  'env',
  'option_env',
  'dbg',
  'compile_error',
  'file',
  'line',
  'column',
  'module_path',
  // log
  'trace',
  'debug',
  'info',
  'warn',
  'error',
  'log',
  // FRAME / Substrate
  'assert_ok',
  'assert_noop',
  'assert_err',
  'assert_err_ignore_postinfo',
  'assert_err_with_weight',
  'assert_storage_noop',
  'ensure',
  'fail',
  'defensive',
  'defensive_assert',
  'hex',
  'hex2array',
  'impl_benchmark_test_suite',
  'create_runtime_str',
  'prod_or_fast',
  'bounded_vec',
  'add_benchmark',
  'add_benchmarks',
  'list_benchmark',
  'list_benchmarks',
  'embed',
  'cstr',
]);

/** Macros whose bodies are not Rust (or not any Rust grammar production): never re-parsed. */
export const OPAQUE_MACROS = new Set([
  'json',
  'quote',
  'quote_spanned',
  'parse_quote',
  'stringify',
  'concat_idents',
  'paste',
  'lazy_static',
  'cfg_if',
  'match_types',
  'bitflags',
  'select',
  'select_biased',
  'benchmarks',
  'benchmarks_instance',
  'benchmarks_instance_pallet',
  'decl_storage',
  'decl_module',
  'decl_event',
  'decl_error',
  'impl_outer_origin',
  'impl_outer_event',
  'impl_outer_dispatch',
  'impl_outer_validate_unsigned',
  'decl_test_network',
  'decl_test_parachain',
  'decl_test_parachains',
  'decl_test_relay_chain',
  'decl_test_relay_chains',
  'decl_test_bridges',
  'decl_test_sender_receiver_accounts_parameter_types',
  'generate_feature_enabled_macro',
  'bounded_btree_map',
  'hashmap',
  'btreemap',
  'maplit',
  'decl_ensure',
]);

const ITEM_START = new Set([
  'fn',
  'const',
  'static',
  'struct',
  'enum',
  'union',
  'type',
  'trait',
  'impl',
  'mod',
  'use',
  'extern',
  'unsafe',
  'async',
]);

const COMMENT_TYPES = new Set(['line_comment', 'block_comment']);

// ---------------------------------------------------------------------------------------------
// Loading

let loading: Promise<RustParser> | null = null;

/** Loads web-tree-sitter and the Rust grammar, once; later calls get the same parser. */
export function loadRustParser(): Promise<RustParser> {
  loading ??= (async () => {
    const ts = await import('web-tree-sitter');
    const runtimePath = locateWasm(TREE_SITTER_WASM);
    await ts.Parser.init({
      wasmBinary: readFileSync(runtimePath),
      locateFile: () => runtimePath,
    });
    const language = await ts.Language.load(readFileSync(locateWasm(RUST_GRAMMAR_WASM)));
    const parser = new ts.Parser();
    parser.setLanguage(language);
    return new RustParser(parser, language);
  })();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

/** Parses a Rust file's text; the caller owns the tree (`tree.delete()` frees it). */
export async function parse(source: string): Promise<Tree> {
  return (await loadRustParser()).parse(source);
}

/** Parses a file and its macro bodies (see `RustParser.parseFile`). */
export async function parseRustFile(source: string, options?: ParseOptions): Promise<RustFile> {
  return (await loadRustParser()).parseFile(source, options);
}

/** Syntax errors of a file, macro bodies included (see the rules at the top of this file). */
export async function syntaxErrors(source: string, options?: ParseOptions): Promise<SyntaxIssue[]> {
  return (await loadRustParser()).syntaxErrors(source, options);
}

export class RustParser {
  constructor(
    private readonly parser: Parser,
    readonly language: Language,
  ) {}

  /**
   * Parses Rust source as a file (`source_file`), bridging the grammar gaps listed at the top of
   * this file. The caller owns the tree.
   */
  parse(source: string): Tree {
    const tree = this.parser.parse(bridgeGrammarGaps(source));
    if (!tree) throw new Error('tree-sitter returned no tree');
    return tree;
  }

  /** Parses a file and, recursively, the bodies of the macros it invokes. */
  parseFile(source: string, options: ParseOptions = {}): RustFile {
    const tree = this.parse(source);
    const macros: MacroBody[] = [];
    const unknown = options.unknownMacros ?? 'reparse';
    const visit = (root: Node, text: string, parent: MacroBody | null): void => {
      for (const invocation of macroInvocations(root)) {
        const body = this.reparse(invocation, text, parent, unknown);
        if (!body) continue;
        macros.push(body);
        visit(body.tree.rootNode, body.text, body);
      }
    };
    visit(tree.rootNode, source, null);

    const lines = lineStarts(source);
    const position = (offset: number): SourcePosition => positionAt(lines, offset);
    const original = (offset: number, body?: MacroBody | null) =>
      body ? body.toOriginal(offset) : offset;
    return {
      source,
      tree,
      macros,
      position,
      nodePosition: (node, body) => position(original(node.startIndex, body)),
      nodeText: (node, body) =>
        source.slice(original(node.startIndex, body), original(node.endIndex, body)),
      syntaxErrors: () => {
        const issues: { offset: number; issue: SyntaxIssue }[] = [];
        const seen = new Set<string>();
        const add = (node: Node, body: MacroBody | null) => {
          const start = original(node.startIndex, body);
          const end = Math.max(start, original(node.endIndex, body));
          const missing = node.isMissing;
          const text = missing ? `missing "${node.type}"` : snippet(source.slice(start, end));
          const key = `${start}:${text}`;
          if (seen.has(key)) return;
          seen.add(key);
          const issue: SyntaxIssue = { ...position(start), text, kind: missing ? 'missing' : 'error' };
          if (body) issue.macro = body.name;
          issues.push({ offset: start, issue });
        };
        for (const node of errorNodes(tree.rootNode)) add(node, null);
        for (const body of macros) {
          for (const node of errorNodes(body.tree.rootNode)) add(node, body);
        }
        return issues.sort((a, b) => a.offset - b.offset).map((i) => i.issue);
      },
      delete: () => {
        for (const body of macros) body.tree.delete();
        tree.delete();
      },
    };
  }

  /** Syntax errors of a file, macro bodies included. */
  syntaxErrors(source: string, options?: ParseOptions): SyntaxIssue[] {
    const file = this.parseFile(source, options);
    try {
      return file.syntaxErrors();
    } finally {
      file.delete();
    }
  }

  private reparse(
    invocation: Node,
    text: string,
    parent: MacroBody | null,
    unknown: 'reparse' | 'skip',
  ): MacroBody | null {
    const pathNode = invocation.childForFieldName('macro');
    const tt = invocation.namedChildren.find((c) => c?.type === 'token_tree') ?? null;
    if (!pathNode || !tt || !isWholeTokenTree(tt)) return null;
    const name =
      pathNode.type === 'scoped_identifier'
        ? (pathNode.childForFieldName('name')?.text ?? pathNode.text)
        : pathNode.text;
    const mode = modeFor(name, tt, unknown);
    if (mode === 'opaque') return null;
    const synth = rewrite(mode, tt, text);
    if (!synth) return null;
    const tree = this.parse(synth.text);
    const inner = synth.map;
    const toOriginal = parent ? (o: number) => parent.toOriginal(inner(o)) : inner;
    return {
      name,
      path: pathNode.text,
      mode,
      invocation,
      parent,
      text: synth.text,
      tree,
      toOriginal,
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Classifying and rewriting macro bodies

function modeFor(name: string, tt: Node, unknown: 'reparse' | 'skip'): ReparseMode {
  if (OPAQUE_MACROS.has(name)) return 'opaque';
  if (ITEM_MACROS.has(name)) return 'items';
  if (name === 'parameter_types') return 'parameter_types';
  if (name === 'construct_runtime') return 'construct_runtime';
  if (name === 'register_validate_block') return 'key_values';
  if (name === 'define_benchmarks') return 'benchmark_list';
  if (name === 'matches' || name === 'assert_matches' || name === 'debug_assert_matches') {
    return 'matches';
  }
  if (EXPRESSION_MACROS.has(name)) return 'expression';
  if (unknown === 'skip' || usesMetavariables(tt)) return 'opaque';
  const open = tt.child(0)?.type;
  if (open === '{') return isItemShaped(tokens(tt)) ? 'items' : 'opaque';
  return 'expression';
}

function usesMetavariables(tt: Node): boolean {
  return tt.descendantsOfType(['$', 'metavariable']).length > 0;
}

function isItemShaped(toks: Node[]): boolean {
  let i = skipAttributes(toks, 0);
  if (toks[i]?.type === 'pub') {
    i++;
    if (isTree(toks[i], '(')) i++;
  }
  const t = toks[i];
  if (!t) return false;
  return ITEM_START.has(t.type) || (t.type === 'identifier' && ITEM_START.has(t.text));
}

interface Synthetic {
  text: string;
  map: (offset: number) => number;
}

/**
 * Builds a new text from spans of `source` and inserted strings, remembering where every
 * character came from. Spans must be taken in increasing order.
 */
class Rewriter {
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

  finish(end: number): Synthetic {
    this.copyTo(end);
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

function rewrite(mode: ReparseMode, tt: Node, source: string): Synthetic | null {
  const open = tt.child(0)!;
  const close = tt.child(tt.childCount - 1)!;
  const innerStart = open.endIndex;
  const innerEnd = close.startIndex;
  const toks = tokens(tt);
  const w = new Rewriter(source, innerStart);
  switch (mode) {
    case 'items':
      return w.finish(innerEnd);

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
        if (isTree(t, '[')) w.insert(',', t.endIndex);
      }
      w.copyTo(innerEnd);
      w.insert('); }', innerEnd);
      return w.finish(innerEnd);

    case 'matches': {
      const args = splitTop(toks, ',', true);
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
      // `log::info!(target: "runtime", ..)`
      const [first, second] = toks;
      if (first?.type === 'identifier' && first.text === 'target' && second?.type === ':') {
        w.replace(second.startIndex, second.endIndex, '=');
      }
      w.copyTo(innerEnd);
      w.insert(bracket ? ']; }' : '); }', innerEnd);
      return w.finish(innerEnd);
    }

    case 'opaque':
      return null;
  }
}

/** `#[attr] Name: path::{Parts} exclude_parts { Call } = 3` → `#[attr] Name(path, (Parts), (Call)) = 3`. */
function rewritePalletEntry(w: Rewriter, entry: Node[]): void {
  const i = skipAttributes(entry, 0);
  const name = entry[i];
  const colon = entry[i + 1];
  if (!name || name.type !== 'identifier' || colon?.type !== ':') return;
  w.replace(colon.startIndex, colon.endIndex, '(');
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

// ---------------------------------------------------------------------------------------------
// Token-tree helpers

/** The tokens of a token tree, without its delimiters and without comments. */
function tokens(tt: Node): Node[] {
  const out: Node[] = [];
  const n = tt.childCount;
  for (let i = 1; i < n - 1; i++) {
    const c = tt.child(i);
    if (c && !COMMENT_TYPES.has(c.type)) out.push(c);
  }
  return out;
}

function isWholeTokenTree(tt: Node): boolean {
  const open = tt.child(0);
  const close = tt.child(tt.childCount - 1);
  if (!open || !close || tt.childCount < 2 || close.isMissing) return false;
  const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  return pairs[open.type] === close.type;
}

function isTree(t: Node | undefined, open: string): boolean {
  return t?.type === 'token_tree' && t.child(0)?.type === open;
}

/** Skips `#[..]` and `#![..]` attributes starting at `i`. */
function skipAttributes(toks: Node[], i: number): number {
  while (toks[i]?.type === '#') {
    if (isTree(toks[i + 1], '[')) i += 2;
    else if (toks[i + 1]?.type === '!' && isTree(toks[i + 2], '[')) i += 3;
    else break;
  }
  return i;
}

function splitTop(toks: Node[], separator: string): Node[][];
function splitTop(
  toks: Node[],
  separator: string,
  withSeparators: true,
): { tokens: Node[]; separator: Node | null }[];
function splitTop(
  toks: Node[],
  separator: string,
  withSeparators = false,
): Node[][] | { tokens: Node[]; separator: Node | null }[] {
  const groups: { tokens: Node[]; separator: Node | null }[] = [];
  let current: Node[] = [];
  for (const t of toks) {
    if (t.type === separator) {
      groups.push({ tokens: current, separator: t });
      current = [];
    } else {
      current.push(t);
    }
  }
  if (current.length > 0 || withSeparators) groups.push({ tokens: current, separator: null });
  if (withSeparators) return groups;
  return groups.map((g) => g.tokens).filter((g) => g.length > 0);
}

// ---------------------------------------------------------------------------------------------
// Walking

/** `macro_invocation` nodes under `root` that are not inside an ERROR node. */
function macroInvocations(root: Node): Node[] {
  const found = root.descendantsOfType('macro_invocation').filter((n): n is Node => n !== null);
  if (!root.hasError) return found;
  return found.filter((n) => {
    for (let p = n.parent; p; p = p.parent) if (p.isError) return false;
    return true;
  });
}

/** ERROR nodes (outermost only) and MISSING nodes under `root`. */
function errorNodes(root: Node): Node[] {
  const out: Node[] = [];
  const walk = (node: Node): void => {
    if (node.isError) {
      out.push(node);
      return;
    }
    if (node.isMissing) {
      out.push(node);
      return;
    }
    if (!node.hasError) return;
    for (const child of node.children) if (child) walk(child);
  };
  walk(root);
  return out;
}

/** Same-length rewrites of valid Rust that tree-sitter-rust cannot parse (see the top of this file). */
function bridgeGrammarGaps(source: string): string {
  if (!source.includes('crate')) return source;
  return source.replace(/(\btype\s+[A-Za-z_][A-Za-z0-9_]*\s*=\s*)crate(\s*;)/g, '$1Crate$2');
}

function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function positionAt(starts: number[], offset: number): SourcePosition {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

function snippet(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}
