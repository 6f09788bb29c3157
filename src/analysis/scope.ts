// Rust modules and name resolution, as far as `check` needs them: the items of every module
// (macro-generated ones included: `parameter_types!`, `construct_runtime!`,
// `#[frame_support::runtime]`), `use` imports (lists, aliases, globs, `pub use` re-exports),
// `mod x;` files, inline `mod x { }`, `crate::`/`self::`/`super::`, and dependencies on other
// crates of the repository. A path that leaves the repository resolves to an external path, which
// the judges recognise by its last segment.
//
// The module tree is here; collecting items is in module-items.ts, resolving paths in
// name-resolution.ts, evaluating `cfg` in cfg.ts.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { MacroBody, Node, RustFile, RustParser, SyntaxIssue, Tree } from '../rust/parser.js';
import { evalCfg } from './cfg.js';
import { collectItems } from './module-items.js';
import { resolvePath, segments } from './name-resolution.js';
import { defaultFeatures, readErrorText, rel, type Crate, type Workspace } from './workspace.js';

export interface SourceFile {
  abs: string;
  rel: string;
  parsed: RustFile | null;
  /** Why the file could not be read, if so. */
  readError?: string;
  /** Syntax errors, macro bodies included (computed once, on demand). */
  errors(): SyntaxIssue[];
}

/** A node and the file (and macro body) it belongs to, for file:line evidence. */
export interface Loc {
  file: SourceFile;
  node: Node;
  body: MacroBody | null;
}

export function lineOfLoc(loc: Loc): number {
  return loc.file.parsed ? loc.file.parsed.nodePosition(loc.node, loc.body).line : 1;
}

export type ItemKind = 'const' | 'static' | 'type' | 'fn' | 'mod' | 'struct' | 'enum' | 'trait' | 'union' | 'pallet';

export interface Item {
  kind: ItemKind;
  name: string;
  loc: Loc;
  module: Module;
  /** `cfg(..)` conditions on the item (the attribute's argument text). */
  cfgs: string[];
  /** const/static: the value expression; type alias / pallet: the type. */
  value: Node | null;
  type: Node | null;
  /** `mod` items: the module, once created. */
  child?: Module;
}

interface UseBinding {
  path: string[];
  loc: Loc;
}

export type Target =
  | { kind: 'item'; item: Item }
  | { kind: 'module'; module: Module }
  | { kind: 'external'; path: string[] }
  /** An associated item of a local type (`Foo::get`, `SlotDuration::from_millis`). */
  | { kind: 'assoc'; base: Target; name: string };

/** The parsed files of one audit, shared by every crate; parsing happens at most once per file. */
export class Program {
  private readonly files = new Map<string, SourceFile>();
  private readonly roots = new Map<Crate, Module | null>();
  /** What the analysis did not follow, and why (module cycles), for the report's problems. */
  readonly notes: { file: string; message: string }[] = [];

  constructor(
    readonly workspace: Workspace,
    readonly parser: RustParser,
  ) {}

  /** A file of `crate`, parsed once (its own macro_rules! are left for expansion). */
  file(abs: string, crate?: Crate): SourceFile {
    let file = this.files.get(abs);
    if (file) return file;
    let parsed: RustFile | null = null;
    let readError: string | undefined;
    try {
      const text = this.texts.get(abs) ?? readFileSync(abs, 'utf8');
      this.texts.delete(abs);
      parsed = this.parser.parseFile(text, { unknownMacros: 'impls', localMacros: crate ? this.macroNames(crate) : undefined });
    } catch (error) {
      readError = readErrorText(error);
    }
    let errors: SyntaxIssue[] | undefined;
    file = {
      abs,
      rel: rel(this.workspace.root, abs),
      parsed,
      readError,
      errors: () => (errors ??= parsed ? parsed.syntaxErrors() : []),
    };
    this.files.set(abs, file);
    return file;
  }

  private readonly macroCache = new Map<Crate, Map<string, string[]>>();
  /** Texts read ahead of parsing (for the macro names), handed over when the file is parsed. */
  private readonly texts = new Map<string, string>();

