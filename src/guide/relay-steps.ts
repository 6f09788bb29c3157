// Judging the relay prerequisite (async backing params, scheduler lookahead) on the network
// configs relay-facts.ts read.

import type { NetworkConfig } from '../analysis/relay-facts.js';
import { renderSnippet, type SnippetContext } from './snippets.js';
import type { StepResult } from './steps.js';

/** The prerequisite for one runtime, over every network config found. */
export function judgePrerequisite(configs: NetworkConfig[], capacity: number | undefined, snippets: SnippetContext): StepResult {
  if (configs.length === 0) {
    return {
      id: 'prereq',
      status: 'n/a',
      file: null,
      line: null,
      message: 'no zombienet config found; make sure the relay chain you use sets async_backing_params and a scheduler lookahead of at least 2.',
      fix: null,
    };
  }
  const failures: { config: NetworkConfig; line: number; problems: string[] }[] = [];
  const notes: string[] = [];
  for (const c of configs) {
    const problems: string[] = [];
    if (c.maxCandidateDepth === undefined || c.allowedAncestryLen === undefined) {
      problems.push('async_backing_params (max_candidate_depth, allowed_ancestry_len) is not set in the relay genesis patch');
    } else {
      if (capacity !== undefined && c.maxCandidateDepth < capacity - 1) {
        problems.push(`max_candidate_depth ${c.maxCandidateDepth} is below the parachain's capacity ${capacity} − 1`);
      }
      if (c.allowedAncestryLen < 1) problems.push(`allowed_ancestry_len ${c.allowedAncestryLen} must be at least 1`);
    }
    if (c.lookahead === undefined && c.misnamedLookaheadLine !== undefined) {
      problems.push(`scheduler_params.scheduling_lookahead (line ${c.misnamedLookaheadLine}) is not a field of scheduler_params: the lookahead is scheduler_params.lookahead`);
    } else if (c.lookahead === undefined) problems.push('the scheduler lookahead (scheduler_params.lookahead) is not set');
    else if (c.lookahead < 2) problems.push(`scheduler lookahead ${c.lookahead} is below 2: block times degrade to worse than synchronous backing`);
    if (c.lookaheadLayout === 'scheduling_lookahead') {
      notes.push(`${c.file} uses the older top-level scheduling_lookahead; current relay releases read scheduler_params.lookahead`);
    }
    if (problems.length > 0) {
      const line = c.maxCandidateDepth === undefined ? c.relayLine : c.lookahead === undefined || (c.lookahead ?? 0) < 2 ? (c.lookaheadLine ?? c.misnamedLookaheadLine ?? c.relayLine) : (c.asyncBackingLine ?? c.relayLine);
      failures.push({ config: c, line, problems });
    }
  }
  const noteText = notes.length > 0 ? ` Note: ${notes.join('; ')}.` : '';
  if (failures.length === 0) {
    const c = configs[0]!;
    const summary = configs.map((x) => `${x.file}: max_candidate_depth ${x.maxCandidateDepth}, allowed_ancestry_len ${x.allowedAncestryLen}, lookahead ${x.lookahead}`).join('; ');
    return { id: 'prereq', status: 'pass', file: c.file, line: c.asyncBackingLine ?? c.relayLine, message: `relay chain async backing is configured (${summary}).${noteText}`, fix: null };
  }
  const first = failures[0]!;
  const message = failures.map((f) => `${f.config.file}: ${f.problems.join('; ')}`).join('. ');
  const c = first.config;
  const depth = Math.max(c.maxCandidateDepth ?? 3, (capacity ?? 1) - 1);
  return {
    id: 'prereq',
    status: 'fail',
    file: c.file,
    line: first.line,
    message: `${message}.${noteText}`,
    fix: renderSnippet('relayPrerequisite', {
      ...snippets,
      zombienetFormat: c.format,
      maxCandidateDepth: depth,
      allowedAncestryLen: Math.max(c.allowedAncestryLen ?? 2, 1),
      lookahead: Math.max(c.lookahead ?? 3, 2),
    }),
  };
}
