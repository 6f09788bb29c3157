// Judging the node's phase-2 steps (2.1–2.6) on the facts node-facts.ts gathered, with
// file:line evidence and the snippet that fixes each failure.

import type { Node } from '../rust/parser.js';
import { compiledOut } from '../analysis/cfg.js';
import { Evaluator, intOf } from '../analysis/evaluate.js';
import { enclosingFunction, isClone, type CollatorKind, type NodeFacts } from '../analysis/node-facts.js';
import { lineOfLoc, type Loc } from '../analysis/scope.js';
import { renderSnippet, type SnippetContext, type SnippetName } from './snippets.js';
import type { StepResult } from './steps.js';


type Evidence = { file: string | null; line: number | null };

function at(found: { loc: Loc } | undefined): Evidence {
  return found ? { file: found.loc.file.rel, line: lineOfLoc(found.loc) } : { file: null, line: null };
}

function atNode(found: { loc: Loc }, node: Node): Evidence {
  return { file: found.loc.file.rel, line: lineOfLoc({ ...found.loc, node }) };
}

const NODE_STEPS = ['2.1', '2.2', '2.3', '2.4', '2.5', '2.6'];

export function nodeNotApplicable(message: string): StepResult[] {
  return NODE_STEPS.map((id) => ({ id, status: 'n/a', file: null, line: null, message, fix: null }));
}

