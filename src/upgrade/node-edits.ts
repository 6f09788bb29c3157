// The node steps (2.1–2.6) as edits: the basic Aura collator becomes the lookahead one where the
// node sets it up — the import, the parameters (para_backend, code_hash_provider, the authoring
// duration, the fields the release's lookahead Params has), `aura::run` with the release's type
// arguments, the backend passed into the consensus start and a clone to spawn_tasks — or, when
// the node's layout is not one upgrade recognises, manual steps with the code for the release.

import { enclosingFunction, type NodeFacts } from '../analysis/node-facts.js';
import { lineOfLoc, type Loc } from '../analysis/scope.js';
import { spanOfNode } from '../guide/evidence.js';
import type { Finding } from '../guide/findings.js';
import type { SnippetContext } from '../guide/snippets.js';
import { GUIDE_STEPS, type StepId } from '../guide/steps.js';
import { LOOKAHEAD_FIELDS_WITHOUT_DEFAULT } from '../profiles/release-edits.js';
import type { SdkReleaseInfo } from '../profiles/releases.js';
import type { Node, RustParser } from '../rust/parser.js';
import type { Changes } from './changes.js';
import { asLines, indentAt, lineEnd, lineStart, reindent, styleOf } from './edits.js';
import { SnippetParts } from './snippet-parts.js';

export interface NodeEditContext {
  node: NodeFacts;
  release: SdkReleaseInfo;
  findings: Map<string, Finding>;
  authoringMs: number;
  /** `--authoring-duration` given; otherwise a duration the guide accepts (over 500, at most 2000 ms) is the team's and stays. */
  authoringGiven?: boolean;
  snippets: SnippetContext;
  parser: RustParser;
  changes: Changes;
  /** Set when the node's bounds name AuraUnincludedSegmentApi: its Cargo.toml needs the crate. */
  needsPrimitivesAura: boolean;
}

const NODE_STEPS = GUIDE_STEPS.filter((s) => s.side === 'node').map((s) => s.id);

/** Every failing node step left to the team, each with its fix, at `loc`. */
function leaveAll(c: NodeEditContext, loc: Loc | null, reason: string): void {
  for (const id of NODE_STEPS) {
    const f = c.findings.get(id);
    if (f?.status !== 'fail') continue;
    c.changes.leave(id, loc?.file.rel ?? f.file, loc ? lineOfLoc(loc) : f.line, reason, f.fix);
  }
}

export function planNode(c: NodeEditContext): void {
  const { node } = c;
  if (!NODE_STEPS.some((id) => c.findings.get(id)?.status === 'fail') && !c.authoringGiven) return;
  const params = node.params.find((p) => p.kind === 'basic' || p.kind === 'lookahead');
  if (!params && node.legacy) {
    leaveAll(c, node.legacy.loc, 'the node still starts the pre-collator AuraConsensus (BuildAuraConsensusParams); moving it to the lookahead collator rewrites its whole consensus start, which upgrade leaves to the team: replace it with the code below for this release.');
    return;
  }
  if (!params) {
    leaveAll(c, node.runs[0]?.loc ?? null, 'upgrade does not recognise how this node sets up its collator (no Aura collator parameters found); apply the code below by hand.');
    return;
  }
  const unknown = NODE_STEPS.filter((id) => c.findings.get(id)?.status === 'unknown');
  for (const id of unknown) c.changes.leave(id, params.loc.file.rel, lineOfLoc(params.loc), `check cannot judge step ${id} here (${c.findings.get(id)?.message}); check it by hand.`, null);
  // Each service file that sets up a collator (one per relay network, a shell and a full
  // node, ..) is moved on its own, with the facts of that file.
  const files = [...new Set(node.params.filter((p) => p.kind === 'basic' || p.kind === 'lookahead').map((p) => p.loc.file))];
  for (const file of files) {
    const here = <T extends { loc: Loc }>(list: T[]): T[] => list.filter((x) => x.loc.file === file);
    const scoped: NodeFacts = { ...node, params: here(node.params), runs: here(node.runs), collatorImports: here(node.collatorImports), validationCode: here(node.validationCode), spawnTasks: here(node.spawnTasks), startConsensusCalls: node.startConsensusCalls };
    planServiceFile({ ...c, node: scoped }, c);
  }
  // Every spawn_tasks of the node (a dev or instant-seal service too) gets a clone: cheap, and
  // what check asks of each.
  planSpawnTasks(c);
}