  /** The `macro_rules!` macros a crate defines: name → the files defining one of that name. */
  macroFiles(crate: Crate): Map<string, string[]> {
    let names = this.macroCache.get(crate);
    if (!names) {
      names = new Map();
      for (const path of crate.rsFiles) {
        if (this.files.has(path)) {
          const source = this.files.get(path)!.parsed?.source ?? '';
          if (!source.includes('macro_rules!')) continue;
          for (const m of source.matchAll(/macro_rules!\s*([A-Za-z_]\w*)/g)) names.set(m[1]!, [...(names.get(m[1]!) ?? []), path]);
          continue;
        }
        let text: string;
        try {
          text = readFileSync(path, 'utf8');
        } catch {
          continue; // reported when the file itself is read
        }
        this.texts.set(path, text);
        if (!text.includes('macro_rules!')) continue;
        for (const m of text.matchAll(/macro_rules!\s*([A-Za-z_]\w*)/g)) names.set(m[1]!, [...(names.get(m[1]!) ?? []), path]);
      }
      this.macroCache.set(crate, names);
    }
    return names;
  }

  private readonly macroNameSets = new Map<Crate, ReadonlySet<string>>();

  /** The names of the `macro_rules!` macros a crate defines. */
  macroNames(crate: Crate): ReadonlySet<string> {
    let names = this.macroNameSets.get(crate);
    if (!names) this.macroNameSets.set(crate, (names = new Set(this.macroFiles(crate).keys())));
    return names;
  }

  /** Trees of macro expansions made during the audit, freed with the files. */
  readonly expansions: MacroBody[] = [];
  /** Expansions of local macros in expression position, by invocation node id (null: none). */
  readonly expressionExpansions = new Map<number, Node | null>();
  readonly expressionTrees: Tree[] = [];

  note(file: string, message: string): void {
    if (!this.notes.some((n) => n.file === file && n.message === message)) this.notes.push({ file, message });
  }

  /** Every file parsed so far. */
  parsedFiles(): SourceFile[] {
    return [...this.files.values()];
  }

  /** The crate's library root module (or, with `bin`, its first binary root). */
  rootModule(crate: Crate, bin = false): Module | null {
    if (!bin && this.roots.has(crate)) return this.roots.get(crate)!;
    const candidates = bin ? crate.binRoots : [crate.libRoot ?? ''];
    const path = candidates.find((p) => p && existsSync(p));
    const module = path ? Module.forFile(this, crate, null, crate.lib, this.file(path, crate)) : null;
    if (!bin) this.roots.set(crate, module);
    return module;
  }

  delete(): void {
    for (const body of this.expansions) body.tree.delete();
    this.expansions.length = 0;
    for (const tree of this.expressionTrees) tree.delete();
    this.expressionTrees.length = 0;
    this.expressionExpansions.clear();
    this.texts.clear();
    for (const file of this.files.values()) file.parsed?.delete();
    this.files.clear();
  }
}

export class Module {
  readonly items = new Map<string, Item[]>();
  readonly uses = new Map<string, UseBinding[]>();
  readonly globs: UseBinding[] = [];
  readonly impls: Loc[] = [];
  /** Macro bodies invoked at this module's level (impl_runtime_apis!, register_validate_block!, ..). */
  readonly macros: MacroBody[] = [];
  readonly children: Module[] = [];
  /** `#[cfg(test)]` or similar: not part of the runtime build. */
  testOnly = false;
  /** `macro_rules!` expansions invoked here, and the file each one's text comes from. */
  readonly expansionFiles = new Map<MacroBody, SourceFile>();
  /** The features the judged build has on (see `defaultFeatures`). */
  readonly features: Set<string>;

  private constructor(
    readonly program: Program,
    readonly crate: Crate,
    readonly parent: Module | null,
    readonly name: string,
    readonly file: SourceFile,
    /** The node holding the items: `source_file` or the `declaration_list` of an inline module. */
    readonly container: Node | null,
    /** Folder where `mod x;` files of this module live. */
    readonly childDir: string,
  ) {
    this.features = parent?.features ?? defaultFeatures(crate);
  }

