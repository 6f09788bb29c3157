// Collecting items: a module's declarations, `use` imports, impls and the macro bodies invoked at
// its level, with the items `parameter_types!`, `construct_runtime!` and `runtime` modules define.

import type { MacroBody, Node } from '../rust/parser.js';
import { cfgOf } from './cfg.js';
import { dropSelf, segments } from './name-resolution.js';
import { expandLocalMacros } from './macro-expansion.js';
import type { Item, ItemKind, Loc, Module, SourceFile } from './scope.js';

export function collectItems(module: Module): void {
  const parsed = module.file.parsed;
  if (!parsed || !module.container) return;
  collectFrom(module, module.container, null);
  // Macro bodies invoked directly in this module.
  for (const body of parsed.macros) {
    if (body.parent) continue;
    if (moduleContainer(body.invocation)?.id !== module.container.id) continue;
    module.macros.push(body);
    if (body.mode === 'parameter_types' || body.mode === 'items' || body.mode === 'construct_runtime') {
      collectFrom(module, body.tree.rootNode, body);
    }
  }
  // The crate's own macro_rules! invoked here, expanded.
  for (const { body, file } of expandLocalMacros(module, module.container, parsed.source)) {
    module.expansionFiles.set(body, file);
    module.macros.push(body);
    if (body.mode === 'parameter_types' || body.mode === 'items' || body.mode === 'construct_runtime') {
      collectFrom(module, body.tree.rootNode, body, file);
    }
  }
}

function collectFrom(module: Module, container: Node, body: MacroBody | null, file: SourceFile = module.file): void {
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
    const loc: Loc = { file, node, body };
    collectItem(module, node, loc, cfgs, attrs);
    cfgs = [];
    attrs = [];
  }
}

function add(module: Module, kind: ItemKind, name: string, loc: Loc, cfgs: string[], value: Node | null, type: Node | null): Item {
  const item: Item = { kind, name, loc, module, cfgs, value, type };
  const list = module.items.get(name);
  if (list) list.push(item);
  else module.items.set(name, [item]);
  return item;
}

function collectItem(module: Module, node: Node, loc: Loc, cfgs: string[], attrs: Node[]): void {
  const name = node.childForFieldName('name')?.text;
  switch (node.type) {
    case 'const_item':
    case 'static_item':
      if (name) add(module, node.type === 'const_item' ? 'const' : 'static', name, loc, cfgs, node.childForFieldName('value'), node.childForFieldName('type'));
      return;
    case 'type_item':
      if (name) add(module, 'type', name, loc, cfgs, null, node.childForFieldName('type'));
      return;
    case 'function_item':
      if (name) add(module, 'fn', name, loc, cfgs, node.childForFieldName('body'), null);
      return;
    case 'struct_item':
    case 'union_item':
    case 'trait_item':
      if (name) add(module, node.type.replace('_item', '') as ItemKind, name, loc, cfgs, null, null);
      return;
    case 'enum_item': {
      if (!name) return;
      add(module, 'enum', name, loc, cfgs, null, null);
      // `construct_runtime!` (re-parsed as an enum): each variant is a pallet alias.
      if (loc.body?.mode === 'construct_runtime') {
        for (const variant of node.descendantsOfType('enum_variant')) {
          const alias = variant?.childForFieldName('name')?.text;
          const pallet = variant?.childForFieldName('body')?.namedChildren.find((c) => c && c.type !== 'line_comment');
          if (alias && variant) add(module, 'pallet', alias, { ...loc, node: variant }, [], null, pallet ?? null);
        }
      }
      return;
    }
    case 'mod_item': {
      if (!name) return;
      const item = add(module, 'mod', name, loc, cfgs, null, null);
      // `#[frame_support::runtime] mod runtime { .. }` defines `Runtime` and the pallet aliases
      // in the enclosing module.
      if (attrs.some((a) => /^#\[\s*(?:[\w:]*::)?runtime\s*\]$/.test(a.text.replace(/\s+/g, '')))) {
        const child = module.childModule(item);
        if (child) {
          for (const [alias, list] of child.items) {
            for (const it of list) {
              if (it.kind === 'type') add(module, 'pallet', alias, it.loc, [], null, it.type);
              else if (it.kind === 'struct') add(module, 'struct', alias, it.loc, [], null, null);
            }
          }
        }
      }
      return;
    }
    case 'use_declaration': {
      const arg = node.childForFieldName('argument');
      if (arg && module.cfgHolds(cfgs)) collectUse(module, arg, [], loc);
      return;
    }
    case 'impl_item':
      // An impl the judged build compiles out (`#[cfg(not(feature = "parachain"))]`) is not there.
      if (module.cfgHolds(cfgs)) module.impls.push(loc);
      return;
    case 'expression_statement':
      return;
    default:
      return;
  }
}

function collectUse(module: Module, node: Node, prefix: string[], loc: Loc): void {
  switch (node.type) {
    case 'use_as_clause': {
      const path = dropSelf([...prefix, ...segments(node.childForFieldName('path'))]);
      const alias = node.childForFieldName('alias')?.text;
      if (alias && alias !== '_') bind(module, alias, path, loc);
      return;
    }
    case 'use_wildcard': {
      const inner = node.namedChildren.find((c) => c !== null) ?? null;
      module.globs.push({ path: [...prefix, ...segments(inner)], loc });
      return;
    }
    case 'scoped_use_list': {
      const path = [...prefix, ...segments(node.childForFieldName('path'))];
      const list = node.childForFieldName('list');
      for (const child of list?.namedChildren ?? []) if (child) collectUse(module, child, path, loc);
      return;
    }
    case 'use_list':
      for (const child of node.namedChildren) if (child) collectUse(module, child, prefix, loc);
      return;
    case 'self':
      if (prefix.length > 0) bind(module, prefix[prefix.length - 1]!, prefix, loc);
      return;
    default: {
      const path = [...prefix, ...segments(node)];
      const last = path[path.length - 1];
      if (last && last !== 'self') bind(module, last, path, loc);
      else if (last === 'self' && path.length > 1) bind(module, path[path.length - 2]!, path.slice(0, -1), loc);
    }
  }
}

function bind(module: Module, name: string, path: string[], loc: Loc): void {
  const list = module.uses.get(name);
  if (list) list.push({ path, loc });
  else module.uses.set(name, [{ path, loc }]);
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