/** The node steps in one service file (`c.node` holds that file's facts); flags go to `out`. */
function planServiceFile(c: NodeEditContext, out: NodeEditContext): void {
  const { node } = c;
  const params = node.params.find((p) => p.kind === 'basic' || p.kind === 'lookahead')!;
  const file = params.loc.file;
  const basic = node.params.filter((p) => p.kind === 'basic');
  const runs = node.runs.filter((r) => r.kind === 'basic');
  // One entry per name a `use` binds: each declaration once.
  const imports = node.collatorImports.filter((i, k, all) => i.kind === 'basic' && all.findIndex((j) => j.node.id === i.node.id) === k);
  if (basic.length > 0 && runs.length === 0) {
    leaveAll(c, params.loc, `${file.rel} sets up the basic collator without a \`basic::run\` call upgrade can find; move it to the lookahead collator by hand.`);
    return;
  }
  const source = file.parsed?.source ?? '';
  const style = styleOf(source);
  const parts = new SnippetParts(c.parser, 'auraParams', { ...c.snippets, authoringMs: c.authoringMs }, true);
  try {
    const names = basic.length > 0 ? collatorNames(c, imports, basic, runs) : null;
    if (basic.length > 0 && !names) return;
    for (const p of basic) planParams(c, p, names!, parts, source, style);
    for (const r of runs) planRun(c, r, names!);
    if (names) planImport(c, imports, names);
    // Lookahead params already in place: only what a check step still misses.
    if (basic.length === 0) for (const p of node.params.filter((x) => x.kind === 'lookahead')) planParams(c, p, null, parts, source, style);
    planValidationCode(c, params.loc);
    planBounds(c);
    if (c.needsPrimitivesAura) out.needsPrimitivesAura = true;
  } finally {
    parts.delete();
  }
}

// ---------------------------------------------------------------------------------------------
// Names: `basic_aura` / `BasicAuraParams` become `aura` / `AuraParams` where they occur only at
// the places rewritten; else the import's path changes and the local names stay.

interface CollatorNames {
  /** The struct literal's new name (`AuraParams`, or as written). */
  params: (old: string) => string;
  run: (old: string) => string;
  /** The import's replacement: the whole declaration, or just the `basic` segment. */
  whole: boolean;
}

function collatorNames(c: NodeEditContext, imports: NodeFacts['collatorImports'], params: NodeFacts['params'], runs: NodeFacts['runs']): CollatorNames | null {
  const importParts = new SnippetParts(c.parser, 'importLookahead', c.snippets);
  try {
    const want = importParts.find('use_declaration');
    const wantText = want ? importParts.text(want) : '';
    const modAlias = /self as (\w+)/.exec(wantText)?.[1] ?? 'aura';
    const paramsAlias = /Params as (\w+)/.exec(wantText)?.[1] ?? 'AuraParams';
    const aliases = new Set<string>();
    for (const i of imports) for (const m of i.node.text.matchAll(/\bas\s+(\w+)/g)) aliases.add(m[1]!);
    // Occurrences as names in the code (not in strings or longer paths).
    const idents = new Map<string, number>();
    for (const n of params[0]?.loc.file.parsed?.tree.rootNode.descendantsOfType(['identifier', 'type_identifier']) ?? []) if (n) idents.set(n.text, (idents.get(n.text) ?? 0) + 1);
    const count = (name: string) => idents.get(name) ?? 0;
    // Each alias occurs once per import and once per rewritten site.
    const sites = (name: string) =>
      imports.reduce((n, i) => n + (i.node.text.match(new RegExp(`\\b${name}\\b`, 'g'))?.length ?? 0), 0) +
      params.filter((p) => new RegExp(`\\b${name}\\b`).test(p.node.childForFieldName('name')?.text ?? '')).length +
      runs.filter((r) => new RegExp(`\\b${name}\\b`).test(r.node.childForFieldName('function')?.text ?? '')).length;
    const free = (name: string) => count(name) === 0;
    const whole = imports.length === 1 && imports[0]!.node.parent?.type === 'source_file' || imports.length === 1 && imports[0]!.node.parent?.type === 'block';
    const renamable = whole && [...aliases].every((a) => count(a) === sites(a)) && (free(modAlias) || aliases.has(modAlias)) && (free(paramsAlias) || aliases.has(paramsAlias));
    const onlyBasicImport = imports.length === 1 && /collators::basic(\s*as\s+\w+|::\{[^}]*\})?\s*;\s*$/.test(imports[0]!.node.text);
    if (renamable && onlyBasicImport) {
      return {
        whole: true,
        params: () => paramsAlias,
        run: (old) => old.replace(/^.*?(?=run$)/, `${modAlias}::`),
      };
    }
    if (imports.length === 0) {
      // Full paths at the use sites: the `basic` segment changes there.
      return { whole: false, params: (old) => old.replace(/collators::basic::/, 'collators::lookahead::'), run: (old) => old.replace(/collators::basic::/, 'collators::lookahead::') };
    }
    return { whole: false, params: (old) => old, run: (old) => old };
  } finally {
    importParts.delete();
  }
}

