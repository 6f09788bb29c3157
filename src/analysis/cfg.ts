// `cfg(..)` conditions: which ones a node carries, and whether they hold under the crate's default
// features.

import type { Node } from '../rust/parser.js';
import type { Module } from './scope.js';

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

export function cfgOf(attr: Node): string | null {
  const m = /^#\s*\[\s*cfg\s*\(([\s\S]*)\)\s*\]$/.exec(attr.text);
  return m ? m[1]!.trim() : null;
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
