// How each node step (2.1–2.6) is judged on the facts node-facts.ts gathered: one judge per step,
// with file:line evidence, the fix, and the facts upgrade edits.

import { compiledOut } from '../analysis/cfg.js';
import { Evaluator, intOf } from '../analysis/evaluate.js';
import { cliArgument, collatorServices, enclosingFunction, isClone, type CollatorKind, type NodeFacts } from '../analysis/node-facts.js';
import { lineOfLoc, type Loc } from '../analysis/scope.js';
import type { Node } from '../rust/parser.js';
import { at as atLoc, atNode, spanOf, spanOfNode, textOf, Verdicts, type Evidence } from './evidence.js';
import type { FactFinding, Finding } from './findings.js';
import type { SnippetContext } from './snippets.js';
import { GUIDE_STEPS, type NodeStepId } from './steps.js';

type Located = { loc: Loc } | undefined;
type Params = NodeFacts['params'][number];

interface Context {
  facts: NodeFacts;
  v: Verdicts;
  /** The collator set up: a lookahead (or slot-based) one if any, else the first found. */
  params: Params | undefined;
  run: NodeFacts['runs'][number] | undefined;
  imp: NodeFacts['collatorImports'][number] | undefined;
  /** Where the collator is set up, for failures with no place of their own. */
  service: Located;
}

const NODE_JUDGES: Record<NodeStepId, (c: Context) => Finding> = {
  '2.1': judgeValidationCode,
  '2.2': judgeSpawnTasks,
  '2.3': judgeStartConsensus,
  '2.4': judgeCollatorImport,
  '2.5': judgeCollatorParams,
  '2.6': judgeCollatorRun,
};

const NODE_STEP_IDS = GUIDE_STEPS.filter((s) => s.side === 'node').map((s) => s.id);

/** Lookahead and slot-based collators are the async-backing ones. */
const asyncKind = (k: CollatorKind) => k === 'lookahead' || k === 'slot_based';

function at(found: Located): Evidence {
  return atLoc(found?.loc);
}

export function nodeNotApplicable(message: string): Finding[] {
  return NODE_STEP_IDS.map((id) => ({ id, status: 'n/a' as const, file: null, line: null, message, fix: null, facts: [] }));
}

/**
 * Every node step, in guide order, over each collator service of the node (see
 * `collatorServices`): a step passes when it passes in every one of them.
 */
export function judgeNode(facts: NodeFacts, snippets: SnippetContext): Finding[] {
  const hasCollator = facts.params.length > 0 || facts.runs.length > 0 || facts.collatorImports.length > 0;
  if (!hasCollator && facts.omniNodeLib) {
    return nodeNotApplicable(`${facts.crate.manifestRel}: the node is built on polkadot-omni-node-lib, which starts the Aura lookahead collator itself.`);
  }
  const services = collatorServices(facts);
  const judged = services.map((service) => judgeService(service.facts, snippets));
  if (judged.length === 1) return judged[0]!;
  const files = services.map((s) => s.file).join(', ');
  return judged[0]!.map((first, i) => {
    const all = judged.map((findings) => findings[i]!);
    const worst = all.find((f) => f.status === 'fail') ?? all.find((f) => f.status === 'unknown') ?? first;
    return { ...worst, message: `${worst.message} (collator services judged: ${files}.)`, facts: all.flatMap((f) => f.facts) };
  });
}

function judgeService(facts: NodeFacts, snippets: SnippetContext): Finding[] {
  const params = facts.params.find((p) => asyncKind(p.kind)) ?? facts.params[0];
  const run = facts.runs.find((r) => asyncKind(r.kind)) ?? facts.runs[0];
  const imp = facts.collatorImports.find((i) => asyncKind(i.kind)) ?? facts.collatorImports[0];
  const legacyNote =
    facts.legacy && !params && !run
      ? ` The node still builds the older AuraConsensus (${facts.legacy.loc.file.rel}:${lineOfLoc(facts.legacy.loc)}), from before the basic and lookahead collators; phase 2 replaces it with the lookahead collator.`
      : '';
  const gatedNote =
    facts.gatedAsync.length > 0
      ? ` (The lookahead collator code is behind #[cfg(${facts.gatedAsync.join(')], #[cfg(')})], which the default features of ${facts.crate.manifestRel} leave off; check judges the default build.)`
      : '';
  const c: Context = {
    facts,
    v: new NodeVerdicts(snippets, { file: facts.crate.manifestRel, line: null }, legacyNote + gatedNote),
    params,
    run,
    imp,
    service: params ?? run ?? imp ?? facts.legacy ?? undefined,
  };
  return Object.values(NODE_JUDGES).map((judge) => judge(c));
}