function replaceIn(c: NodeEditContext, step: StepId, loc: Loc, node: Node, text: string): void {
  const span = spanOfNode(loc, node);
  if (span && text !== node.text) c.changes.edit(step, span.file, span.start, span.end, text);
}

function planImport(c: NodeEditContext, imports: NodeFacts['collatorImports'], names: CollatorNames): void {
  const parts = new SnippetParts(c.parser, 'importLookahead', c.snippets);
  try {
    const want = parts.find('use_declaration')!;
    for (const i of imports) {
      if (names.whole) replaceIn(c, '2.4', i.loc, i.node, parts.text(want));
      else {
        const seg = i.node.descendantsOfType('identifier').find((n) => n?.text === 'basic' && n.previousSibling?.text === '::');
        if (seg) replaceIn(c, '2.4', i.loc, seg, 'lookahead');
      }
    }
  } finally {
    parts.delete();
  }
}

// ---------------------------------------------------------------------------------------------
// 2.5 (and 2.3): the collator's parameters

type Params = NodeFacts['params'][number];

function planParams(c: NodeEditContext, p: Params, names: CollatorNames | null, parts: SnippetParts, source: string, style: ReturnType<typeof styleOf>): void {
  const fix = c.findings.get('2.5')?.fix ?? null;
  const nameNode = p.node.childForFieldName('name');
  if (names && nameNode) replaceIn(c, '2.5', p.loc, nameNode, names.params(nameNode.text));
  const body = p.node.childForFieldName('body');
  const fieldNodes = body?.namedChildren.filter((n): n is Node => n !== null && (n.type === 'field_initializer' || n.type === 'shorthand_field_initializer')) ?? [];
  const fieldName = (n: Node) => (n.type === 'field_initializer' ? n.childForFieldName('field')?.text : n.namedChildren.find((x) => x?.type === 'identifier')?.text) ?? '';
  const byName = new Map(fieldNodes.map((n) => [fieldName(n), n]));
  const wanted = c.release.caps.lookaheadParams;
  const indent = fieldNodes[0] ? indentAt(source, fieldNodes[0].startIndex) : indentAt(source, p.node.startIndex) + style.unit;
  const insertAfter = (after: Node | undefined, text: string, step: StepId) => {
    const anchor = after ?? fieldNodes[fieldNodes.length - 1];
    if (!anchor) return;
    const end = lineEnd(source, anchor.endIndex);
    c.changes.edit(step, p.loc.file.rel, end, end, asLines(reindent(text, indent, style), style));
  };

  // The para client, cloned: the code hash provider keeps the client.
  const clientField = byName.get('para_client');
  const clientValue = clientField?.type === 'field_initializer' ? clientField.childForFieldName('value') : clientField;
  const clientVar = clientValue ? /^(\w+)(\.clone\(\))?$/.exec(clientValue.text.replace(/\s+/g, '')) : null;
  if (!byName.has('code_hash_provider') && (!clientValue || !clientVar)) {
    c.changes.leave('2.5', p.loc.file.rel, lineOfLoc(p.loc), `para_client is \`${clientValue?.text ?? 'missing'}\`; upgrade needs a client variable to give the code hash provider: add it by hand.`, fix);
    return;
  }
  if (clientValue && clientVar && !clientVar[2] && !byName.has('code_hash_provider')) {
    if (clientField!.type === 'shorthand_field_initializer') replaceIn(c, '2.5', p.loc, clientField!, `para_client: ${clientVar[1]}.clone()`);
    else replaceIn(c, '2.5', p.loc, clientValue, `${clientVar[1]}.clone()`);
  }
  if (!byName.has('para_backend')) {
    const backend = backendFor(c, p, fix);
    if (backend === null) return;
    const field = parts.field('para_backend')!;
    insertAfter(clientField, parts.text(field).replace(/:\s*backend\b/, `: ${backend}`) + ',', '2.5');
  }
  if (!byName.has('code_hash_provider')) {
    let text = parts.textWithLeading(parts.field('code_hash_provider')!) + ',';
    if (clientVar && clientVar[1] !== 'client') text = text.replace(/\bclient\.code_at\b/, `${clientVar[1]}.code_at`);
    insertAfter(byName.get('relay_client') ?? clientField, text, '2.5');
  }
  // The authoring duration the team chose (the guide's 2000 ms by default).
  const duration = byName.get('authoring_duration');
  const value = duration?.type === 'field_initializer' ? duration.childForFieldName('value') : null;
  const lit = value?.descendantsOfType('integer_literal')[0];
  const wantDuration = parts.field('authoring_duration')!;
  if (value && lit && /from_millis/.test(value.text) && value.descendantsOfType('integer_literal').length === 1) {
    const ms = Number(lit.text.replace(/_|u\d+$/g, ''));
    const teamsChoice = !c.authoringGiven && ms > 500 && ms <= 2000;
    if (!teamsChoice && ms !== c.authoringMs) replaceIn(c, '2.5', p.loc, lit, String(c.authoringMs));
  } else if (value) {
    replaceIn(c, '2.5', p.loc, value, parts.text(wantDuration.childForFieldName('value')!));
  } else insertAfter(undefined, parts.text(wantDuration) + ',', '2.5');

  if (p.kind !== 'basic') return;
  // Fields the basic Params has and the release's lookahead Params does not.
  for (const [name, node] of byName) {
    if (wanted.includes(name)) continue;
    const start = lineStart(source, node.startIndex);
    const comma = /^\s*,/.exec(source.slice(node.endIndex));
    const end = node.endIndex + (comma ? comma[0].length : 0);
    const whole = source.slice(start, node.startIndex).trim() === '' && source.slice(end, lineEnd(source, end)).trim() === '';
    c.changes.edit('2.5', p.loc.file.rel, whole ? start : node.startIndex, whole ? lineEnd(source, end) : end, '');
  }
  // Fields the lookahead Params adds, with the values the generator writes.
  for (const name of wanted) {
    if (byName.has(name) || ['para_backend', 'code_hash_provider', 'authoring_duration', 'para_client'].includes(name)) continue;
    const field = parts.field(name);
    if (field) insertAfter(undefined, parts.text(field) + ',', '2.5');
    else if (LOOKAHEAD_FIELDS_WITHOUT_DEFAULT.includes(name)) {
      c.changes.leave('2.5', p.loc.file.rel, lineOfLoc(p.loc), `${c.release.id}'s lookahead collator needs \`${name}\`, whose value is the node's own (its network peer id); add the field by hand.`, fix);
    } else {
      c.changes.leave('2.5', p.loc.file.rel, lineOfLoc(p.loc), `${c.release.id}'s lookahead Params has a field \`${name}\` upgrade has no value for; add it by hand.`, fix);
    }
  }
}

