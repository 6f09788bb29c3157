// Resolving paths and `use` imports, from a module, to items, modules or external paths; and the
// names and printable paths of what they resolve to.

import type { Node } from '../rust/parser.js';
import { attachedCfgs } from './cfg.js';
import type { Item, Module, Target } from './scope.js';

export function resolvePath(module: Module, path: string[], at: Node | undefined, seen: Set<string>, noFallback = false): Target | undefined {
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
      const globs = module.externalGlobs(seen);
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
      const globs = current.module.externalGlobs(seen);
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
export function dropSelf(path: string[]): string[] {
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