export function judgeNode(facts: NodeFacts, snippets: SnippetContext): StepResult[] {
  const hasCollator = facts.params.length > 0 || facts.runs.length > 0 || facts.collatorImports.length > 0;
  if (!hasCollator && facts.omniNodeLib) {
    return nodeNotApplicable(`${facts.crate.manifestRel}: the node is built on polkadot-omni-node-lib, which starts the Aura lookahead collator itself.`);
  }
  const crateEvidence: Evidence = { file: facts.crate.manifestRel, line: null };
  const legacyNote = facts.legacy
    ? ` The node still builds the older AuraConsensus (${facts.legacy.loc.file.rel}:${lineOfLoc(facts.legacy.loc)}), from before the basic and lookahead collators; phase 2 replaces it with the lookahead collator.`
    : '';
  const gatedNote =
    facts.gatedAsync.length > 0
      ? ` (The lookahead collator code is behind #[cfg(${facts.gatedAsync.join(')], #[cfg(')})], which the default features of ${facts.crate.manifestRel} leave off; check judges the default build.)`
      : '';
  const results: StepResult[] = [];
  const pass = (id: string, e: Evidence, message: string): StepResult => ({ id, status: 'pass', ...e, message, fix: null });
  const fail = (id: string, e: Evidence, message: string, snippet: SnippetName, overrides: Partial<SnippetContext> = {}): StepResult => ({
    id,
    status: 'fail',
    ...(e.file ? e : crateEvidence),
    message: message + (legacyNote && !params && !run ? legacyNote : '') + gatedNote,
    fix: renderSnippet(snippet, { ...snippets, ...overrides }),
  });

  // The collator actually set up: a lookahead (or slot-based) one if any, else the first found.
  const asyncKinds = (k: CollatorKind) => k === 'lookahead' || k === 'slot_based';
  const params = facts.params.find((p) => asyncKinds(p.kind)) ?? facts.params[0];
  const run = facts.runs.find((r) => asyncKinds(r.kind)) ?? facts.runs[0];
  const imp = facts.collatorImports.find((i) => asyncKinds(i.kind)) ?? facts.collatorImports[0];
  const service = params ?? run ?? imp ?? facts.legacy ?? undefined;

  // 2.1
  const vc = facts.validationCode[0];
  if (vc) results.push(pass('2.1', at(vc), 'ValidationCode is imported for the code hash provider.'));
  else results.push(fail('2.1', at(service), 'ValidationCode (cumulus_primitives_core::relay_chain::ValidationCode) is not imported or used.', 'importValidationCode'));

  // 2.2
  const spawn = facts.spawnTasks[0];
  if (!spawn) results.push(fail('2.2', at(service), 'no sc_service::spawn_tasks call found.', 'spawnTasksBackend'));
  else if (!spawn.backend) results.push(fail('2.2', at(spawn), 'sc_service::spawn_tasks gets no backend field.', 'spawnTasksBackend'));
  else if (isClone(spawn.backend)) results.push(pass('2.2', atNode(spawn, spawn.backend), `spawn_tasks gets a clone of the backend (\`${spawn.backend.text}\`).`));
  else results.push(fail('2.2', atNode(spawn, spawn.backend), `spawn_tasks takes \`backend: ${spawn.backend.text}\` itself; pass a clone so the collator can use the backend too.`, 'spawnTasksBackend'));

  // 2.3
  if (!params) {
    results.push(fail('2.3', at(service), 'no collator parameters (AuraParams) found, so no consensus start to give the backend to.', 'startConsensusBackend'));
  } else {
    const fn = enclosingFunction(params.node);
    const fnName = fn?.childForFieldName('name')?.text ?? '?';
    const backendParam = fn?.childForFieldName('parameters')?.namedChildren.find((p) => p?.type === 'parameter' && /backend/i.test(p.text) && !compiledOut(params.module, p));
    const inline = fn && facts.spawnTasks.some((s) => enclosingFunction(s.node)?.id === fn.id);
    if (backendParam) results.push(pass('2.3', atNode(params, backendParam), `${fnName}() takes the backend (\`${backendParam.text}\`).`));
    else if (inline) results.push(pass('2.3', at(params), `the collator is started in ${fnName}(), which owns the backend.`));
    else results.push(fail('2.3', fn ? atNode(params, fn) : at(params), `${fnName}() does not take the backend; the lookahead collator needs it.`, 'startConsensusBackend'));
  }

  // 2.4
  if (imp && asyncKinds(imp.kind)) results.push(pass('2.4', at(imp), `the ${imp.kind.replace('_', '-')} collator is imported (${imp.path}).`));
  else if (params && asyncKinds(params.kind) && params.typePath.includes('collators')) results.push(pass('2.4', at(params), `the ${params.kind} collator's Params are used by full path (${params.typePath}).`));
  else results.push(fail('2.4', at(imp ?? service), imp ? `the ${imp.kind} collator is imported (${imp.path}), not the lookahead collator.` : 'no Aura collator import found.', 'importLookahead'));

  // 2.5
  if (!params) {
    results.push(fail('2.5', at(service), 'no collator parameters (AuraParams) found.', 'auraParams'));
  } else {
    const problems: string[] = [];
    if (!asyncKinds(params.kind)) problems.push(`the parameters are ${params.kind === 'basic' ? 'BasicAuraParams' : `\`${params.typePath}\``}, not the lookahead collator's AuraParams`);
    if (!params.fields.has('para_backend')) problems.push('no para_backend');
    if (!params.fields.has('code_hash_provider')) problems.push('no code_hash_provider');
    const durationNode = params.fields.get('authoring_duration');
    const duration = durationNode ? intOf(new Evaluator().expr(params.module, durationNode)) : undefined;
    if (!durationNode) problems.push('no authoring_duration');
    else if (duration === undefined) problems.push(`authoring_duration \`${durationNode.text}\` cannot be evaluated`);
    else if (duration > 2000n) problems.push(`authoring_duration is ${duration} ms: backers time out at 2 s and would reject the candidates`);
    else if (duration <= 500n) problems.push(`authoring_duration is ${duration} ms; the guide raises it to 2000 ms`);
    const e = durationNode && problems.length === 1 && problems[0]!.startsWith('authoring_duration') ? atNode(params, durationNode) : at(params);
    if (problems.length === 0) results.push(pass('2.5', durationNode ? atNode(params, durationNode) : at(params), `AuraParams has para_backend, code_hash_provider and authoring_duration ${duration} ms.`));
    else results.push(fail('2.5', e, `${problems.join('; ')}.`, 'auraParams', { authoringMs: 2000 }));
  }

  // 2.6
  if (run && asyncKinds(run.kind)) results.push(pass('2.6', at(run), `the collator runs ${run.path}.`));
  else results.push(fail('2.6', at(run ?? service), run ? `the collator runs ${run.path}, not the lookahead collator's run.` : 'no Aura collator run call found.', 'auraRun'));
  return results;
}