/**
 * The expression the collator gets the backend from: the consensus start's own parameter (added
 * by step 2.3 when missing, and passed by every call), or a clone where the function owns it.
 */
function backendFor(c: NodeEditContext, p: Params, fix: string | null): string | null {
  const fn = enclosingFunction(p.node);
  if (!fn) {
    c.changes.leave('2.3', p.loc.file.rel, lineOfLoc(p.loc), 'the collator parameters are not inside a function upgrade can give the backend to.', c.findings.get('2.3')?.fix ?? fix);
    return null;
  }
  const paramsNode = fn.childForFieldName('parameters');
  const existing = paramsNode?.namedChildren.find((n) => n?.type === 'parameter' && /backend/i.test(n.childForFieldName('pattern')?.text ?? ''));
  if (existing) return existing.childForFieldName('pattern')!.text;
  const body = fn.childForFieldName('body')?.text ?? '';
  if (/\blet\s+(mut\s+)?backend\b/.test(body)) return 'backend.clone()';
  return addBackendParameter(c, fn, p.loc) ? 'backend' : null;
}

/** Step 2.3: `backend: Arc<…Backend>` after the client parameter, and the backend at every call. */
function addBackendParameter(c: NodeEditContext, fn: Node, loc: Loc): boolean {
  const fix = c.findings.get('2.3')?.fix ?? null;
  const source = loc.file.parsed?.source ?? '';
  const style = styleOf(source);
  const fnName = fn.childForFieldName('name')?.text ?? '';
  const params = fn.childForFieldName('parameters');
  const list = params?.namedChildren.filter((n): n is Node => n?.type === 'parameter') ?? [];
  const first = list[0];
  const backendType = backendTypeIn(source);
  if (!params || !first || !backendType) {
    c.changes.leave('2.3', loc.file.rel, lineOfLoc({ ...loc, node: fn }), `${fnName}() has no parameter to put the backend after, or upgrade cannot tell the backend's type in this file; add \`backend\` by hand.`, fix);
    return false;
  }
  const parts = new SnippetParts(c.parser, 'startConsensusBackend', c.snippets);
  try {
    const param = parts.find('parameter', (n) => n.childForFieldName('pattern')?.text === 'backend')!;
    const paramText = parts.text(param).replace(/Arc<\w+>/, `Arc<${backendType}>`);
    const multiline = source.slice(first.endIndex, params.endIndex).includes('\n');
    const span = spanOfNode(loc, first)!;
    const comma = /^\s*,/.exec(source.slice(first.endIndex))?.[0].length ?? 0;
    if (multiline) {
      const end = lineEnd(source, span.end + comma);
      c.changes.edit('2.3', loc.file.rel, end, end, asLines([indentAt(source, first.startIndex) + paramText + ','], style));
    } else c.changes.edit('2.3', loc.file.rel, span.end + comma, span.end + comma, ` ${paramText},`);
    // Every call: the backend after the client argument; a generic `FnOnce(..)` bound for the
    // function passed around gains the type at the same place.
    const callArg = parts.find('call_expression', (n) => n.childForFieldName('function')?.text === 'start_consensus')?.childForFieldName('arguments')?.namedChildren[1];
    const calls: { node: Node; loc: Loc; name: string }[] = c.node.startConsensusCalls
      .filter((call) => (call.node.childForFieldName('function')?.text ?? '') === fnName)
      .map((call) => ({ node: call.node, loc: call.loc, name: fnName }));
    // The function passed as a value (`start_node_impl(.., start_aura_consensus, ..)`): the
    // callee calls it through its parameter at that place.
    const root = loc.file.parsed?.tree.rootNode;
    for (const id of root?.descendantsOfType('identifier') ?? []) {
      if (id?.text !== fnName || id.parent?.type !== 'arguments' || id.parent.parent?.type !== 'call_expression') continue;
      const index = id.parent.namedChildren.filter((n) => n !== null && n.type !== 'line_comment').findIndex((n) => n!.id === id.id);
      let callee = id.parent.parent.childForFieldName('function');
      if (callee?.type === 'generic_function') callee = callee.childForFieldName('function');
      const calleeName = callee?.text.split('::').pop();
      for (const f of root!.descendantsOfType('function_item')) {
        if (!f || f.childForFieldName('name')?.text !== calleeName) continue;
        const param = f.childForFieldName('parameters')?.namedChildren.filter((n) => n?.type === 'parameter')[index];
        const name = param?.childForFieldName('pattern')?.text;
        if (!name) continue;
        for (const call of f.descendantsOfType('call_expression')) {
          if (call && call.childForFieldName('function')?.text === name) calls.push({ node: call, loc: { ...loc, node: call }, name });
        }
      }
    }
    for (const call of calls) {
      const args = call.node.childForFieldName('arguments');
      const argList = args?.namedChildren.filter((n): n is Node => n !== null && n.type !== 'line_comment') ?? [];
      const a0 = argList[0];
      const callSource = call.loc.file.parsed?.source ?? '';
      const caller = enclosingFunction(call.node);
      const callerText = caller?.text ?? '';
      if (!a0 || !args || !/\b(let\s+(mut\s+)?backend\b|backend\s*:)/.test(callerText)) {
        c.changes.leave('2.3', call.loc.file.rel, lineOfLoc(call.loc), `upgrade cannot find a \`backend\` to pass to this call of ${fnName}(); pass the parachain backend after the client.`, fix);
        continue;
      }
      const usedLater = caller ? /\bbackend\b/.test(callSource.slice(call.node.endIndex, caller.endIndex)) : true;
      const arg = (callArg?.text ?? 'backend') + (usedLater ? '.clone()' : '');
      const cs = spanOfNode(call.loc, a0)!;
      const acomma = /^\s*,/.exec(callSource.slice(a0.endIndex))?.[0].length ?? 0;
      if (callSource.slice(a0.endIndex, args.endIndex).includes('\n')) {
        const end = lineEnd(callSource, cs.end + acomma);
        c.changes.edit('2.3', call.loc.file.rel, end, end, asLines([indentAt(callSource, a0.startIndex) + arg + ','], styleOf(callSource)));
      } else c.changes.edit('2.3', call.loc.file.rel, cs.end + acomma, cs.end + acomma, ` ${arg},`);
      if (caller) addToFnBound(c, caller, call.loc, call.name, argList.length, backendType);
    }
    return true;
  } finally {
    parts.delete();
  }
}