/** Failures of node steps carry the note on why the default build has no lookahead collator. */
class NodeVerdicts extends Verdicts {
  constructor(
    snippets: SnippetContext,
    fallback: Evidence,
    private readonly note: string,
  ) {
    super(snippets, fallback);
  }

  override fail(id: NodeStepId, e: Evidence, message: string, facts: FactFinding[] = [], overrides: Partial<SnippetContext> = {}): Finding {
    return super.fail(id, e, message + this.note, facts, overrides);
  }
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}

function within(found: Located) {
  return spanOf(found?.loc);
}

function judgeValidationCode(c: Context): Finding {
  const vc = c.facts.validationCode[0];
  const target = { value: 'cumulus_primitives_core::relay_chain::ValidationCode' };
  const found: FactFinding[] = [{ fact: 'validationCodeImport', at: spanOf(vc?.loc), within: vc ? null : within(c.service), current: vc ? textOf(vc.loc) : null, target }];
  if (vc) return c.v.pass('2.1', at(vc), vc.node.type === 'use_declaration' ? 'ValidationCode is imported for the code hash provider.' : `ValidationCode is used by full path (${oneLine(vc.node.text)}).`, found);
  // What ValidationCode is for: the collator's code hash provider, however it computes the hash.
  const provider = c.params && asyncKind(c.params.kind) ? c.params.fields.get('code_hash_provider') : undefined;
  if (provider && c.params) return c.v.pass('2.1', atNode(c.params.loc, provider), `the code hash provider is set without ValidationCode (\`${oneLine(provider.text)}\`).`, found);
  return c.v.fail('2.1', at(c.service), 'ValidationCode (cumulus_primitives_core::relay_chain::ValidationCode) is not imported or used.', found);
}

function judgeSpawnTasks(c: Context): Finding {
  const spawn = c.facts.spawnTasks[0];
  const target = { value: 'backend.clone()' };
  const found: FactFinding[] = [
    { fact: 'spawnTasksBackend', at: spawn ? spanOfNode(spawn.loc, spawn.backend) : null, within: spawn ? spanOf(spawn.loc) : within(c.service), current: spawn?.backend ? textOf({ ...spawn.loc, node: spawn.backend }) : null, target },
  ];
  if (!spawn) return c.v.fail('2.2', at(c.service), 'no sc_service::spawn_tasks call found.', found);
  if (!spawn.backend) return c.v.fail('2.2', at(spawn), 'sc_service::spawn_tasks gets no backend field.', found);
  if (isClone(spawn.backend)) return c.v.pass('2.2', atNode(spawn.loc, spawn.backend), `spawn_tasks gets a clone of the backend (\`${spawn.backend.text}\`).`, found);
  return c.v.fail('2.2', atNode(spawn.loc, spawn.backend), `spawn_tasks takes \`backend: ${spawn.backend.text}\` itself; pass a clone so the collator can use the backend too.`, found);
}