  static forFile(program: Program, crate: Crate, parent: Module | null, name: string, file: SourceFile): Module {
    const base = file.abs.split(/[\\/]/).pop()!;
    const ownsDir = parent === null || base === 'mod.rs' || base === 'lib.rs' || base === 'main.rs';
    const childDir = ownsDir ? dirname(file.abs) : join(dirname(file.abs), base.replace(/\.rs$/, ''));
    const module = new Module(program, crate, parent, name, file, file.parsed?.tree.rootNode ?? null, childDir);
    collectItems(module);
    return module;
  }

  /** The file a macro body's text comes from: a local macro's definition, else this module's file. */
  fileOf(body: MacroBody | null): SourceFile {
    for (let b = body; b; b = b.parent) {
      const file = this.expansionFiles.get(b);
      if (file) return file;
    }
    return this.file;
  }

  get root(): Module {
    let m: Module = this;
    while (m.parent) m = m.parent;
    return m;
  }

  /** `crate::a::b` style path of this module, for messages. */
  get path(): string {
    const names: string[] = [];
    for (let m: Module | null = this; m?.parent; m = m.parent) names.unshift(m.name);
    return ['crate', ...names].join('::');
  }

  /** Whether a set of `cfg(..)` conditions holds under the crate's default features. */
  cfgHolds(cfgs: string[]): boolean {
    return cfgs.every((c) => evalCfg(c, this.features) !== false);
  }

  /** This module and every module below it that is part of the build (not test-only). */
  allModules(): Module[] {
    const out: Module[] = [];
    const visit = (m: Module) => {
      if (m.testOnly) return;
      out.push(m);
      for (const item of [...m.items.values()].flat()) {
        if (item.kind === 'mod' && item.module === m) {
          const child = m.childModule(item);
          if (child) visit(child);
        }
      }
    };
    visit(this);
    return out;
  }

  /** The module a `mod` item declares (loading its file for `mod x;`). */
  childModule(item: Item): Module | null {
    if (item.child) return item.child;
    if (item.kind !== 'mod') return null;
    const node = item.loc.node;
    const body = node.childForFieldName('body');
    let child: Module | null = null;
    if (body) {
      const inlineDir = join(this.childDir, item.name);
      child = new Module(this.program, this.crate, this, item.name, this.file, body, inlineDir);
      collectItems(child);
    } else {
      const explicit = pathAttribute(item);
      const candidates = explicit
        ? [resolve(this.childDirForPathAttr(), explicit)]
        : [join(this.childDir, `${item.name}.rs`), join(this.childDir, item.name, 'mod.rs')];
      const path = candidates.find((p) => existsSync(p));
      // `#[path = "../lib.rs"] mod again;`: a file that is already an enclosing module is not
      // loaded again (the module tree would never end).
      let cyclic = false;
      for (let m: Module | null = this; m && path; m = m.parent) if (m.file.abs === path) cyclic = true;
      if (cyclic) this.program.note(this.file.rel, `\`mod ${item.name}\` names ${rel(this.program.workspace.root, path!)}, a file that encloses it; not followed`);
      else if (path) child = Module.forFile(this.program, this.crate, this, item.name, this.program.file(path, this.crate));
    }
    if (child) {
      child.testOnly = item.cfgs.some((c) => /\btest\b/.test(c) && evalCfg(c, new Set()) === false);
      this.children.push(child);
      item.child = child;
    }
    return child;
  }

  private childDirForPathAttr(): string {
    return this.container?.type === 'source_file' ? dirname(this.file.abs) : this.childDir;
  }

  // -------------------------------------------------------------------------------------------
  // Resolution

  /** Resolves a path written in this module (optionally inside a function, see `localUses`). */
  resolve(path: string[], at?: Node): Target | undefined {
    return resolvePath(this, path, at, new Set());
  }