/** `Arc<ParachainBackend>` as the file names it: its backend type alias, else TFullBackend<Block>. */
function backendTypeIn(source: string): string | null {
  const alias = /\btype\s+(\w*Backend\w*)\s*(<[^=]*>)?\s*=\s*[\w:]*TFullBackend\s*<[^;]*>\s*;/.exec(source);
  if (alias && !alias[2]) return alias[1]!;
  const full = /\b(?:sc_service::)?TFullBackend\s*<\s*Block\s*>/.exec(source);
  return full ? full[0].replace(/\s+/g, '') : null;
}

/** In a function taking the consensus start as a generic `SC: FnOnce(A, B, ..)`, adds the backend type after A. */
function addToFnBound(c: NodeEditContext, caller: Node, loc: Loc, paramName: string, arity: number, backendType: string): void {
  const callerParams = caller.childForFieldName('parameters')?.namedChildren ?? [];
  const param = callerParams.find((n) => n?.type === 'parameter' && n.childForFieldName('pattern')?.text === paramName);
  const typeName = param?.childForFieldName('type')?.text;
  if (!typeName || !/^\w+$/.test(typeName)) return;
  const source = loc.file.parsed?.source ?? '';
  for (const fnType of caller.descendantsOfType('function_type')) {
    if (!fnType) continue;
    const pred = fnType.parent?.parent;
    const bounded = pred?.type === 'where_predicate' ? pred.childForFieldName('left')?.text : pred?.type === 'constrained_type_parameter' ? pred.childForFieldName('left')?.text : undefined;
    if (bounded !== typeName) continue;
    const ps = fnType.childForFieldName('parameters');
    const types = ps?.namedChildren.filter((n): n is Node => n !== null && n.type !== 'line_comment') ?? [];
    if (!ps || types.length !== arity || !types[0]) continue;
    const first = types[0];
    const comma = /^\s*,/.exec(source.slice(first.endIndex))?.[0].length ?? 0;
    const span = spanOfNode(loc, first)!;
    if (source.slice(first.endIndex, ps.endIndex).includes('\n')) {
      const end = lineEnd(source, span.end + comma);
      c.changes.edit('2.3', loc.file.rel, end, end, asLines([`${indentAt(source, first.startIndex)}Arc<${backendType}>,`], styleOf(source)));
    } else c.changes.edit('2.3', loc.file.rel, span.end + comma, span.end + comma, ` Arc<${backendType}>,`);
  }
}

