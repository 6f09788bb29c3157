// The relay prerequisite in zombienet configs that set the relay's host configuration themselves:
// values below what the parachain's capacity needs are raised, and the async backing params or
// the scheduler lookahead are added where the config writes the configuration but not them.
// Configs that rely on the relay's built-in genesis (or patch only its cores) are left alone.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { onlyCoresInGenesis, type NetworkConfig } from '../analysis/relay-facts.js';
import { renderSnippet, type SnippetContext } from '../guide/snippets.js';
import type { Changes } from './changes.js';
import { lineEnd, styleOf } from './edits.js';

export function planNetwork(changes: Changes, root: string, config: NetworkConfig, capacity: number, snippets: SnippetContext): void {
  let text: string;
  try {
    text = readFileSync(join(root, config.file), 'utf8');
  } catch {
    return;
  }
  const explicit = config.format === 'toml' ? /configuration\.config|\bconfiguration\s*=|\[relaychain\.genesis/.test(text) : /"configuration"\s*:/.test(text);
  // A genesis patch that only adds elastic scaling's cores leaves the relay's configuration as
  // its chain spec has it.
  if (!explicit || onlyCoresInGenesis(config.file, text)) return;
  const depth = Math.max(snippets.maxCandidateDepth, capacity - 1);
  const key = (name: string) => (config.format === 'toml' ? new RegExp(`(^[ \\t]*${name}[ \\t]*=[ \\t]*)(\\d+)`, 'm') : new RegExp(`("${name}"\\s*:\\s*)(\\d+)`));
  const setValue = (name: string, value: number) => {
    const m = key(name).exec(text);
    if (!m) return false;
    const at = m.index + m[1]!.length;
    if (Number(m[2]) !== value) changes.edit('prereq', config.file, at, at + m[2]!.length, String(value));
    return true;
  };
  const context: SnippetContext = { ...snippets, zombienetFormat: config.format, maxCandidateDepth: depth, allowedAncestryLen: Math.max(config.allowedAncestryLen ?? 2, 1), lookahead: Math.max(config.lookahead ?? 3, 2) };
  const missingParams = config.maxCandidateDepth === undefined || config.allowedAncestryLen === undefined;
  let missingLookahead = config.lookahead === undefined;
  // `scheduler_params.scheduling_lookahead` is a field of no release, and the host configuration
  // rejects unknown fields: the key becomes `lookahead`, where it already stands.
  const misnamed = config.explicit.misnamedLookahead;
  if (missingLookahead && misnamed && renameMisnamedLookahead(changes, config, text, misnamed.line, Math.max(Number(misnamed.value) || 0, 2))) missingLookahead = false;
  if (!missingParams) {
    if (config.maxCandidateDepth! < capacity - 1) setValue('max_candidate_depth', depth);
    if (config.allowedAncestryLen! < 1) setValue('allowed_ancestry_len', 1);
  }
  if (!missingLookahead && config.lookahead! < 2) setValue(config.explicit.lookaheadField === 'scheduling_lookahead' ? 'scheduling_lookahead' : 'lookahead', 2);
  if (!missingParams && !missingLookahead) return;
  const snippet = renderSnippet('relayPrerequisite', context);
  const style = styleOf(text);
  if (config.format === 'toml') {
    // TOML tables may come in any order: the missing ones go at the end of the file.
    const tables = snippet.split(/\n(?=\[)/).filter((t) => (missingParams && /async_backing_params/.test(t)) || (missingLookahead && /scheduler_params/.test(t)));
    if (tables.some((t) => text.includes(t.split('\n')[0]!))) {
      changes.leave('prereq', config.file, config.relayLine, 'the config writes part of the relay host configuration in a form upgrade does not extend; add the values below.', snippet);
      return;
    }
    const end = text.length;
    const lead = text.endsWith('\n') ? style.eol : style.eol + style.eol;
    changes.edit('prereq', config.file, end, end, lead + tables.map((t) => t.trim().replace(/\n/g, style.eol)).join(style.eol + style.eol) + style.eol);
    return;
  }
  // JSON: the missing members go first in the `"config": {` object of the configuration patch.
  const m = /"configuration"\s*:\s*\{\s*"config"\s*:\s*\{/.exec(text);
  if (!m) {
    changes.leave('prereq', config.file, config.relayLine, 'the config does not write the host configuration as configuration.config; add the values below to the relay genesis patch.', snippet);
    return;
  }
  const open = m.index + m[0].length;
  const next = text.slice(open).match(/^\s*\n([ \t]*)/);
  const indent = next?.[1] ?? '';
  const members: string[] = [];
  const unit = /^( +|\t)/m.exec(text)?.[1] ?? '  ';
  if (missingParams) members.push(`"async_backing_params": {${style.eol}${indent}${unit}"max_candidate_depth": ${depth},${style.eol}${indent}${unit}"allowed_ancestry_len": ${context.allowedAncestryLen}${style.eol}${indent}}`);
  // An existing `"scheduler_params": {` (num_cores alone, say) gets the lookahead as its first
  // member: a second key of the same name would leave one of them ignored.
  const params = /"scheduler_params"\s*:\s*\{/.exec(text.slice(open));
  if (missingLookahead && params) {
    const at = open + params.index + params[0].length;
    const inner = text.slice(at).match(/^[ \t]*\r?\n([ \t]*)/)?.[1];
    if (inner === undefined) changes.edit('prereq', config.file, at, at, ` "lookahead": ${context.lookahead},`);
    else changes.edit('prereq', config.file, lineEnd(text, at), lineEnd(text, at), `${inner}"lookahead": ${context.lookahead},${style.eol}`);
    missingLookahead = false;
    if (!missingParams) return;
  }
  if (missingLookahead) members.push(`"scheduler_params": {${style.eol}${indent}${unit}"lookahead": ${context.lookahead}${style.eol}${indent}}`);
  const empty = /^\s*\}/.test(text.slice(open));
  const insertAt = lineEnd(text, open) === open + 1 || next ? lineEnd(text, open) : open;
  changes.edit('prereq', config.file, insertAt, insertAt, members.map((x) => indent + x).join(`,${style.eol}`) + (empty ? style.eol : `,${style.eol}`));
}

/** `scheduling_lookahead = N` on the given line → `lookahead = max(N, 2)`; false when not found there. */
function renameMisnamedLookahead(changes: Changes, config: NetworkConfig, text: string, line: number, value: number): boolean {
  const re = config.format === 'toml' ? /(scheduling_lookahead)([ \t]*=[ \t]*)(\d+)/g : /"(scheduling_lookahead)"(\s*:\s*)(\d+)/g;
  for (const m of text.matchAll(re)) {
    if (text.slice(0, m.index).split('\n').length !== line) continue;
    const keyAt = m.index + (config.format === 'toml' ? 0 : 1);
    changes.edit('prereq', config.file, keyAt, keyAt + m[1]!.length, 'lookahead');
    const valueAt = m.index + m[0].length - m[3]!.length;
    if (Number(m[3]) !== value) changes.edit('prereq', config.file, valueAt, valueAt + m[3]!.length, String(value));
    return true;
  }
  return false;
}
