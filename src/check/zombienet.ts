// Zombienet network configs (TOML or JSON) found in the repository: the relay chain's genesis
// configuration patch, for the guide's prerequisite (async backing params, scheduler lookahead).

import { readFileSync } from 'node:fs';
import { parse as parseToml } from 'smol-toml';
import { renderSnippet, type SnippetContext } from './snippets.js';
import type { StepResult } from './types.js';
import { lineOf, rel } from './workspace.js';

export interface NetworkConfig {
  file: string;
  format: 'toml' | 'json';
  maxCandidateDepth?: number;
  allowedAncestryLen?: number;
  asyncBackingLine?: number;
  lookahead?: number;
  lookaheadLine?: number;
  /** `scheduler_params.lookahead` (current) or top-level `scheduling_lookahead` (older layout). */
  lookaheadLayout?: 'scheduler_params' | 'scheduling_lookahead';
  /** `scheduler_params.scheduling_lookahead`: not a field of scheduler_params (its line). */
  misnamedLookaheadLine?: number;
  /** Line of the `relaychain` table, for evidence when nothing is set. */
  relayLine: number;
}

export interface NetworkScan {
  configs: NetworkConfig[];
  problems: { file: string; line: number | null; message: string }[];
}

export function readNetworkConfigs(root: string, files: string[]): NetworkScan {
  const configs: NetworkConfig[] = [];
  const problems: NetworkScan['problems'] = [];
  for (const abs of files) {
    let text: string;
    try {
      text = readFileSync(abs, 'utf8');
    } catch (error) {
      problems.push({ file: rel(root, abs), line: null, message: `cannot read: ${(error as Error).message}` });
      continue;
    }
    if (!/relaychain/.test(text)) continue;
    const format = abs.endsWith('.json') ? 'json' : 'toml';
    let data: unknown;
    try {
      data = format === 'json' ? JSON.parse(text) : parseToml(text);
    } catch (error) {
      const message = (error as Error).message.replace(/\s*\n[\s\S]*$/, '');
      const line = /line (\d+)/.exec((error as Error).message)?.[1];
      problems.push({ file: rel(root, abs), line: line ? Number(line) : null, message: `cannot parse ${format.toUpperCase()}: ${message}` });
      continue;
    }
    const relay = (data as Record<string, unknown> | null)?.relaychain;
    if (!relay || typeof relay !== 'object') continue;
    const config: NetworkConfig = {
      file: rel(root, abs),
      format,
      relayLine: lineOf(text, format === 'json' ? /"relaychain"/ : /^\s*\[relaychain/),
    };
    const host = findHostConfig((relay as Record<string, unknown>).genesis);
    if (host) {
      const abp = host.async_backing_params as Record<string, unknown> | undefined;
      if (abp && typeof abp === 'object') {
        if (typeof abp.max_candidate_depth === 'number') config.maxCandidateDepth = abp.max_candidate_depth;
        if (typeof abp.allowed_ancestry_len === 'number') config.allowedAncestryLen = abp.allowed_ancestry_len;
        config.asyncBackingLine = lineOf(text, /max_candidate_depth/);
      }
      const sp = host.scheduler_params as Record<string, unknown> | undefined;
      if (sp && typeof sp === 'object' && typeof sp.lookahead === 'number') {
        config.lookahead = sp.lookahead;
        config.lookaheadLayout = 'scheduler_params';
        config.lookaheadLine = lineOf(text, /"?lookahead"?\s*[:=]/);
      } else if (sp && typeof sp === 'object' && 'scheduling_lookahead' in sp) {
        config.misnamedLookaheadLine = lineOf(text, /scheduling_lookahead/);
      } else if (typeof host.scheduling_lookahead === 'number') {
        config.lookahead = host.scheduling_lookahead;
        config.lookaheadLayout = 'scheduling_lookahead';
        config.lookaheadLine = lineOf(text, /scheduling_lookahead/);
      }
    }
    configs.push(config);
  }
  return { configs, problems };
}

/** The relay `HostConfiguration` patched in a zombienet genesis: `…configuration.config`. */
function findHostConfig(genesis: unknown): Record<string, unknown> | undefined {
  const visit = (value: unknown, depth: number): Record<string, unknown> | undefined => {
    if (!value || typeof value !== 'object' || depth > 8) return undefined;
    const obj = value as Record<string, unknown>;
    const configuration = obj.configuration as Record<string, unknown> | undefined;
    if (configuration && typeof configuration === 'object' && configuration.config && typeof configuration.config === 'object') {
      return configuration.config as Record<string, unknown>;
    }
    for (const child of Object.values(obj)) {
      const found = visit(child, depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  return visit(genesis, 0);
}

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