// ---------------------------------------------------------------------------------------------
// 2.6: aura::run with the release's type arguments

function planRun(c: NodeEditContext, r: NodeFacts['runs'][number], names: CollatorNames): void {
  let f = r.node.childForFieldName('function');
  const generic = f?.type === 'generic_function' ? f : null;
  if (generic) f = generic.childForFieldName('function');
  if (!f) return;
  replaceIn(c, '2.6', r.loc, f, names.run(f.text));
  const args = generic?.childForFieldName('type_arguments');
  const given = args?.namedChildren.filter((n): n is Node => n !== null) ?? [];
  if (!args || given.length < 2) return;
  const want = `<${given[0]!.text}, ${given[1]!.text}${c.snippets.auraRunHoles.map((h) => `, ${h}`).join('')}>`;
  replaceIn(c, '2.6', r.loc, args, want);
}

// ---------------------------------------------------------------------------------------------
// 2.2: spawn_tasks gets a clone of the backend

function planSpawnTasks(c: NodeEditContext): void {
  if (c.findings.get('2.2')?.status !== 'fail') return;
  for (const spawn of c.node.spawnTasks) {
    const b = spawn.backend;
    if (!b) {
      c.changes.leave('2.2', spawn.loc.file.rel, lineOfLoc(spawn.loc), 'sc_service::spawn_tasks gets no backend field upgrade can find.', c.findings.get('2.2')?.fix ?? null);
      continue;
    }
    if (/\.clone\(\)$/.test(b.text)) continue;
    if (b.parent?.type === 'shorthand_field_initializer') replaceIn(c, '2.2', spawn.loc, b.parent, `backend: ${b.text}.clone()`);
    else if (b.type === 'identifier' && b.parent?.type !== 'field_initializer') replaceIn(c, '2.2', spawn.loc, b, `backend: ${b.text}.clone()`);
    else replaceIn(c, '2.2', spawn.loc, b, `${b.text}.clone()`);
  }
}

