// The node crate, read for the guide's phase-2 steps (2.1–2.6): which Aura collator it runs, the
// collator's parameters, `start_consensus` and `sc_service::spawn_tasks`.

import { dirname } from 'node:path';
import type { Node } from '../rust/parser.js';
import { attachedCfgs, compiledOut } from './cfg.js';
import { segments, targetPath, useBindings } from './name-resolution.js';
import type { Loc, Module, Target } from './scope.js';
import type { Crate } from './workspace.js';

export type CollatorKind = 'lookahead' | 'slot_based' | 'basic' | 'unknown';

interface Found {
  loc: Loc;
  module: Module;
  node: Node;
}

export interface NodeFacts {
  crate: Crate;
  /** Every module of the node crate (library and binary), for lookups such as CLI defaults. */
  modules: Module[];
  /** Service built on polkadot-omni-node-lib (no collator code of its own). */
  omniNodeLib: boolean;
  params: (Found & { kind: CollatorKind; typePath: string; fields: Map<string, Node> })[];
  runs: (Found & { kind: CollatorKind; path: string })[];
  collatorImports: (Found & { kind: CollatorKind; path: string })[];
  validationCode: Found[];
  spawnTasks: (Found & { backend: Node | null })[];
  startConsensusCalls: Found[];
  /** Lookahead/slot-based collator code compiled out under the default features: the cfgs. */
  gatedAsync: string[];
  /** The pre-2024 consensus API (`AuraConsensus::build`, `BuildAuraConsensusParams`). */
  legacy: Found | null;
}

/** Text markers of a crate that runs a Cumulus collator. */
export function looksLikeNode(crate: Crate, texts: Map<string, string>): boolean {
  const manifest = crate.manifestText;
  if (/polkadot-omni-node-lib/.test(manifest)) return true;
  for (const file of crate.rsFiles) {
    const text = texts.get(file) ?? '';
    if (/collators::(?:lookahead|basic|slot_based)|spawn_tasks|start_collator|start_consensus/.test(text)) return true;
  }
  return false;
}

