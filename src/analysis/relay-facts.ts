// Zombienet network configs (TOML or JSON) found in the repository: the relay chain's genesis
// configuration patch, for the guide's prerequisite (async backing params, scheduler lookahead).

import { readFileSync } from 'node:fs';
import { parse as parseToml } from 'smol-toml';
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