// ---------------------------------------------------------------------------------------------
// 2.1: ValidationCode, for the code hash provider

function planValidationCode(c: NodeEditContext, at: Loc): void {
  if (c.node.validationCode.length > 0) return;
  const fix = c.findings.get('2.1')?.fix ?? null;
  const deps = [...c.node.crate.deps.values()];
  if (!deps.some((d) => d.pkg === 'cumulus-primitives-core')) {
    c.changes.leave('2.1', at.file.rel, null, `${c.node.crate.manifestRel} does not depend on cumulus-primitives-core, which re-exports ValidationCode; import it from where the node gets relay chain primitives.`, fix);
    return;
  }
  const root = at.file.parsed?.tree.rootNode;
  const source = at.file.parsed?.source ?? '';
  if (!root) return;
  const uses = root.namedChildren.filter((n): n is Node => n?.type === 'use_declaration');
  const core = uses.find((u) => /^use\s+cumulus_primitives_core::/.test(u.text));
  const fileLoc = (node: Node): Loc => ({ file: at.file, node, body: null });
  if (core) {
    const arg = core.childForFieldName('argument');
    if (!arg) return;
    const text = arg.text;
    // `relay_chain::CollatorPair` (alone or in a list) → `relay_chain::{CollatorPair, ValidationCode}`.
    const inner = arg.descendantsOfType(['scoped_identifier', 'scoped_use_list']).find((n) => n?.childForFieldName('path')?.text === 'relay_chain' || n?.childForFieldName('path')?.text === 'cumulus_primitives_core::relay_chain');
    if (inner?.type === 'scoped_identifier') {
      const name = inner.childForFieldName('name')!.text;
      const sorted = [name, 'ValidationCode'].sort((a, b) => a.localeCompare(b));
      const grouped = `${inner.childForFieldName('path')!.text}::{${sorted.join(', ')}}`;
      const list = arg.type === 'scoped_use_list' ? arg.childForFieldName('list') : null;
      if (!list) {
        replaceIn(c, '2.1', fileLoc(inner), inner, grouped);
        return;
      }
      // A group inside the list: one item a line, as rustfmt (and the guide's fix) writes it.
      const style = styleOf(source);
      const indent = indentAt(source, core.startIndex);
      const items = list.namedChildren.filter((n): n is Node => n !== null).map((n) => (n.id === inner.id ? grouped : n.text));
      replaceIn(c, '2.1', fileLoc(list), list, `{${style.eol}${items.map((i) => `${indent}${style.unit}${i},`).join(style.eol)}${style.eol}${indent}}`);
      return;
    }
    if (inner?.type === 'scoped_use_list') {
      const list = inner.childForFieldName('list');
      const items = list?.namedChildren.filter((n): n is Node => n !== null).map((n) => n.text) ?? [];
      if (list) replaceIn(c, '2.1', fileLoc(list), list, `{${[...items, 'ValidationCode'].sort((a, b) => a.localeCompare(b)).join(', ')}}`);
      return;
    }
    if (arg.type === 'scoped_use_list') {
      const list = arg.childForFieldName('list');
      if (list && list.text.startsWith('{')) {
        const first = list.namedChildren.find((n) => n !== null);
        if (first) c.changes.edit('2.1', at.file.rel, first.startIndex, first.startIndex, 'relay_chain::ValidationCode, ');
        return;
      }
    }
    if (arg.type === 'scoped_identifier' && arg.childForFieldName('path')?.text === 'cumulus_primitives_core') {
      replaceIn(c, '2.1', fileLoc(arg), arg, `cumulus_primitives_core::{relay_chain::ValidationCode, ${arg.childForFieldName('name')!.text}}`);
      return;
    }
    if (!text) return;
  }
  // No import of cumulus_primitives_core to extend: a new one, in order among the file's imports.
  const line = 'use cumulus_primitives_core::relay_chain::ValidationCode;';
  const style = styleOf(source);
  const after = [...uses].reverse().find((u) => u.text.localeCompare(line) < 0 && u.parent?.type === 'source_file');
  const before = uses.find((u) => u.text.localeCompare(line) > 0);
  const anchor = after ?? before;
  if (!anchor) {
    c.changes.leave('2.1', at.file.rel, 1, 'the file has no imports to put ValidationCode beside.', fix);
    return;
  }
  const pos = after ? lineEnd(source, after.endIndex) : lineStart(source, before!.startIndex);
  c.changes.edit('2.1', at.file.rel, pos, pos, line + style.eol);
}

