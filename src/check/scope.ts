// Rust modules and name resolution, as far as `check` needs them: the items of every module
// (macro-generated ones included: `parameter_types!`, `construct_runtime!`,
// `#[frame_support::runtime]`), `use` imports (lists, aliases, globs, `pub use` re-exports),
// `mod x;` files, inline `mod x { }`, `crate::`/`self::`/`super::`, and dependencies on other
// crates of the repository. A path that leaves the repository resolves to an external path, which
// the judges recognise by its last segment.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { MacroBody, Node, RustFile, RustParser, SyntaxIssue } from '../rust/parser.js';
import { defaultFeatures, rel, type Crate, type Workspace } from './workspace.js';

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

  constructor(
    readonly workspace: Workspace,
    readonly parser: RustParser,
  ) {}

  file(abs: string): SourceFile {
    let file = this.files.get(abs);
    if (file) return file;
    let parsed: RustFile | null = null;
    let readError: string | undefined;
    try {
      const text = readFileSync(abs, 'utf8');
      parsed = this.parser.parseFile(text, { unknownMacros: 'skip' });
    } catch (error) {
      readError = (error as Error).message;
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

  /** Every file parsed so far. */
  parsedFiles(): SourceFile[] {
    return [...this.files.values()];
  }

  /** The crate's library root module (or, with `bin`, its first binary root). */
  rootModule(crate: Crate, bin = false): Module | null {
    if (!bin && this.roots.has(crate)) return this.roots.get(crate)!;
    const candidates = bin ? crate.binRoots : [crate.libRoot ?? ''];
    const path = candidates.find((p) => p && existsSync(p));
    const module = path ? Module.forFile(this, crate, null, crate.lib, this.file(path)) : null;
    if (!bin) this.roots.set(crate, module);
    return module;
  }

  delete(): void {
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
  private readonly features: Set<string>;

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
    module.collect();
    return module;
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
      child.collect();
    } else {
      const explicit = pathAttribute(item);
      const candidates = explicit
        ? [resolve(this.childDirForPathAttr(), explicit)]
        : [join(this.childDir, `${item.name}.rs`), join(this.childDir, item.name, 'mod.rs')];
      const path = candidates.find((p) => existsSync(p));
      if (path) child = Module.forFile(this.program, this.crate, this, item.name, this.program.file(path));
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
  // Collecting items

  private collect(): void {
    const parsed = this.file.parsed;
    if (!parsed || !this.container) return;
    this.collectFrom(this.container, null);
    // Macro bodies invoked directly in this module.
    for (const body of parsed.macros) {
      if (body.parent) continue;
      if (moduleContainer(body.invocation)?.id !== this.container.id) continue;
      this.macros.push(body);
      if (body.mode === 'parameter_types' || body.mode === 'items' || body.mode === 'construct_runtime') {
        this.collectFrom(body.tree.rootNode, body);
      }
    }
  }

  private collectFrom(container: Node, body: MacroBody | null): void {
    let cfgs: string[] = [];
    let attrs: Node[] = [];
    for (const node of container.namedChildren) {
      if (!node) continue;
      if (node.type === 'attribute_item') {
        attrs.push(node);
        const cfg = cfgOf(node);
        if (cfg) cfgs.push(cfg);
        continue;
      }
      if (node.type === 'line_comment' || node.type === 'block_comment') continue;
      const loc: Loc = { file: this.file, node, body };
      this.collectItem(node, loc, cfgs, attrs);
      cfgs = [];
      attrs = [];
    }
  }

  private add(kind: ItemKind, name: string, loc: Loc, cfgs: string[], value: Node | null, type: Node | null): Item {
    const item: Item = { kind, name, loc, module: this, cfgs, value, type };
    const list = this.items.get(name);
    if (list) list.push(item);
    else this.items.set(name, [item]);
    return item;
  }

  private collectItem(node: Node, loc: Loc, cfgs: string[], attrs: Node[]): void {
    const name = node.childForFieldName('name')?.text;
    switch (node.type) {
      case 'const_item':
      case 'static_item':
        if (name) this.add(node.type === 'const_item' ? 'const' : 'static', name, loc, cfgs, node.childForFieldName('value'), node.childForFieldName('type'));
        return;
      case 'type_item':
        if (name) this.add('type', name, loc, cfgs, null, node.childForFieldName('type'));
        return;
      case 'function_item':
        if (name) this.add('fn', name, loc, cfgs, node.childForFieldName('body'), null);
        return;
      case 'struct_item':
      case 'union_item':
      case 'trait_item':
        if (name) this.add(node.type.replace('_item', '') as ItemKind, name, loc, cfgs, null, null);
        return;
      case 'enum_item': {
        if (!name) return;
        this.add('enum', name, loc, cfgs, null, null);
        // `construct_runtime!` (re-parsed as an enum): each variant is a pallet alias.
        if (loc.body?.mode === 'construct_runtime') {
          for (const variant of node.descendantsOfType('enum_variant')) {
            const alias = variant?.childForFieldName('name')?.text;
            const pallet = variant?.childForFieldName('body')?.namedChildren.find((c) => c && c.type !== 'line_comment');
            if (alias && variant) this.add('pallet', alias, { ...loc, node: variant }, [], null, pallet ?? null);
          }
        }
        return;
      }
      case 'mod_item': {
        if (!name) return;
        const item = this.add('mod', name, loc, cfgs, null, null);
        // `#[frame_support::runtime] mod runtime { .. }` defines `Runtime` and the pallet aliases
        // in the enclosing module.
        if (attrs.some((a) => /^#\[\s*(?:[\w:]*::)?runtime\s*\]$/.test(a.text.replace(/\s+/g, '')))) {
          const child = this.childModule(item);
          if (child) {
            for (const [alias, list] of child.items) {
              for (const it of list) {
                if (it.kind === 'type') this.add('pallet', alias, it.loc, [], null, it.type);
                else if (it.kind === 'struct') this.add('struct', alias, it.loc, [], null, null);
              }
            }
          }
        }
        return;
      }
      case 'use_declaration': {
        const arg = node.childForFieldName('argument');
        if (arg && this.cfgHolds(cfgs)) this.collectUse(arg, [], loc);
        return;
      }
      case 'impl_item':
        this.impls.push(loc);
        return;
      case 'expression_statement':
        return;
      default:
        return;
    }
  }

  private collectUse(node: Node, prefix: string[], loc: Loc): void {
    switch (node.type) {
      case 'use_as_clause': {
        const path = dropSelf([...prefix, ...segments(node.childForFieldName('path'))]);
        const alias = node.childForFieldName('alias')?.text;
        if (alias && alias !== '_') this.bind(alias, path, loc);
        return;
      }
      case 'use_wildcard': {
        const inner = node.namedChildren.find((c) => c !== null) ?? null;
        this.globs.push({ path: [...prefix, ...segments(inner)], loc });
        return;
      }
      case 'scoped_use_list': {
        const path = [...prefix, ...segments(node.childForFieldName('path'))];
        const list = node.childForFieldName('list');
        for (const child of list?.namedChildren ?? []) if (child) this.collectUse(child, path, loc);
        return;
      }
      case 'use_list':
        for (const child of node.namedChildren) if (child) this.collectUse(child, prefix, loc);
        return;
      case 'self':
        if (prefix.length > 0) this.bind(prefix[prefix.length - 1]!, prefix, loc);
        return;
      default: {
        const path = [...prefix, ...segments(node)];
        const last = path[path.length - 1];
        if (last && last !== 'self') this.bind(last, path, loc);
        else if (last === 'self' && path.length > 1) this.bind(path[path.length - 2]!, path.slice(0, -1), loc);
      }
    }
  }

  private bind(name: string, path: string[], loc: Loc): void {
    const list = this.uses.get(name);
    if (list) list.push({ path, loc });
    else this.uses.set(name, [{ path, loc }]);
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

  /** External paths this module glob-imports (`use polkadot_sdk::*`). */
  externalGlobs(): string[][] {
    const out: string[][] = [];
    for (const glob of this.globs) {
      const target = resolvePath(this, glob.path, undefined, new Set(), true);
      if (target?.kind === 'external') out.push(target.path);
    }
    return out;
  }

  private methods?: Map<string, Item>;

  /**
   * An inherent method of a type defined in this crate (`impl Runtime { fn x() .. }`), looked up
   * by the type's name; call on the crate root.
   */
  method(typeName: string, name: string): Item | undefined {
    if (!this.methods) {
      this.methods = new Map();
      for (const m of this.allModules()) {
        for (const loc of m.impls) {
          if (loc.node.childForFieldName('trait')) continue;
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
    }
    return this.methods.get(`${typeName}::${name}`);
  }

  /** Of several same-named items (cfg variants), the one the default build compiles. */
  pick(items: Item[]): Item {
    return items.find((i) => this.cfgHolds(i.cfgs)) ?? items[0]!;
  }
}

function resolvePath(module: Module, path: string[], at: Node | undefined, seen: Set<string>, noFallback = false): Target | undefined {
  if (path.length === 0) return undefined;
  let i = 0;
  let current: Target | undefined;
  const first = path[0]!;
  if (first === 'crate' || first === '$crate') {
    current = { kind: 'module', module: module.root };
    i = 1;
  } else if (first === 'self') {
    current = { kind: 'module', module };
    i = 1;
  } else if (first === 'super') {
    let m: Module = module;
    while (path[i] === 'super') {
      m = m.parent ?? m;
      i++;
    }
    current = { kind: 'module', module: m };
  } else if (first === 'Self') {
    return undefined;
  } else {
    current = (at && localLookup(module, at, first, seen)) || module.lookup(first, seen) || externCrate(module, first);
    if (!current) {
      if (noFallback) return { kind: 'external', path: [...path] };
      const globs = module.externalGlobs();
      current = { kind: 'external', path: globs.length > 0 ? [...globs[0]!, first] : [first] };
    }
    i = 1;
  }
  for (; i < path.length && current; i++) current = step(current, path[i]!, seen);
  return current;
}

function step(current: Target, name: string, seen: Set<string>): Target | undefined {
  switch (current.kind) {
    case 'module': {
      const found = current.module.lookup(name, seen);
      if (found) return found;
      const globs = current.module.externalGlobs();
      return { kind: 'external', path: globs.length > 0 ? [...globs[0]!, name] : [name] };
    }
    case 'external':
      return { kind: 'external', path: [...current.path, name] };
    case 'item':
    case 'assoc':
      return { kind: 'assoc', base: current, name };
  }
}

function externCrate(module: Module, name: string): Target | undefined {
  const dep = module.crate.deps.get(name);
  if (dep?.crate) {
    const root = module.program.rootModule(dep.crate);
    if (root) return { kind: 'module', module: root };
  }
  if (dep) return { kind: 'external', path: [name] };
  if (name === module.crate.lib) return { kind: 'module', module: module.root };
  return undefined;
}

/** `use` declarations inside the blocks enclosing `at` (imports local to a function). */
function localLookup(module: Module, at: Node, name: string, seen: Set<string>): Target | undefined {
  for (let p: Node | null = at.parent; p; p = p.parent) {
    if (p.type !== 'block') continue;
    for (const child of p.namedChildren) {
      if (child?.type !== 'use_declaration') continue;
      const cfgs = attachedCfgs(child);
      if (cfgs.length > 0 && !module.cfgHolds(cfgs)) continue;
      const arg = child.childForFieldName('argument');
      if (!arg) continue;
      for (const [alias, path] of useBindings(arg, [])) {
        if (alias === name) return resolvePath(module, path, undefined, seen);
      }
    }
  }
  return undefined;
}

/** The (alias, path) bindings of a `use` tree, globs excluded. */
export function useBindings(node: Node, prefix: string[]): [string, string[]][] {
  switch (node.type) {
    case 'use_as_clause': {
      const alias = node.childForFieldName('alias')?.text;
      return alias ? [[alias, dropSelf([...prefix, ...segments(node.childForFieldName('path'))])]] : [];
    }
    case 'use_wildcard':
      return [];
    case 'scoped_use_list': {
      const path = [...prefix, ...segments(node.childForFieldName('path'))];
      return (node.childForFieldName('list')?.namedChildren ?? []).flatMap((c) => (c ? useBindings(c, path) : []));
    }
    case 'use_list':
      return node.namedChildren.flatMap((c) => (c ? useBindings(c, prefix) : []));
    case 'self':
      return prefix.length > 0 ? [[prefix[prefix.length - 1]!, prefix]] : [];
    default: {
      const path = [...prefix, ...segments(node)];
      const last = path[path.length - 1];
      if (last === 'self') return path.length > 1 ? [[path[path.length - 2]!, path.slice(0, -1)]] : [];
      return last ? [[last, path]] : [];
    }
  }
}

/** `a::b::self` → `a::b` (`use a::b::{self as c}`). */
function dropSelf(path: string[]): string[] {
  return path.length > 1 && path[path.length - 1] === 'self' ? path.slice(0, -1) : path;
}

/** The segments of a path node (`a::b::C`, `crate::x`, `super::super::y`), generics dropped. */
export function segments(node: Node | null | undefined): string[] {
  if (!node) return [];
  switch (node.type) {
    case 'identifier':
    case 'type_identifier':
    case 'field_identifier':
    case 'primitive_type':
      return [node.text];
    case 'crate':
    case 'self':
    case 'super':
      return [node.type];
    case 'metavariable':
      return ['$crate'];
    case 'scoped_identifier':
    case 'scoped_type_identifier': {
      const path = node.childForFieldName('path');
      const name = node.childForFieldName('name');
      return [...segments(path), ...segments(name)];
    }
    case 'generic_type':
      return segments(node.childForFieldName('type'));
    case 'generic_function':
      return segments(node.childForFieldName('function'));
    case 'bracketed_type':
    case 'qualified_type':
      return [];
    default:
      return node.text === 'crate' || node.text === 'self' || node.text === 'super' ? [node.text] : [];
  }
}

/**
 * The inherent method a call path names (`Runtime::helper`, `Self::helper`), if the type is
 * defined in the crate of `module`.
 */
export function inherentMethod(module: Module, segs: string[], at: Node): Item | undefined {
  if (segs.length < 2) return undefined;
  let type = segs[segs.length - 2]!;
  if (type === 'Self') {
    let p: Node | null = at.parent;
    while (p && p.type !== 'impl_item') p = p.parent;
    const typeSegs = segments(p?.childForFieldName('type'));
    type = typeSegs[typeSegs.length - 1] ?? '';
  }
  return module.root.method(type, segs[segs.length - 1]!);
}

/** The last segment of a resolved target: the name a judge recognises. */
export function targetName(target: Target | undefined): string | undefined {
  if (!target) return undefined;
  switch (target.kind) {
    case 'item':
      return target.item.name;
    case 'module':
      return target.module.name;
    case 'external':
      return target.path[target.path.length - 1];
    case 'assoc':
      return target.name;
  }
}

/** A printable form of a resolved target (`cumulus_pallet_aura_ext::FixedVelocityConsensusHook`). */
export function targetPath(target: Target | undefined): string {
  if (!target) return '?';
  switch (target.kind) {
    case 'item':
      return `${target.item.module.path}::${target.item.name}`;
    case 'module':
      return target.module.path;
    case 'external':
      return target.path.join('::');
    case 'assoc':
      return `${targetPath(target.base)}::${target.name}`;
  }
}

/** `cfg(..)` conditions attached to a node: attributes just before it, or its own first children. */
export function attachedCfgs(node: Node): string[] {
  const cfgs: string[] = [];
  for (let p = node.previousSibling; p && (p.type === 'attribute_item' || p.type === 'line_comment' || p.type === 'block_comment'); p = p.previousSibling) {
    const c = p.type === 'attribute_item' ? cfgOf(p) : null;
    if (c) cfgs.push(c);
  }
  for (const child of node.namedChildren) {
    if (child?.type !== 'attribute_item') break;
    const c = cfgOf(child);
    if (c) cfgs.push(c);
  }
  return cfgs;
}

/**
 * Whether a node is compiled out under the crate's default features: it, or a statement or item
 * enclosing it, carries a `cfg` that does not hold.
 */
export function compiledOut(module: Module, node: Node): boolean {
  for (let p: Node | null = node; p && p.type !== 'source_file'; p = p.parent) {
    if (p.type === 'block' || p.type === 'declaration_list' || p.type === 'field_initializer_list' || p.type === 'arguments' || p.type === 'parameters') continue;
    const cfgs = attachedCfgs(p);
    if (cfgs.length > 0 && !module.cfgHolds(cfgs)) return true;
  }
  return false;
}

function cfgOf(attr: Node): string | null {
  const m = /^#\s*\[\s*cfg\s*\(([\s\S]*)\)\s*\]$/.exec(attr.text);
  return m ? m[1]!.trim() : null;
}

function pathAttribute(item: Item): string | null {
  for (let p = item.loc.node.previousNamedSibling; p?.type === 'attribute_item'; p = p.previousNamedSibling) {
    const m = /^#\s*\[\s*path\s*=\s*"([^"]+)"\s*\]$/.exec(p.text);
    if (m) return m[1]!;
  }
  return null;
}

/** The module-level container (`source_file` or a module's `declaration_list`) holding a node. */
function moduleContainer(node: Node): Node | null {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'source_file') return p;
    if (p.type === 'declaration_list' && p.parent?.type === 'mod_item') return p;
    if (p.type === 'function_item' || p.type === 'impl_item' || p.type === 'trait_item') return null;
  }
  return null;
}

/**
 * Evaluates a `cfg(..)` predicate: true, false, or undefined when it depends on something
 * unknown (target, custom cfg). `feature = ".."` is true for the crate's default features;
 * `test` is false.
 */
export function evalCfg(text: string, features: Set<string>): boolean | undefined {
  let pos = 0;
  const s = text;
  const ws = () => {
    while (pos < s.length && /\s/.test(s[pos]!)) pos++;
  };
  const ident = (): string => {
    ws();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(pos));
    if (!m) throw new Error('cfg');
    pos += m[0].length;
    return m[0];
  };
  const expr = (): boolean | undefined => {
    const name = ident();
    ws();
    if (s[pos] === '(') {
      pos++;
      const args: (boolean | undefined)[] = [];
      ws();
      while (s[pos] !== ')') {
        args.push(expr());
        ws();
        if (s[pos] === ',') pos++;
        ws();
        if (pos >= s.length) throw new Error('cfg');
      }
      pos++;
      if (name === 'not') return args[0] === undefined ? undefined : !args[0];
      if (name === 'all') return args.includes(false) ? false : args.includes(undefined) ? undefined : true;
      if (name === 'any') return args.includes(true) ? true : args.includes(undefined) ? undefined : false;
      return undefined;
    }
    if (s[pos] === '=') {
      pos++;
      ws();
      const m = /^"([^"]*)"/.exec(s.slice(pos));
      if (!m) throw new Error('cfg');
      pos += m[0].length;
      if (name === 'feature') return features.has(m[1]!);
      return undefined;
    }
    if (name === 'test' || name === 'doc') return false;
    return undefined;
  };
  try {
    return expr();
  } catch {
    return undefined;
  }
}
