// The shape of a runtime crate, read from its parse tree: the pallets of the runtime, every trait
// impl with its associated types (pallet Config impls, the XCM executor's config), the runtime
// APIs, and the transaction extensions. Used by the per-release assertions of the suite and by
// `scripts/compare-reference.ts`, which compares a generated runtime with a reference tree by hand.
//
// Paths are normalised so that the same thing written two ways compares equal: `staging_xcm` and
// `xcm`, `staging_parachain_info` and `parachain_info`, `pallet_x::Pallet<Runtime>` and
// `pallet_x`, and only the last two segments of a trait path are kept
// (`polkadot_sdk::pallet_balances::Config` is `pallet_balances::Config`).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { rustFiles } from './rust-checks.js';
import { loadRustParser, type MacroBody, type Node, type RustFile } from '../../src/rust/parser.js';

export interface RuntimePallet {
  name: string;
  index: number | null;
  /** The pallet crate, normalised (`pallet_balances`, `parachain_info`). */
  pallet: string;
}

export interface TraitImpl {
  /** `pallet_balances::Config for Runtime`, `xcm_executor::Config for XcmConfig`. */
  key: string;
  /** Associated type (and const) names, each with the `cfg(..)` conditions written on it. */
  items: Map<string, string[]>;
  /** Each associated type's value, whitespace removed. */
  values: Map<string, string>;
  file: string;
}

export interface RuntimeShape {
  pallets: RuntimePallet[];
  impls: Map<string, TraitImpl>;
  /**
   * Runtime API traits implemented in `impl_runtime_apis!`, normalised (`sp_consensus_aura::AuraApi`),
   * each with its functions' signatures (parameters and return type, whitespace removed).
   */
  apis: Map<string, Map<string, string>>;
  /** The transaction extensions of `TxExtension`, by type name (`CheckNonce`, `StorageWeightReclaim`). */
  txExtensions: string[];
}

const ALIASES: Record<string, string> = {
  staging_xcm: 'xcm',
  staging_xcm_builder: 'xcm_builder',
  staging_xcm_executor: 'xcm_executor',
  staging_parachain_info: 'parachain_info',
};

/** Reads every `.rs` file under `srcDir` (a runtime crate's `src/`). */
export async function readRuntimeShape(srcDir: string): Promise<RuntimeShape> {
  const parser = await loadRustParser();
  const shape: RuntimeShape = { pallets: [], impls: new Map(), apis: new Map(), txExtensions: [] };
  for (const file of rustFiles(srcDir)) {
    const parsed = parser.parseFile(readFileSync(file, 'utf8'));
    try {
      readFile(parsed, path.relative(srcDir, file), shape);
    } finally {
      parsed.delete();
    }
  }
  return shape;
}