function judgeStartConsensus(c: Context): Finding {
  const { params } = c;
  const target = { value: 'backend: Arc<ParachainBackend>' };
  if (!params) {
    const found: FactFinding[] = [{ fact: 'startConsensusBackend', at: null, within: within(c.service), current: null, target }];
    return c.v.fail('2.3', at(c.service), 'no collator parameters (AuraParams) found, so no consensus start to give the backend to.', found);
  }
  // A node that hands its consensus start to a generic builder as a closure
  // (`|client, backend, block_import, ..| { .. aura::run(Params { .. }) }`) gives it the backend
  // through the closure's parameters.
  const closureBackend = closureParameters(params.node).find((p) => /backend/i.test(p.text));
  if (closureBackend) {
    const found: FactFinding[] = [{ fact: 'startConsensusBackend', at: spanOfNode(params.loc, closureBackend), within: spanOfNode(params.loc, closureBackend.parent), current: closureBackend.text, target }];
    return c.v.pass('2.3', atNode(params.loc, closureBackend), `the closure that starts the collator takes the backend (\`${closureBackend.text}\`).`, found);
  }
  const fn = enclosingFunction(params.node);
  const fnName = fn?.childForFieldName('name')?.text ?? '?';
  const backendParam = fn?.childForFieldName('parameters')?.namedChildren.find((p): p is Node => p?.type === 'parameter' && /backend/i.test(p.text) && !compiledOut(params.module, p));
  const inline = fn && c.facts.spawnTasks.some((s) => enclosingFunction(s.node)?.id === fn.id);
  const found: FactFinding[] = [
    { fact: 'startConsensusBackend', at: spanOfNode(params.loc, backendParam), within: spanOfNode(params.loc, fn?.childForFieldName('parameters')), current: backendParam ? backendParam.text : inline ? 'backend (in scope)' : null, target },
  ];
  if (backendParam) return c.v.pass('2.3', atNode(params.loc, backendParam), `${fnName}() takes the backend (\`${backendParam.text}\`).`, found);
  if (inline) return c.v.pass('2.3', at(params), `the collator is started in ${fnName}(), which owns the backend.`, found);
  // `let StartConsensusParameters { backend, .. } = parameters;`: the backend comes in a struct of
  // parameters and reaches `para_backend` from there.
  const local = fn && boundBackend(fn, params.fields.get('para_backend') ?? null);
  if (local) return c.v.pass('2.3', atNode(params.loc, local), `${fnName}() gets the backend in its parameters (\`${local.text}\`, bound by a \`let\` pattern) and gives it to para_backend.`, found);
  return c.v.fail('2.3', fn ? atNode(params.loc, fn) : at(params), `${fnName}() does not take the backend; the lookahead collator needs it.`, found);
}

/** The binding in a `let` pattern of `fn` that the para_backend value starts from, if any. */
function boundBackend(fn: Node, value: Node | null): Node | null {
  const name = value ? /^[A-Za-z_]\w*/.exec(value.text)?.[0] : undefined;
  if (!name || !/backend/i.test(name)) return null;
  for (const decl of fn.descendantsOfType('let_declaration')) {
    const pattern = decl?.childForFieldName('pattern');
    const bound = pattern?.descendantsOfType(['identifier', 'shorthand_field_identifier']).find((n) => n?.text === name);
    if (bound) return bound;
  }
  return null;
}

/** The parameters of every closure around `node` inside its function, innermost first. */
function closureParameters(node: Node): Node[] {
  const out: Node[] = [];
  for (let p = node.parent; p && p.type !== 'function_item'; p = p.parent) {
    if (p.type === 'closure_expression') out.push(...(p.childForFieldName('parameters')?.namedChildren.filter((n): n is Node => !!n) ?? []));
  }
  return out;
}

function judgeCollatorImport(c: Context): Finding {
  const { imp, params } = c;
  const target = { value: 'cumulus_client_consensus_aura::collators::lookahead' };
  const found: FactFinding[] = [{ fact: 'collatorImport', at: spanOf(imp?.loc), within: imp ? null : within(c.service), current: imp?.path ?? null, target }];
  if (imp && asyncKind(imp.kind)) return c.v.pass('2.4', at(imp), `the ${imp.kind.replace('_', '-')} collator is imported (${imp.path}).`, found);
  if (params && asyncKind(params.kind) && params.typePath.includes('collators')) return c.v.pass('2.4', at(params), `the ${params.kind} collator's Params are used by full path (${params.typePath}).`, found);
  const run = c.run;
  if (run && asyncKind(run.kind)) return c.v.pass('2.4', at(run), `the ${run.kind.replace('_', '-')} collator is used by full path (${run.path}).`, found);
  return c.v.fail('2.4', at(imp ?? c.service), imp ? `the ${imp.kind} collator is imported (${imp.path}), not the lookahead collator.` : 'no Aura collator import found.', found);
}