export function analyzeNode(crate: Crate, roots: Module[]): NodeFacts {
  const facts: NodeFacts = {
    crate,
    modules: [],
    omniNodeLib: /polkadot-omni-node-lib|polkadot_omni_node_lib/.test(crate.manifestText),
    params: [],
    runs: [],
    collatorImports: [],
    validationCode: [],
    spawnTasks: [],
    startConsensusCalls: [],
    gatedAsync: [],
    legacy: null,
  };
  const gate = (module: Module, node: Node, kind: CollatorKind): boolean => {
    if (!compiledOut(module, node)) return false;
    if (kind === 'lookahead' || kind === 'slot_based') {
      for (let p: Node | null = node; p; p = p.parent) {
        const cfg = attachedCfgs(p).find((c) => !module.cfgHolds([c]));
        if (cfg) {
          if (!facts.gatedAsync.includes(cfg)) facts.gatedAsync.push(cfg);
          break;
        }
      }
    }
    return true;
  };
  const seen = new Set<string>();
  const modules = roots.flatMap((r) => r.allModules()).filter((m) => {
    const key = `${m.file.abs}#${m.container?.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  facts.modules = modules;
  for (const module of modules) {
    const container = module.container;
    if (!container) continue;
    const loc = (node: Node): Loc => ({ file: module.file, node, body: null });
    // Names a collator's `run` is imported under here (`use ..::lookahead::{run as run_aura}`).
    const runAliases = new Set<string>();
    // Imports, module-level and inside functions.
    for (const use of container.descendantsOfType('use_declaration')) {
      if (!use || !sameModule(use, container)) continue;
      const arg = use.childForFieldName('argument');
      if (!arg) continue;
      for (const [alias, path] of useBindings(arg, [])) {
        // Only imports that can be a collator or ValidationCode are resolved: resolving the others
        // would load the sources of every crate the node uses.
        const local = path[0] === 'crate' || path[0] === 'self' || path[0] === 'super' || !module.crate.deps.has(path[0]!);
        if (!local && !path.includes('collators') && path[path.length - 1] !== 'ValidationCode') continue;
        const full = resolveFull(module, path, use);
        const kind = collatorKind(full);
        if (gate(module, use, kind)) continue;
        if (alias === 'ValidationCode' || full[full.length - 1] === 'ValidationCode') facts.validationCode.push({ loc: loc(use), module, node: use });
        if (kind !== 'unknown') facts.collatorImports.push({ loc: loc(use), module, node: use, kind, path: full.join('::') });
        if (kind !== 'unknown' && full[full.length - 1] === 'run') runAliases.add(alias);
      }
      // `use ...::collators::lookahead::*`
      const text = use.text;
      const globKind = collatorKind(text.split('::').map((s) => s.trim()));
      if (/\*\s*;?\s*$/.test(text) && globKind !== 'unknown') facts.collatorImports.push({ loc: loc(use), module, node: use, kind: globKind, path: text });
    }
    // Fully qualified `ValidationCode` uses.
    for (const path of container.descendantsOfType(['scoped_identifier', 'scoped_type_identifier'])) {
      if (!path || !sameModule(path, container) || path.parent?.type === 'use_declaration' || insideUse(path)) continue;
      const segs = segments(path);
      if (segs[segs.length - 1] === 'ValidationCode' && segs.length > 1 && !compiledOut(module, path)) facts.validationCode.push({ loc: loc(path), module, node: path });
    }
    // The consensus API before the `collators` module (2023 templates).
    if (!facts.legacy) {
      const legacy = container
        .descendantsOfType(['scoped_identifier', 'type_identifier'])
        .find((n) => n && sameModule(n, container) && !compiledOut(module, n) && /^(?:AuraConsensus|BuildAuraConsensusParams)$/.test(segments(n).pop() ?? '') && !insideUse(n));
      if (legacy) facts.legacy = { loc: loc(legacy), module, node: legacy };
    }
    // Collator parameter structs: any struct literal with the collator's `relay_client` field.
    for (const lit of container.descendantsOfType('struct_expression')) {
      if (!lit || !sameModule(lit, container)) continue;
      const fields = structFields(lit, module);
      if (!fields.has('relay_client') && !(fields.has('para_client') && fields.has('collator_key'))) continue;
      const nameNode = lit.childForFieldName('name');
      const segs = segments(nameNode);
      const target = module.resolve(segs, lit);
      const full = fullPath(target, segs);
      let kind = collatorKind(full);
      if (kind === 'unknown') kind = /^Basic/.test(segs[segs.length - 1] ?? '') ? 'basic' : fields.has('para_backend') ? 'lookahead' : 'unknown';
      if (gate(module, lit, kind)) continue;
      facts.params.push({ loc: loc(lit), module, node: lit, kind, typePath: full.join('::'), fields });
    }
    for (const call of container.descendantsOfType('call_expression')) {
      if (!call || !sameModule(call, container)) continue;
      let f = call.childForFieldName('function');
      if (f?.type === 'generic_function') f = f.childForFieldName('function');
      if (!f) continue;
      const segs = segments(f);
      const name = segs[segs.length - 1];
      if ((name === 'run' && segs.length > 1) || (segs.length === 1 && name !== undefined && runAliases.has(name))) {
        const full = fullPath(module.resolve(segs, call), segs);
        const kind = collatorKind(full);
        if (gate(module, call, kind)) continue;
        if (kind !== 'unknown') facts.runs.push({ loc: loc(call), module, node: call, kind, path: full.join('::') });
      } else if (name === 'spawn_tasks') {
        if (compiledOut(module, call)) continue;
        const arg = call.childForFieldName('arguments')?.namedChildren.find((c) => c?.type === 'struct_expression');
        const backend = arg ? (structFields(arg, module).get('backend') ?? null) : null;
        facts.spawnTasks.push({ loc: loc(call), module, node: call, backend });
      } else if (name === 'start_consensus') {
        facts.startConsensusCalls.push({ loc: loc(call), module, node: call });
      }
    }
  }
  return facts;
}

/**
 * The collator services of a node crate: one per file that sets up a Cumulus collator (its
 * parameters or its run call), each with the facts of its own file, else of its folder, else of
 * the crate. A node with a dev or instant-seal service beside the collator, or one service file
 * per relay network, is judged on its collator services only; with none, the crate is one service.
 */
export function collatorServices(facts: NodeFacts): { file: string; facts: NodeFacts }[] {
  const files = [...new Set([...facts.params, ...facts.runs].filter((f) => f.kind !== 'unknown').map((f) => f.loc.file.abs))];
  if (files.length === 0) return [{ file: facts.crate.manifestRel, facts }];
  return files.map((file) => {
    const dir = dirname(file);
    const near = <T extends Found>(list: T[]): T[] => {
      const same = list.filter((f) => f.loc.file.abs === file);
      if (same.length > 0) return same;
      const sibling = list.filter((f) => dirname(f.loc.file.abs) === dir);
      return sibling.length > 0 ? sibling : list;
    };
    return {
      file: relOf(facts, file),
      facts: {
        ...facts,
        params: near(facts.params),
        runs: near(facts.runs),
        collatorImports: near(facts.collatorImports),
        validationCode: near(facts.validationCode),
        spawnTasks: near(facts.spawnTasks),
        startConsensusCalls: near(facts.startConsensusCalls),
      },
    };
  });
}

function relOf(facts: NodeFacts, abs: string): string {
  return [...facts.params, ...facts.runs].find((f) => f.loc.file.abs === abs)?.loc.file.rel ?? abs;
}

/**
 * A value the node takes from its command line: the field `name` of a clap struct
 * (`#[arg(long, default_value_t = 1500)] authoring_duration: u64`), with its default if it has one.
 */
export function cliArgument(facts: NodeFacts, name: string): { loc: Loc; flag: string; defaultValue: Node | null; module: Module; unit?: bigint } | undefined {
  for (const module of facts.modules) {
    for (const field of module.container?.descendantsOfType('field_declaration') ?? []) {
      if (!field || field.childForFieldName('name')?.text !== name) continue;
      const attrs: string[] = [];
      for (let p = field.previousNamedSibling; p?.type === 'attribute_item'; p = p.previousNamedSibling) attrs.push(p.text);
      const arg = attrs.find((a) => /^#\[\s*(?:arg|clap|structopt)\s*\(/.test(a));
      if (!arg) continue;
      const long = /\blong\s*=\s*"([^"]+)"/.exec(arg)?.[1] ?? name.replace(/_/g, '-');
      // The default, as a literal the attribute holds: `default_value_t = 1500`, `default_value = "1500"`.
      const m = /\bdefault_value(?:_t)?\s*=\s*"?([0-9_]+)"?/.exec(arg);
      const attrNode = attrsNodes(field).find((n) => n.text === arg) ?? field;
      const literal = m ? attrNode.descendantsOfType('integer_literal').find((n) => n?.text === m[1]) ?? attrNode.descendantsOfType('string_literal').find((n) => n?.text === `"${m[1]}"`) ?? null : null;
      // A `Duration` field parsed by a function of the node (`value_parser = parse_ms`): its unit.
      const parser = /\bvalue_parser\s*=\s*([A-Za-z_][\w:]*)/.exec(arg)?.[1];
      const parserFn = parser ? module.resolve(parser.split('::'), field) : undefined;
      const body = parserFn?.kind === 'item' && parserFn.item.kind === 'fn' ? (parserFn.item.value?.text ?? '') : '';
      const unit = /from_secs\s*\(/.test(body) ? 1000n : /from_millis\s*\(/.test(body) ? 1n : undefined;
      return { loc: { file: module.file, node: field, body: null }, flag: `--${long}`, defaultValue: literal, module, ...(unit ? { unit } : {}) };
    }
  }
  return undefined;
}

function attrsNodes(field: Node): Node[] {
  const out: Node[] = [];
  for (let p = field.previousNamedSibling; p?.type === 'attribute_item'; p = p.previousNamedSibling) out.push(p);
  return out;
}

/** Whether a node belongs to `container`'s module (not to an inline module nested in it). */
function sameModule(node: Node, container: Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.id === container.id) return true;
    if (p.type === 'declaration_list' && p.parent?.type === 'mod_item') return false;
  }
  return false;
}

function insideUse(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'use_declaration') return true;
  return false;
}

function resolveFull(module: Module, path: string[], at: Node): string[] {
  return fullPath(module.resolve(path, at), path);
}

function fullPath(target: Target | undefined, fallback: string[]): string[] {
  if (target?.kind === 'external') return target.path;
  if (!target) return fallback;
  return targetPath(target).split('::');
}

function collatorKind(path: string[]): CollatorKind {
  const i = path.indexOf('collators');
  const kind = i >= 0 ? path[i + 1] : undefined;
  if (kind === 'lookahead' || kind === 'slot_based' || kind === 'basic') return kind;
  return 'unknown';
}

/** Field name → value node (`backend` for the shorthand `backend,`), fields compiled out skipped. */
function structFields(lit: Node, module: Module): Map<string, Node> {
  const fields = new Map<string, Node>();
  const body = lit.childForFieldName('body');
  for (const f of body?.namedChildren ?? []) {
    if (!f) continue;
    const cfgs = attachedCfgs(f);
    if (cfgs.length > 0 && !module.cfgHolds(cfgs)) continue;
    if (f.type === 'field_initializer') {
      const name = f.childForFieldName('field')?.text;
      const value = f.childForFieldName('value');
      if (name && value) fields.set(name, value);
    } else if (f.type === 'shorthand_field_initializer') {
      const id = f.namedChildren.find((c) => c?.type === 'identifier');
      if (id) fields.set(id.text, id);
    }
  }
  return fields;
}

export function enclosingFunction(node: Node): Node | null {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'function_item') return p;
  return null;
}

export function isClone(node: Node | null): boolean {
  if (!node) return false;
  const text = node.text.replace(/\s+/g, '');
  return /\.clone\(\)$/.test(text) || /^(?:Arc|std::sync::Arc|sync::Arc)::clone\(/.test(text);
}