// ---------------------------------------------------------------------------------------------
// The runtime API bound the lookahead collator's `run` requires, where a generic node names its
// runtime's APIs (`RuntimeApi::RuntimeApi: .. + CollectCollationInfo<Block> + ..`).

function planBounds(c: NodeEditContext): void {
  const parts = new SnippetParts(c.parser, 'unincludedSegmentApi', c.snippets);
  try {
    const bound = parts.find('impl_item')?.childForFieldName('trait');
    if (!bound) return;
    const seen = new Set<string>();
    for (const item of [...c.node.params, ...c.node.runs, ...c.node.spawnTasks]) {
      const file = item.loc.file;
      if (seen.has(file.abs) || !file.parsed) continue;
      seen.add(file.abs);
      const source = file.parsed.source;
      if (!/CollectCollationInfo/.test(source)) continue;
      const style = styleOf(source);
      for (const bounds of file.parsed.tree.rootNode.descendantsOfType('trait_bounds')) {
        if (!bounds) continue;
        const types = bounds.namedChildren.filter((n): n is Node => n !== null);
        const collect = types.find((t) => /CollectCollationInfo\s*<\s*Block\s*>$/.test(t.text));
        if (!collect || types.some((t) => /AuraUnincludedSegmentApi/.test(t.text))) continue;
        const imported = /\buse\s+cumulus_primitives_aura::AuraUnincludedSegmentApi\s*;/.test(source);
        const name = imported ? 'AuraUnincludedSegmentApi<Block>' : parts.text(bound);
        const multiline = source.slice(types[0]!.startIndex, bounds.endIndex).includes('\n');
        const rest = source.slice(collect.endIndex, lineEnd(source, collect.endIndex)).trim();
        if (multiline && rest === '') {
          const end = lineEnd(source, collect.endIndex);
          c.changes.edit('2.6', file.rel, end, end, asLines([`${indentAt(source, collect.startIndex)}+ ${name}`], style));
        } else if (multiline) {
          // The last bound, its predicate's comma after it: the new bound goes before the comma.
          c.changes.edit('2.6', file.rel, collect.endIndex, collect.endIndex, `${style.eol}${indentAt(source, collect.startIndex)}+ ${name}`);
        } else c.changes.edit('2.6', file.rel, collect.endIndex, collect.endIndex, ` + ${name}`);
        c.needsPrimitivesAura = true;
      }
    }
  } finally {
    parts.delete();
  }
}