  /** The item a name denotes in this module's scope, following imports. */
  lookup(name: string, seen: Set<string>): Target | undefined {
    const key = `${this.file.abs}#${this.container?.id}#${name}`;
    if (seen.has(key)) return undefined;
    // `seen` is the stack of lookups in progress (cycles through globs); a lookup made from
    // outside any other does not depend on it and is cached.
    const top = seen.size === 0;
    if (top && this.cache.has(name)) return this.cache.get(name);
    seen.add(key);
    try {
      const found = this.lookupUncached(name, seen);
      if (top) this.cache.set(name, found);
      return found;
    } finally {
      seen.delete(key);
    }
  }

  private readonly cache = new Map<string, Target | undefined>();

  private lookupUncached(name: string, seen: Set<string>): Target | undefined {
    const items = this.items.get(name);
    if (items && items.length > 0) {
      const item = this.pick(items);
      if (item.kind === 'mod') {
        const child = item.module.childModule(item);
        if (child) return { kind: 'module', module: child };
      }
      return { kind: 'item', item };
    }
    for (const binding of this.uses.get(name) ?? []) {
      const target = resolvePath(this, binding.path, undefined, seen);
      if (target) return target;
    }
    for (const glob of this.globs) {
      const target = resolvePath(this, glob.path, undefined, seen, true);
      if (target?.kind === 'module') {
        const found = target.module.lookup(name, seen);
        if (found) return found;
      } else if (target?.kind === 'item' && (target.item.kind === 'enum' || target.item.kind === 'pallet')) {
        continue;
      }
    }
    return undefined;
  }

  /**
   * External paths this module glob-imports (`use polkadot_sdk::*`). `seen` is the stack of
   * lookups in progress: two modules whose globs lead through each other end here, not in a loop.
   */
  externalGlobs(seen: Set<string>): string[][] {
    const key = `${this.file.abs}#${this.container?.id}#*`;
    if (seen.has(key)) return [];
    seen.add(key);
    try {
      const out: string[][] = [];
      for (const glob of this.globs) {
        const target = resolvePath(this, glob.path, undefined, seen, true);
        if (target?.kind === 'external') out.push(target.path);
      }
      return out;
    } finally {
      seen.delete(key);
    }
  }

  private methods?: Map<string, Item>;

  /**
   * A method of a type defined in this crate, looked up by the type's name: inherent
   * (`impl Runtime { fn x() .. }`) first, else of a trait impl (`impl Get<u64> for X { fn get() .. }`);
   * call on the crate root.
   */
  method(typeName: string, name: string): Item | undefined {
    if (!this.methods) {
      this.methods = new Map();
      const impls = this.allModules().flatMap((m) => m.impls.map((loc) => ({ m, loc })));
      // Inherent impls first: their methods win over trait methods of the same name.
      impls.sort((a, b) => Number(Boolean(a.loc.node.childForFieldName('trait'))) - Number(Boolean(b.loc.node.childForFieldName('trait'))));
      for (const { m, loc } of impls) {
        const typeSegs = segments(loc.node.childForFieldName('type'));
        const type = typeSegs[typeSegs.length - 1];
        if (!type) continue;
        for (const fn of loc.node.childForFieldName('body')?.namedChildren ?? []) {
          const fnName = fn?.type === 'function_item' ? fn.childForFieldName('name')?.text : undefined;
          if (!fn || !fnName) continue;
          const key = `${type}::${fnName}`;
          if (!this.methods.has(key)) {
            this.methods.set(key, { kind: 'fn', name: fnName, loc: { ...loc, node: fn }, module: m, cfgs: [], value: fn.childForFieldName('body'), type: null });
          }
        }
      }
    }
    return this.methods.get(`${typeName}::${name}`);
  }

  /** Of several same-named items (cfg variants), the one the default build compiles. */
  pick(items: Item[]): Item {
    return items.find((i) => this.cfgHolds(i.cfgs)) ?? items[0]!;
  }
}

function pathAttribute(item: Item): string | null {
  for (let p = item.loc.node.previousNamedSibling; p?.type === 'attribute_item'; p = p.previousNamedSibling) {
    const m = /^#\s*\[\s*path\s*=\s*"([^"]+)"\s*\]$/.exec(p.text);
    if (m) return m[1]!;
  }
  return null;
}
