// A real Rust parser: tree-sitter-rust running on web-tree-sitter (WebAssembly, no native build).
//
// tree-sitter parses a macro invocation's arguments only as a token tree, so the code that matters
// most in a runtime (`impl_runtime_apis! { .. }`, `parameter_types! { .. }`, `construct_runtime!`,
// `register_validate_block!`, ...) would go unchecked. `parseRustFile` therefore re-parses macro
// bodies, recursively, and keeps for each a map from its text back to the original file, so every
// error and every node found inside a macro has a true file:line.
//
// The re-parse rules, by the macro's name, are in macro-bodies.ts; the rewrites in macro-rewrite.ts.
//
// Re-parsing is recursive (a `vec!` inside `impl_runtime_apis!` is re-parsed from the re-parsed
// body), and a macro inside an ERROR node is left alone. Unbalanced delimiters inside any macro,
// opaque ones included, are errors of the file's own tree.
//
// Attribute macros (`#[frame_support::runtime] mod runtime {..}`, `#[frame_support::pallet]`,
// `#[benchmarks]`) need nothing: their input is ordinary items, already in the tree.
//
// Known gaps of tree-sitter-rust 0.24 on code rustc accepts are bridged before parsing by rewrites
// that keep every offset (grammar-gaps.ts).

import { readFileSync } from 'node:fs';
import type { Language, Node, Parser, Tree } from 'web-tree-sitter';
import { blankRejectedTupleAttributes, bridgeGrammarGaps } from './grammar-gaps.js';
import { implsStart, modeFor, type ReparseMode } from './macro-bodies.js';
import { rewrite } from './macro-rewrite.js';
import { lineStarts, positionAt, type SourcePosition } from './positions.js';
import { isWholeTokenTree } from './token-trees.js';
import { RUST_GRAMMAR_WASM, TREE_SITTER_WASM, locateWasm } from './wasm.js';

export type { Node, Tree } from 'web-tree-sitter';
export { EXPRESSION_MACROS, OPAQUE_MACROS, type ReparseMode } from './macro-bodies.js';
export type { SourcePosition } from './positions.js';

export interface SyntaxIssue extends SourcePosition {
  /** The offending source text (first line, at most 60 characters), or `missing "<token>"`. */
  text: string;
  /** `error`: text the grammar cannot place; `missing`: a token the parser had to assume. */
  kind: 'error' | 'missing';
  /** The macro whose re-parsed body holds the issue (innermost), e.g. `impl_runtime_apis`. */
  macro?: string;
}

export interface ParseOptions {
  /**
   * Macros this parser does not know: `reparse` (default) reads item-shaped `{..}` bodies as
   * items and `(..)`/`[..]` bodies as expressions; `skip` leaves them as token trees; `impls`
   * reads as items only `{..}` bodies that hold `impl` blocks (a macro wrapping
   * `impl_runtime_apis!`), as a guess whose syntax errors are not reported.
   */
  unknownMacros?: UnknownMacros;
  /**
   * Names of `macro_rules!` macros the crate defines: never read by the rule of a macro they
   * shadow (a local `construct_runtime!`), left to be expanded by their own rules.
   */
  localMacros?: ReadonlySet<string>;
}

export type UnknownMacros = 'reparse' | 'skip' | 'impls';

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
  /** Read as items on a guess (an unknown macro holding `impl` blocks): its errors are not reported. */
  guessed?: boolean;
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

/** Syntax errors of a file, macro bodies included (see the rules in macro-bodies.ts). */
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
    const text = bridgeGrammarGaps(source);
    const tree = this.parser.parse(text);
    if (!tree) throw new Error('tree-sitter returned no tree');
    if (!tree.rootNode.hasError) return tree;
    // A gap found only by the parse: see blankRejectedTupleAttributes.
    const blanked = blankRejectedTupleAttributes(text, errorNodes(tree.rootNode));
    if (blanked === text) return tree;
    const again = this.parser.parse(blanked);
    if (!again) throw new Error('tree-sitter returned no tree');
    tree.delete();
    return again;
  }

  /** Parses a file and, recursively, the bodies of the macros it invokes. */
  parseFile(source: string, options: ParseOptions = {}): RustFile {
    const tree = this.parse(source);
    const macros: MacroBody[] = [];
    // A built-in rule (construct_runtime!, parameter_types!, ..) gives way only to a macro_rules!
    // of the same name defined in this very file; other local macros shadow wherever defined.
    const definedHere = new Set(tree.rootNode.descendantsOfType('macro_definition').map((d) => d?.childForFieldName('name')?.text ?? ''));
    const local = options.localMacros ? new Set([...options.localMacros].filter((name) => definedHere.has(name) || modeFor(name, null, 'skip') === 'opaque')) : undefined;
    this.visit(tree.rootNode, source, null, { ...options, localMacros: local }, macros);

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
          if (isGuessed(body)) continue;
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

  /**
   * Parses the text a `macro_rules!` expansion produced (`synthetic`, whose map leads into the
   * definition's file) as items, and the macros it invokes: the expansion first, then every
   * nested body. The caller owns the trees.
   */
  parseExpansion(name: string, invocation: Node, synthetic: { text: string; map: (offset: number) => number }, options: ParseOptions = {}): MacroBody[] {
    const body: MacroBody = { name, path: name, mode: 'items', invocation, parent: null, text: synthetic.text, tree: this.parse(synthetic.text), toOriginal: synthetic.map };
    const bodies = [body];
    const local = options.localMacros ? new Set([...options.localMacros].filter((n) => modeFor(n, null, 'skip') === 'opaque')) : undefined;
    this.visit(body.tree.rootNode, body.text, body, { ...options, localMacros: local }, bodies);
    return bodies;
  }

  private visit(root: Node, text: string, parent: MacroBody | null, options: ParseOptions, out: MacroBody[]): void {
    for (const invocation of macroInvocations(root)) {
      const body = this.reparse(invocation, text, parent, options);
      if (!body) continue;
      out.push(body);
      this.visit(body.tree.rootNode, body.text, body, options, out);
    }
  }

  private reparse(invocation: Node, text: string, parent: MacroBody | null, options: ParseOptions): MacroBody | null {
    const pathNode = invocation.childForFieldName('macro');
    const tt = invocation.namedChildren.find((c) => c?.type === 'token_tree') ?? null;
    if (!pathNode || !tt || !isWholeTokenTree(tt)) return null;
    const name =
      pathNode.type === 'scoped_identifier'
        ? (pathNode.childForFieldName('name')?.text ?? pathNode.text)
        : pathNode.text;
    // A crate's own macro_rules! is expanded by its rules, not read by a built-in rule it shadows.
    if (options.localMacros?.has(name) && pathNode.type !== 'scoped_identifier') return null;
    const unknown = options.unknownMacros ?? 'reparse';
    let mode = modeFor(name, tt, unknown === 'impls' ? 'skip' : unknown);
    let guessed = false;
    let skip = 0;
    if (mode === 'opaque' && unknown === 'impls') {
      skip = implsStart(name, tt);
      if (skip >= 0) {
        mode = 'items';
        guessed = true;
      }
    }
    if (mode === 'opaque') return null;
    const synth = rewrite(mode, tt, text, Math.max(skip, 0));
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
      ...(guessed ? { guessed } : {}),
    };
  }
}

/** A guessed body, or one inside a guessed body. */
function isGuessed(body: MacroBody): boolean {
  for (let b: MacroBody | null = body; b; b = b.parent) if (b.guessed) return true;
  return false;
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

function snippet(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}
