// Unused `use` items of a generated workspace, found on the parse tree, under each feature set a
// team builds with: what rustc's `unused_imports` lint would report, without compiling.
//
// A name a `use` brings in counts as used when it occurs again in code that is compiled under the
// feature set: in the scope of the `use` (the block, or the module and its submodules), macro
// bodies included (re-parsed, so `#[cfg]` inside `impl_runtime_apis!` is honoured). Three kinds
// of use the parse tree cannot show are listed below, each with what proves it: a trait imported
// for its methods (the method call must be there), and names that a macro expands to in the
// caller's scope (the macro must be invoked there).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useBindings } from '../../src/analysis/name-resolution.js';
import { loadRustParser, type MacroBody, type Node, type RustFile } from '../../src/rust/parser.js';

export interface UnusedImport {
  file: string;
  line: number;
  name: string;
  /** The features the crate was read with (`std`, `std runtime-benchmarks`, `(none)`). */
  features: string;
}

/** A trait brought into scope for its methods: the import is used when one of them is called. */
const TRAIT_METHODS: Record<string, RegExp> = {
  Backend: /\.offchain_storage\(/, // sc_client_api::Backend
  NetworkBlock: /\.announce_block\(/, // sc_network
  NetworkBackend: /::register_notification_metrics\(/, // sc_network
  NetworkStateInfo: /\.local_peer_id\(/, // sc_network
  ImportQueue: /\.service\(\)/, // sc_consensus
  FutureExt: /\.boxed\(\)/, // futures
  StorageInfoTrait: /::storage_info\(\)/, // frame_support::traits
  WhitelistedStorageKeys: /::whitelisted_storage_keys\(\)/, // frame_support::traits
  SubstrateCli: /\.(create_runner|load_spec)\(|::from_args\(\)/, // sc_cli
  CliConfiguration: /\.(base_path|shared_params|role|rpc_addr)\(|impl CliConfiguration/, // sc_cli
  OpaqueKeys: /OpaqueKeys>::/,
  // The trait `construct_runtime`/`#[frame_support::runtime]` generates for `InherentData`.
  InherentDataExt: /\.(create|check)_extrinsics\(/,
  // jsonrpsee's server traits, for `into_rpc()` on the RPC implementations.
  TransactionPaymentApiServer: /TransactionPayment::new\(.*\)\.into_rpc\(\)/,
  SystemApiServer: /System::new\(.*\)\.into_rpc\(\)/,
  // `list_benchmarks!`/`add_benchmarks!` call `Benchmarking` methods on the pallets they name.
  Benchmarking: /\b(list|add)_benchmarks!/,
};

/** Names a macro (or attribute) invoked in a scope uses from that scope. */
const MACRO_NAMES: { invoked: RegExp; names: readonly string[] }[] = [
  // `#[derive_impl(frame_system::config_preludes::..)]` injects the runtime types of the impl's
  // scope (`#[inject_runtime_type]` items of frame-system's default configs).
  { invoked: /#\[derive_impl\(/, names: ['RuntimeEvent', 'RuntimeOrigin', 'RuntimeCall', 'PalletInfo', 'RuntimeTask'] },
];

export interface CrateToRead {
  /** The crate folder, with `Cargo.toml` and `src/`. */
  dir: string;
  /** Feature sets to read it with, each a list of enabled features (plus `test` for `cfg(test)`). */
  featureSets: string[][];
}

/**
 * The unused imports of each crate under each of its feature sets. `root` is what file paths in
 * the result are relative to.
 */
export async function unusedImports(root: string, crates: CrateToRead[]): Promise<UnusedImport[]> {
  const parser = await loadRustParser();
  const out: UnusedImport[] = [];
  for (const crate of crates) {
    const files = moduleFiles(crate.dir);
    const parsed = new Map<string, RustFile>();
    for (const f of files) parsed.set(f.file, parser.parseFile(readFileSync(f.file, 'utf8')));
    // Names `define_benchmarks!` lists anywhere in the crate are used where the list is expanded.
    const benchmarked = new Set<string>();
    for (const file of parsed.values()) {
      for (const m of file.source.matchAll(/define_benchmarks!\s*\(([\s\S]*?)\);/g)) {
        for (const name of m[1]!.matchAll(/,\s*(\w+)(?:::<[^\]]*>)?\s*\]/g)) benchmarked.add(name[1]!);
      }
    }
    try {
      // Each file is walked once; each feature set then keeps the code its cfgs compile.
      const read = new Map([...parsed].map(([name, file]) => [name, readUses(file)]));
      for (const features of crate.featureSets) {
        const enabled = new Set(features);
        const texts = new Map<string, string>();
        const textOf = (file: string) => texts.get(file) ?? texts.set(file, compiledText(parsed.get(file)!, read.get(file)!, enabled)).get(file)!;
        for (const f of files) {
          if (!f.cfgs.every((c) => holds(c, enabled))) continue;
          // Code of submodule files sees the module's imports (`use super::*`, `super::X`).
          const below = files.filter((g) => g.file !== f.file && g.moduleDir.startsWith(f.ownDir) && g.cfgs.every((c) => holds(c, enabled)));
          const belowText = below.map((g) => textOf(g.file)).join('\n');
          for (const finding of unusedIn(read.get(f.file)!, enabled, belowText, benchmarked)) {
            out.push({ file: path.relative(root, f.file), features: features.length ? features.join(' ') : '(none)', ...finding });
          }
        }
      }
    } finally {
      for (const file of parsed.values()) file.delete();
    }
  }
  return out;
}

interface ModuleFile {
  file: string;
  /** `cfg(..)` conditions on the `mod` items that lead to this file. */
  cfgs: string[];
  /** The folder of this module's own submodules (`src/configs/` for `src/configs/mod.rs`). */
  ownDir: string;
  moduleDir: string;
}

/** The crate's module files, from `src/lib.rs` or `src/main.rs`, with the cfgs that gate them. */
function moduleFiles(crateDir: string): ModuleFile[] {
  const out: ModuleFile[] = [];
  const visit = (file: string, cfgs: string[], ownDir: string) => {
    out.push({ file, cfgs, ownDir, moduleDir: path.dirname(file) + path.sep });
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/^((?:[ \t]*#\[[^\n]*\]\n)*)[ \t]*(?:pub(?:\([^)]*\))? )?mod (\w+);/gm)) {
      const attrs = [...m[1]!.matchAll(/#\[cfg\((.*)\)\]/g)].map((a) => a[1]!);
      const name = m[2]!;
      const candidates = [path.join(ownDir, `${name}.rs`), path.join(ownDir, name, 'mod.rs')];
      const next = candidates.find((c) => existsFile(c));
      if (!next) throw new Error(`${file}: module ${name} has no file`);
      visit(next, [...cfgs, ...attrs], next.endsWith(`${path.sep}mod.rs`) ? path.dirname(next) + path.sep : path.join(ownDir, name) + path.sep);
    }
  };
  const src = path.join(crateDir, 'src');
  const root = ['lib.rs', 'main.rs'].map((f) => path.join(src, f)).find(existsFile);
  if (!root) throw new Error(`${crateDir} has no src/lib.rs or src/main.rs`);
  visit(root, [], src + path.sep);
  return out;
}

function existsFile(file: string): boolean {
  try {
    readFileSync(file);
    return true;
  } catch {
    return false;
  }
}

/** A `cfg(..)` predicate under the enabled features; `test` is on when listed. Unknown cfgs hold. */
function holds(predicate: string, enabled: Set<string>): boolean {
  const parse = (s: string): boolean => {
    s = s.trim();
    const call = /^(not|all|any)\s*\(([\s\S]*)\)$/.exec(s);
    if (call) {
      const args = splitArgs(call[2]!).map(parse);
      if (call[1] === 'not') return !args[0];
      return call[1] === 'all' ? args.every(Boolean) : args.some(Boolean);
    }
    const feature = /^feature\s*=\s*"([^"]*)"$/.exec(s);
    if (feature) return enabled.has(feature[1]!);
    if (s === 'test' || s === 'doc') return enabled.has(s);
    return true;
  };
  return parse(predicate);
}

function splitArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (text.slice(start).trim()) out.push(text.slice(start));
  return out;
}

/** The `cfg(..)` predicates of the attributes just before a node. */
function cfgsOf(node: Node, file: RustFile, body: MacroBody | null): string[] {
  const out: string[] = [];
  for (let p = node.previousSibling; p && (p.type === 'attribute_item' || p.type === 'line_comment' || p.type === 'block_comment'); p = p.previousSibling) {
    if (p.type !== 'attribute_item') continue;
    const cfg = /^#\s*\[\s*cfg\s*\(([\s\S]*)\)\s*\]$/.exec(file.nodeText(p, body));
    if (cfg) out.push(cfg[1]!);
  }
  return out;
}

/** An identifier of the file, where it is in the source and the cfgs it is compiled under. */
interface Occurrence {
  name: string;
  offset: number;
  cfgs: string[];
}

interface UseItem {
  names: string[];
  line: number;
  cfgs: string[];
  /** Source range of the scope the `use` is visible in, and of the `use` itself. */
  scope: [number, number];
  self: [number, number];
  scopeText: string;
  atModuleLevel: boolean;
}

interface FileUses {
  source: string;
  occurrences: Occurrence[];
  uses: UseItem[];
}

/**
 * Walks a file once: every identifier of its code (macro bodies re-parsed, so `#[cfg]` inside
 * `impl_runtime_apis!` is honoured) and every non-`pub` `use`, each with the cfgs it sits under.
 */
function readUses(file: RustFile): FileUses {
  const occurrences: Occurrence[] = [];
  const uses: UseItem[] = [];
  const original = (offset: number, body: MacroBody | null) => (body ? body.toOriginal(offset) : offset);
  const walk = (node: Node, body: MacroBody | null, cfgs: string[], bodies: Map<number, MacroBody>): void => {
    // `#[cfg(..)]` names features, not items; other attributes (`#[derive_impl(..)]`) count.
    if (node.type === 'attribute_item' && /^#\s*\[\s*cfg(_attr)?\s*\(/.test(node.text)) return;
    const own = cfgsOf(node, file, body);
    const here = own.length > 0 ? [...cfgs, ...own] : cfgs;
    if (node.type === 'use_declaration') addUse(node, body, here);
    const macro = node.type === 'macro_invocation' ? bodies.get(node.id) : undefined;
    if (macro) {
      const name = node.childForFieldName('macro');
      if (name) walk(name, body, here, bodies);
      const inner = new Map(file.macros.filter((m) => m.parent === macro).map((m) => [m.invocation.id, m]));
      walk(macro.tree.rootNode, macro, here, inner);
      return;
    }
    if (node.type === 'identifier' || node.type === 'type_identifier') {
      occurrences.push({ name: node.text, offset: original(node.startIndex, body), cfgs: here });
    }
    for (const child of node.children) if (child) walk(child, body, here, bodies);
  };
  const addUse = (use: Node, body: MacroBody | null, cfgs: string[]) => {
    if (use.namedChildren.some((c) => c?.type === 'visibility_modifier')) return;
    const argument = use.childForFieldName('argument');
    if (!argument) return;
    const names = useBindings(argument, []).map(([name]) => name).filter((n) => n !== '_' && n !== 'self');
    const scope = scopeOf(use) ?? use.tree.rootNode;
    uses.push({
      names,
      line: file.nodePosition(use, body).line,
      cfgs,
      scope: [original(scope.startIndex, body), original(scope.endIndex, body)],
      self: [original(use.startIndex, body), original(use.endIndex, body)],
      scopeText: file.nodeText(scope, body),
      atModuleLevel: !body && (scope.type === 'source_file' || scope.type === 'declaration_list'),
    });
  };
  walk(file.tree.rootNode, null, [], new Map(file.macros.filter((m) => m.parent === null).map((m) => [m.invocation.id, m])));
  return { source: file.source, occurrences, uses };
}

/** The text of a file's compiled code, for the trait-method and macro patterns of submodules. */
function compiledText(file: RustFile, uses: FileUses, enabled: Set<string>): string {
  const names = uses.occurrences.filter((o) => o.cfgs.every((c) => holds(c, enabled))).map((o) => o.name);
  return `${names.join(' ')}\n${file.source}`;
}

function unusedIn(file: FileUses, enabled: Set<string>, belowText: string, benchmarked: Set<string>): { line: number; name: string }[] {
  const found: { line: number; name: string }[] = [];
  const compiled = file.occurrences.filter((o) => o.cfgs.every((c) => holds(c, enabled)));
  for (const use of file.uses) {
    if (!use.cfgs.every((c) => holds(c, enabled))) continue;
    const [from, to] = use.scope;
    const inScope = compiled.filter((o) => o.offset >= from && o.offset < to && (o.offset < use.self[0] || o.offset >= use.self[1]));
    for (const name of use.names) {
      const here = inScope.some((o) => o.name === name) || (use.atModuleLevel && new RegExp(`\\b${name}\\b`).test(belowText));
      const byMethod = TRAIT_METHODS[name]?.test(use.scopeText) ?? false;
      const byMacro = MACRO_NAMES.some((m) => m.names.includes(name) && m.invoked.test(use.scopeText));
      const byBenchmarks = benchmarked.has(name) && /\b(list|add)_benchmarks!/.test(use.scopeText);
      if (!here && !byMethod && !byMacro && !byBenchmarks) found.push({ line: use.line, name });
    }
  }
  return found;
}

/** The block or module body a `use` is visible in. */
function scopeOf(use: Node): Node | null {
  for (let p = use.parent; p; p = p.parent) {
    if (p.type === 'block' || p.type === 'declaration_list' || p.type === 'source_file') return p;
  }
  return null;
}

/**
 * Throws, listing each finding, unless the generated project at `dir` has no unused import under
 * any feature set a team builds with: the WASM runtime (no `std`), the native build, benchmarks,
 * try-runtime and the pallet's tests. Returns the number of crates checked.
 */
export async function assertNoUnusedImports(dir: string): Promise<number> {
  const runtimeSets = [[], ['std'], ['std', 'runtime-benchmarks'], ['std', 'try-runtime']];
  const crates: CrateToRead[] = [{ dir: path.join(dir, 'runtime'), featureSets: runtimeSets }];
  if (existsFile(path.join(dir, 'node', 'Cargo.toml'))) {
    crates.push({ dir: path.join(dir, 'node'), featureSets: [['std'], ['std', 'runtime-benchmarks'], ['std', 'try-runtime']] });
  }
  if (existsFile(path.join(dir, 'pallets', 'template', 'Cargo.toml'))) {
    crates.push({ dir: path.join(dir, 'pallets', 'template'), featureSets: [...runtimeSets, ['std', 'test'], ['std', 'runtime-benchmarks', 'test']] });
  }
  const found = await unusedImports(dir, crates);
  if (found.length > 0) {
    throw new Error(`Unused imports under ${dir}:\n${found.map((u) => `  ${u.file}:${u.line}: \`${u.name}\` (features: ${u.features})`).join('\n')}`);
  }
  return crates.length;
}