/** The authoring duration the collator uses, in ms: evaluated, or a CLI flag's default. */
function authoringDuration(c: Context, params: Params, node: Node): { value?: bigint; from?: string; unknown?: string } {
  const value = intOf(new Evaluator().expr(params.module, node));
  if (value !== undefined) return { value };
  // `Duration::from_millis(cli.authoring_duration)`: a value from the command line.
  let unit = /from_secs\s*\(/.test(node.text) ? 1000n : /from_millis\s*\(/.test(node.text) ? 1n : undefined;
  // `cli.authoring_duration`, or a parameter of the same name passed down from the command line.
  for (const field of [node, ...node.descendantsOfType(['field_expression', 'identifier'])]) {
    const name = field?.type === 'field_expression' ? field.childForFieldName('field')?.text : field?.type === 'identifier' ? field.text : undefined;
    const arg = name ? cliArgument(c.facts, name) : undefined;
    if (!arg) continue;
    unit ??= arg.unit;
    const where = `${arg.loc.file.rel}:${lineOfLoc(arg.loc)}`;
    const literal = arg.defaultValue ? BigInt(arg.defaultValue.text.replace(/["_]/g, '')) : undefined;
    if (literal === undefined || unit === undefined) return { unknown: `authoring_duration comes from the command-line flag ${arg.flag} (${where}), with no default check can read: its value is set when the node starts` };
    return { value: literal * unit, from: `the default of the command-line flag ${arg.flag} (${where})` };
  }
  return { unknown: `authoring_duration \`${node.text}\` is computed when the node runs; check cannot tell its value` };
}

function judgeCollatorParams(c: Context): Finding {
  const { params } = c;
  const durationNode = params?.fields.get('authoring_duration');
  const read = params && durationNode ? authoringDuration(c, params, durationNode) : {};
  const duration = read.value;
  const field = (fact: FactFinding['fact'], name: string, target: FactFinding['target']): FactFinding => {
    const node = params?.fields.get(name);
    return { fact, at: params ? spanOfNode(params.loc, node) : null, within: within(params ?? c.service), current: node && params ? textOf({ ...params.loc, node }) : null, target };
  };
  const found: FactFinding[] = [
    { fact: 'collatorParams', at: spanOf(params?.loc), within: params ? null : within(c.service), current: params?.typePath ?? null, target: { value: 'cumulus_client_consensus_aura::collators::lookahead::Params' } },
    field('paraBackend', 'para_backend', { value: 'backend.clone()' }),
    field('codeHashProvider', 'code_hash_provider', { value: 'move |block_hash| client.code_at(block_hash).ok().map(|c| ValidationCode::from(c).hash())' }),
    { ...field('authoringDuration', 'authoring_duration', { value: 2000n, accepts: { min: 501n, max: 2000n } }), current: duration ?? (durationNode && params ? textOf({ ...params.loc, node: durationNode }) : null) },
  ];
  if (!params) return c.v.fail('2.5', at(c.service), 'no collator parameters (AuraParams) found.', found);
  const problems: string[] = [];
  if (!asyncKind(params.kind)) problems.push(`the parameters are ${params.kind === 'basic' ? 'BasicAuraParams' : `\`${params.typePath}\``}, not the lookahead collator's AuraParams`);
  if (!params.fields.has('para_backend')) problems.push('no para_backend');
  if (!params.fields.has('code_hash_provider')) problems.push('no code_hash_provider');
  if (!durationNode) problems.push('no authoring_duration');
  else if (duration !== undefined && duration > 2000n) problems.push(`authoring_duration is ${duration} ms: backers time out at 2 s and would reject the candidates`);
  else if (duration !== undefined && duration <= 500n) problems.push(`authoring_duration is ${duration} ms, the basic collator's; the guide raises it to 2000 ms`);
  const e = durationNode && problems.length <= 1 && (problems.length === 0 || problems[0]!.startsWith('authoring_duration')) ? atNode(params.loc, durationNode) : at(params);
  const source = read.from ? ` (${read.from})` : '';
  if (problems.length > 0) return c.v.fail('2.5', e, `${problems.join('; ')}${source}.`, found, { authoringMs: 2000 });
  if (read.unknown) return c.v.unknown('2.5', e, `AuraParams has para_backend and code_hash_provider; ${read.unknown}. The guide wants more than the basic collator's 500 ms and at most the backers' 2000 ms.`, found);
  // Between 500 and 2000 ms the duration is the team's to choose (hardware, block contents).
  const choice = duration !== 2000n ? ` That is the team's choice below the guide's 2000 ms: more than the basic collator's 500 ms and within the 2 s backers allow.` : '';
  return c.v.pass('2.5', e, `AuraParams has para_backend, code_hash_provider and authoring_duration ${duration} ms${source}.${choice}`, found);
}

function judgeCollatorRun(c: Context): Finding {
  const { run } = c;
  const found: FactFinding[] = [{ fact: 'collatorRun', at: spanOf(run?.loc), within: run ? null : within(c.service), current: run?.path ?? null, target: { value: 'cumulus_client_consensus_aura::collators::lookahead::run' } }];
  if (run && asyncKind(run.kind)) return c.v.pass('2.6', at(run), `the collator runs ${run.path}.`, found);
  return c.v.fail('2.6', at(run ?? c.service), run ? `the collator runs ${run.path}, not the lookahead collator's run.` : 'no Aura collator run call found.', found);
}