function readFile(file: RustFile, name: string, shape: RuntimeShape): void {
  const trees: { root: Node; body: MacroBody | null }[] = [
    { root: file.tree.rootNode, body: null },
    ...file.macros.map((body) => ({ root: body.tree.rootNode, body })),
  ];
  for (const { root, body } of trees) {
    for (const impl of root.descendantsOfType('impl_item')) {
      if (!impl) continue;
      const traitNode = impl.childForFieldName('trait');
      const typeNode = impl.childForFieldName('type');
      if (!traitNode || !typeNode) continue;
      const traitPath = normalisePath(file.nodeText(traitNode, body));
      // Runtime APIs: the impls at the top of an `impl_runtime_apis!` body.
      if (body?.name === 'impl_runtime_apis' && impl.parent?.id === root.id) {
        const fns = new Map<string, string>();
        for (const fn of impl.childForFieldName('body')?.namedChildren ?? []) {
          if (fn?.type !== 'function_item') continue;
          const params = fn.childForFieldName('parameters');
          const ret = fn.childForFieldName('return_type');
          const signature = `${params ? file.nodeText(params, body) : '()'}${ret ? `->${file.nodeText(ret, body)}` : ''}`;
          fns.set(fn.childForFieldName('name')!.text, signature.replace(/\s+/g, '').replace(/,\)/g, ')').replace(/\bpolkadot_sdk::/g, ''));
        }
        shape.apis.set(traitPath, fns);
        continue;
      }
      const key = `${traitPath} for ${stripGenerics(file.nodeText(typeNode, body))}`;
      const entry = shape.impls.get(key) ?? { key, items: new Map(), values: new Map(), file: name };
      const list = impl.childForFieldName('body');
      for (const child of list?.namedChildren ?? []) {
        if (!child || (child.type !== 'type_item' && child.type !== 'const_item')) continue;
        const itemName = child.childForFieldName('name')?.text;
        if (!itemName) continue;
        entry.items.set(itemName, [...(entry.items.get(itemName) ?? []), ...cfgsBefore(child, file, body)]);
        const value = child.childForFieldName(child.type === 'type_item' ? 'type' : 'value');
        if (value) entry.values.set(itemName, file.nodeText(value, body).replace(/\s+/g, ''));
      }
      shape.impls.set(key, entry);
    }
    for (const mod of root.descendantsOfType('mod_item')) {
      if (mod && isRuntimeModule(mod, file, body)) shape.pallets.push(...palletsOf(mod, file, body));
    }
    for (const alias of root.descendantsOfType('type_item')) {
      if (alias?.childForFieldName('name')?.text !== 'TxExtension') continue;
      const text = file.nodeText(alias.childForFieldName('type')!, body);
      shape.txExtensions = [...text.matchAll(/(\w+)\s*<\s*Runtime\s*[,>]/g)].map((m) => m[1]!);
    }
  }
}

/** A `#[frame_support::runtime]` module. */
function isRuntimeModule(mod: Node, file: RustFile, body: MacroBody | null): boolean {
  for (let p = mod.previousSibling; p?.type === 'attribute_item'; p = p.previousSibling) {
    if (/^#\s*\[\s*(frame_support::)?runtime\s*\]$/.test(file.nodeText(p, body))) return true;
  }
  return false;
}

function palletsOf(mod: Node, file: RustFile, body: MacroBody | null): RuntimePallet[] {
  const out: RuntimePallet[] = [];
  for (const item of mod.childForFieldName('body')?.namedChildren ?? []) {
    if (item?.type !== 'type_item') continue;
    let index: number | null = null;
    for (let p = item.previousSibling; p?.type === 'attribute_item'; p = p.previousSibling) {
      const m = /pallet_index\s*\(\s*(\d+)\s*\)/.exec(file.nodeText(p, body));
      if (m) index = Number(m[1]);
    }
    const pallet = normalisePath(file.nodeText(item.childForFieldName('type')!, body).replace(/::Pallet\s*<[^>]*>$/, ''));
    out.push({ name: item.childForFieldName('name')!.text, index, pallet: pallet.split('::').pop()! });
  }
  return out;
}

function cfgsBefore(node: Node, file: RustFile, body: MacroBody | null): string[] {
  const out: string[] = [];
  for (let p = node.previousSibling; p && (p.type === 'attribute_item' || p.type === 'line_comment'); p = p.previousSibling) {
    const m = /^#\s*\[\s*cfg\s*\(([\s\S]*)\)\s*\]$/.exec(file.nodeText(p, body));
    if (m) out.push(m[1]!.replace(/\s+/g, ' ').trim());
  }
  return out;
}

function stripGenerics(text: string): string {
  let out = '';
  let depth = 0;
  for (const ch of text) {
    if (ch === '<') depth++;
    else if (ch === '>') depth--;
    else if (depth === 0) out += ch;
  }
  return out.replace(/\s+/g, '');
}

/** `polkadot_sdk::staging_xcm_executor::Config<..>` → `xcm_executor::Config`. */
export function normalisePath(text: string): string {
  const segments = stripGenerics(text)
    .split('::')
    .filter((s) => s !== '' && s !== 'crate' && s !== 'polkadot_sdk')
    .map((s) => ALIASES[s] ?? s);
  return segments.slice(-2).join('::');
}
