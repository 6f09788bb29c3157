// Elastic scaling in the zombienet configs that start the chain: the relay genesis gives the
// parachain `velocity − 1` cores beside its own (`scheduler_params.num_cores`), the relay's
// lookahead and async backing params (where the config sets them) reach the offset and the
// velocity, and polkadot-omni-node collators get `--authoring slot-based`. Each config is edited
// after the relay prerequisite's edits (network-edits.ts), read back with check's reader, and
// left to the team when it does not read back as wanted. The cores' assignment is a script beside
// the config, run by the config's zombienet test where it has one; everything that needs a live
// relay chain (buying and assigning cores) stays with the team.
// Numbers and sources: src/profiles/elastic-scaling.ts; zombienet's collator arguments are the
// parachain's `default_args` followed by the collator's own `args` (@zombienet/orchestrator
// configGenerator getCollatorNodeFromConfig).

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { readNetworkConfigText, type NetworkConfig, type NetworkParachain } from '../analysis/relay-facts.js';
import { hasSlotBasedFlag } from '../guide/elastic-scaling.js';
import { minimumCandidateDepth, minimumLookahead, RELAYS_WITH_CORE_COMMITMENTS, WHOLE_CORE } from '../profiles/elastic-scaling.js';
import { RELAY_CHAIN_SPECS } from '../profiles/relay-chains.js';
import { loadTemplates } from '../render/templates.js';
import type { Changes } from './changes.js';
import { applyEdits, lineEnd, styleOf, type Edit } from './edits.js';
import type { ElasticEditId } from './upgrade-steps.js';

export interface ElasticNetworkRequest {
  velocity: number;
  offset: number;
  /** The collators are polkadot-omni-node (or built on its library): they need the flag. */
  omniNode: boolean;
  /** The parachains of this config that run the upgraded runtimes. */
  parachains: NetworkParachain[];
  /** A script beside the configs assigns cores already (check's evidence). */
  coresAssigned: boolean;
}

const SLOT_BASED = ['--authoring', 'slot-based'];
const SCHEDULER_TABLE = 'relaychain.genesis.runtimeGenesis.patch.configuration.config.scheduler_params';
const ASSIGN_SCRIPT = 'assign-cores.js';

export function planElasticNetwork(changes: Changes, root: string, config: NetworkConfig, request: ElasticNetworkRequest): void {
  if (request.parachains.length === 0) return;
  const { velocity } = request;
  const leave = (step: ElasticEditId, reason: string, snippet: string | null = null) => changes.leave(step, config.file, config.relayLine, reason, snippet);

  // What the relay chain itself must offer: a spec whose genesis accepts core commitments, and
  // a backing group per core.
  const chain = config.chain?.value;
  if (chain && (RELAY_CHAIN_SPECS as readonly string[]).includes(chain) && !RELAYS_WITH_CORE_COMMITMENTS.includes(chain)) {
    changes.leave('elastic:relay-chain', config.file, config.chain!.line, `the relay chain is ${chain}, whose genesis leaves the CandidateReceiptV2 node feature off: the relay drops every candidate with the core commitments elastic scaling sends. Run ${RELAYS_WITH_CORE_COMMITMENTS.join(' or ')} instead (or a chain spec that enables the feature).`);
  }
  if (config.validators < velocity) {
    leave('elastic:validators', `${config.file} runs ${config.validators} relay validator${config.validators === 1 ? '' : 's'}: the relay makes one backing group per core, so ${velocity} cores need at least ${velocity}; add ${velocity - config.validators} to relaychain.nodes.`);
  }
  const genesis = request.parachains.filter((p) => p.genesis);
  if (genesis.length === 0) {
    leave('elastic:relay-cores', `${config.file} registers the parachain after genesis, so its cores come from coretime: give it ${velocity} cores (sudo coretime.assignCore(core, 0, [[{ task: <para id> }, ${WHOLE_CORE}]], null) per core) once it is registered.`);
  }

  let original: string;
  try {
    original = readFileSync(join(root, config.file), 'utf8');
  } catch {
    return;
  }
  // The text after the relay prerequisite's edits, which the elastic edits build on.
  const earlier = changes.edits.filter((e) => e.file === config.file);
  const start = applyEdits(original, earlier);
  const wantCores = genesis.length > 0 ? velocity - 1 : null;
  const edited = config.format === 'toml' ? editToml(start, config, request, wantCores) : config.format === 'json' ? editJson(start, request, wantCores) : { text: start, problems: ['upgrade edits TOML and JSON network configs, not YAML'] };
  const problems = [...edited.problems];
  let final = edited.text;
  if (final !== start) {
    const check = readNetworkConfigText(root, config.file, final);
    const wrong = 'error' in check ? [`the edited config would not parse (${check.error})`] : readBackProblems(check, request, wantCores);
    if (wrong.length > 0) {
      problems.push(...wrong.map((w) => `${w} after upgrade's edit`));
      final = start;
    }
  }
  if (final !== start) replaceFileEdits(changes, config.file, original, final, earlier);
  if (problems.length > 0) {
    leave('elastic:relay-cores', `${config.file}: ${problems.join('; ')}. Set these in the relay genesis patch and the collators by hand.`, manualSnippet(config, request, wantCores));
  }
  // The cores are assigned only where the config adds them.
  const cores = readNetworkConfigText(root, config.file, final);
  const added = !('error' in cores) && wantCores !== null && (cores.explicit.numCores?.value ?? 0) >= wantCores;
  if (added && wantCores > 0 && !request.coresAssigned) planCoreAssignment(changes, root, config, request, wantCores);
}

/** What the config needs, in its own format, for a manual step. */
function manualSnippet(config: NetworkConfig, request: ElasticNetworkRequest, wantCores: number | null): string {
  const lookahead = config.lookahead !== undefined && config.lookahead < minimumLookahead(request.offset) ? minimumLookahead(request.offset) : undefined;
  const scheduler = { ...(wantCores !== null ? { num_cores: wantCores } : {}), ...(lookahead !== undefined ? { lookahead } : {}) };
  if (config.format === 'json') {
    const relay = Object.keys(scheduler).length > 0 ? { relaychain: { genesis: { runtimeGenesis: { patch: { configuration: { config: { scheduler_params: scheduler } } } } } } } : {};
    const paras = request.omniNode ? { parachains: [{ default_args: SLOT_BASED }] } : {};
    return JSON.stringify({ ...relay, ...paras }, null, 2);
  }
  const lines: string[] = [];
  if (Object.keys(scheduler).length > 0) lines.push(`[${SCHEDULER_TABLE}]`, ...Object.entries(scheduler).map(([k, v]) => `${k} = ${v}`));
  if (request.omniNode) lines.push(...(lines.length > 0 ? [''] : []), '[[parachains]]', `default_args = [${SLOT_BASED.map((a) => JSON.stringify(a)).join(', ')}]`);
  return lines.join('\n');
}

/** What the edited config, read back, still lacks. */
function readBackProblems(config: NetworkConfig, request: ElasticNetworkRequest, wantCores: number | null): string[] {
  const out: string[] = [];
  if (wantCores !== null && (config.explicit.numCores?.value ?? 0) < wantCores) out.push(`num_cores is not ${wantCores}`);
  if (config.lookahead !== undefined && config.lookahead < minimumLookahead(request.offset)) out.push(`lookahead is below ${minimumLookahead(request.offset)}`);
  const ids = new Set(request.parachains.map((p) => p.id));
  const paras = config.parachains.filter((p) => ids.has(p.id));
  if (request.omniNode && paras.some((p) => !hasSlotBasedFlag(p.collatorArgs))) out.push('a collator lacks --authoring slot-based');
  return out;
}

/** The file's edits so far and the elastic ones, as one edit of the span that changed. */
function replaceFileEdits(changes: Changes, file: string, original: string, final: string, earlier: Edit[]): void {
  for (const e of earlier) changes.edits.splice(changes.edits.indexOf(e), 1);
  let head = 0;
  while (head < original.length && head < final.length && original[head] === final[head]) head++;
  let tail = 0;
  while (tail < original.length - head && tail < final.length - head && original[original.length - 1 - tail] === final[final.length - 1 - tail]) tail++;
  const step = earlier.length > 0 ? earlier[0]!.step : 'elastic:relay-cores';
  changes.edit(step, file, head, original.length - tail, final.slice(head, final.length - tail));
}

// ---------------------------------------------------------------------------------------------
// TOML

interface Table {
  name: string;
  array: boolean;
  /** Offset of the header line, and of the body after it, up to the next header. */
  start: number;
  body: number;
  end: number;
}

/** The tables of a TOML text, skipping multi-line strings. */
function tables(text: string): Table[] {
  const out: Table[] = [];
  let inString: string | null = null;
  let offset = 0;
  for (const line of text.split('\n')) {
    const lineStart = offset;
    offset += line.length + 1;
    if (!inString) {
      const m = /^[ \t]*(\[\[?)[ \t]*([^\]\s][^\]]*?)[ \t]*\]\]?[ \t]*(#.*)?\r?$/.exec(line);
      if (m) {
        const last = out[out.length - 1];
        if (last) last.end = lineStart;
        out.push({ name: m[2]!.replace(/\s+/g, ''), array: m[1] === '[[', start: lineStart, body: Math.min(offset, text.length), end: text.length });
        continue;
      }
    }
    for (const quote of line.match(/"""|'''/g) ?? []) inString = inString === null ? quote : inString === quote ? null : inString;
  }
  return out;
}

function editToml(text: string, config: NetworkConfig, request: ElasticNetworkRequest, wantCores: number | null): { text: string; problems: string[] } {
  const problems: string[] = [];
  const edits: { start: number; end: number; text: string }[] = [];
  const style = styleOf(text);
  const table = tables(text);
  const setNumber = (key: string, min: number) => {
    const m = new RegExp(`^([ \\t]*${key}[ \\t]*=[ \\t]*)(\\d+)`, 'm').exec(text);
    if (m && Number(m[2]) < min) edits.push({ start: m.index + m[1]!.length, end: m.index + m[0].length, text: String(min) });
    return m !== null;
  };

  // The relay's params, where the config sets them.
  setNumber('lookahead', minimumLookahead(request.offset));
  setNumber('scheduling_lookahead', minimumLookahead(request.offset));
  setNumber('max_candidate_depth', minimumCandidateDepth(request.velocity));
  setNumber('allowed_ancestry_len', request.offset);

  // num_cores: set, or added to the scheduler_params table, or a table of its own at the end.
  if (wantCores !== null && (config.explicit.numCores?.value ?? 0) < wantCores) {
    const scheduler = table.find((t) => t.name === SCHEDULER_TABLE && !t.array);
    if (config.explicit.numCores) setNumber('num_cores', wantCores);
    else if (scheduler) edits.push({ start: scheduler.body, end: scheduler.body, text: `num_cores = ${wantCores}${style.eol}` });
    else if (/scheduler_params/.test(text) || (config.explicit.genesisPath && config.explicit.genesisPath !== 'runtimeGenesis.patch')) {
      problems.push('the relay genesis writes scheduler_params in a form upgrade does not extend');
    } else {
      // A table of its own at the end (TOML tables may come in any order), after a blank line.
      const lead = text.endsWith('\n') ? style.eol : style.eol + style.eol;
      const comment = `# Elastic scaling: ${wantCores} relay core${wantCores === 1 ? '' : 's'} beside the one each genesis parachain gets (assigned with coretime.assignCore).`;
      edits.push({ start: text.length, end: text.length, text: lead + [comment, `[${SCHEDULER_TABLE}]`, `num_cores = ${wantCores}`].join(style.eol) + style.eol });
    }
  }

  // --authoring slot-based for polkadot-omni-node collators, in each parachain's default_args.
  if (request.omniNode) {
    const paraTables = table.filter((t) => t.array && t.name === 'parachains');
    if (paraTables.length !== config.parachains.length) problems.push('the parachains are not all written as [[parachains]] tables');
    else {
      for (const p of request.parachains) {
        if (hasSlotBasedFlag(p.collatorArgs)) continue;
        const index = config.parachains.indexOf(config.parachains.find((x) => x.id === p.id && x.line === p.line) ?? p);
        const own = paraTables[index];
        if (!own) continue;
        const next = table.findIndex((t) => t.start > own.start && !(t.name.startsWith('parachains.')));
        const sectionEnd = next >= 0 ? table[next]!.start : text.length;
        const section = text.slice(own.start, sectionEnd);
        if (/command_with_args/.test(section)) {
          problems.push(`a collator of parachain ${p.id ?? ''} is started with command_with_args`);
          continue;
        }
        const lookahead = /("--authoring"\s*,\s*)"lookahead"|"--authoring[= ]lookahead"/.exec(section);
        if (lookahead) {
          const at = own.start + lookahead.index;
          edits.push({ start: at, end: at + lookahead[0].length, text: lookahead[1] ? `${lookahead[1]}"slot-based"` : lookahead[0].replace('lookahead', 'slot-based') });
          continue;
        }
        const body = text.slice(own.body, own.end);
        const args = /^[ \t]*default_args[ \t]*=[ \t]*\[/m.exec(body);
        if (args) {
          const open = own.body + args.index + args[0].length;
          const close = closingBracket(text, open);
          if (close < 0) {
            problems.push(`parachain ${p.id ?? ''}'s default_args is not an array upgrade can read`);
            continue;
          }
          const inner = text.slice(open, close);
          const quoted = SLOT_BASED.map((a) => JSON.stringify(a)).join(', ');
          if (inner.trim() === '') edits.push({ start: open, end: close, text: quoted });
          else if (!inner.includes('\n')) edits.push({ start: open + inner.trimEnd().replace(/,$/, '').length, end: open + inner.trimEnd().replace(/,$/, '').length, text: `, ${quoted}` });
          else problems.push(`parachain ${p.id ?? ''}'s default_args spans several lines`);
        } else {
          edits.push({ start: own.body, end: own.body, text: `default_args = [${SLOT_BASED.map((a) => JSON.stringify(a)).join(', ')}]${style.eol}` });
        }
      }
    }
  }
  return { text: applyEdits(text, edits.map((e) => ({ ...e, file: config.file, step: 'elastic:relay-cores' }))), problems };
}

/** The offset of the `]` closing the array opened just before `open`, outside strings; -1 if none. */
function closingBracket(text: string, open: number): number {
  let depth = 1;
  let quote: string | null = null;
  for (let i = open; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#') i = lineEnd(text, i) - 1;
    else if (ch === '[') depth++;
    else if (ch === ']' && --depth === 0) return i;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// JSON: edited as data and written back, when the file is written as JSON.stringify writes it

function editJson(text: string, request: ElasticNetworkRequest, wantCores: number | null): { text: string; problems: string[] } {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { text, problems: ['the config is not plain JSON'] };
  }
  const unit = /^( +|\t)"/m.exec(text)?.[1] ?? '  ';
  const eol = styleOf(text).eol;
  const write = (value: unknown) => JSON.stringify(value, null, unit).replace(/\n/g, eol) + (text.endsWith('\n') ? eol : '');
  if (write(data) !== text) return { text, problems: ['the JSON config is not formatted as upgrade would write it back'] };
  const obj = (parent: Record<string, unknown>, key: string): Record<string, unknown> => {
    const value = parent[key];
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    const made: Record<string, unknown> = {};
    parent[key] = made;
    return made;
  };
  const relay = obj(data, 'relaychain');
  if (wantCores !== null) {
    const config = obj(obj(obj(obj(obj(relay, 'genesis'), 'runtimeGenesis'), 'patch'), 'configuration'), 'config');
    const scheduler = obj(config, 'scheduler_params');
    if (typeof scheduler.num_cores !== 'number' || scheduler.num_cores < wantCores) scheduler.num_cores = wantCores;
    if (typeof scheduler.lookahead === 'number' && scheduler.lookahead < minimumLookahead(request.offset)) scheduler.lookahead = minimumLookahead(request.offset);
    const params = config.async_backing_params as Record<string, unknown> | undefined;
    if (params && typeof params.max_candidate_depth === 'number' && params.max_candidate_depth < minimumCandidateDepth(request.velocity)) params.max_candidate_depth = minimumCandidateDepth(request.velocity);
    if (params && typeof params.allowed_ancestry_len === 'number' && params.allowed_ancestry_len < request.offset) params.allowed_ancestry_len = request.offset;
  }
  const problems: string[] = [];
  if (request.omniNode) {
    const paras = Array.isArray(data.parachains) ? (data.parachains as Record<string, unknown>[]) : [];
    for (const p of paras) {
      if (!request.parachains.some((x) => x.id === p.id)) continue;
      const collators = [p.collator, ...(Array.isArray(p.collators) ? p.collators : []), ...(Array.isArray(p.collator_groups) ? p.collator_groups : [])].filter((c): c is Record<string, unknown> => Boolean(c) && typeof c === 'object');
      if (collators.some((c) => typeof c.command_with_args === 'string')) {
        problems.push(`a collator of parachain ${String(p.id)} is started with command_with_args`);
        continue;
      }
      const lists = [p.default_args, ...collators.map((c) => c.args)].filter((l): l is unknown[] => Array.isArray(l));
      const flat = lists.flat().filter((a): a is string => typeof a === 'string');
      if (hasSlotBasedFlag(flat.flatMap((a) => a.split(/\s+/)))) continue;
      let replaced = false;
      for (const list of lists) {
        for (let i = 0; i < list.length; i++) {
          if (list[i] === '--authoring' && list[i + 1] === 'lookahead') (list[i + 1] = 'slot-based'), (replaced = true);
          else if (list[i] === '--authoring=lookahead' || list[i] === '--authoring lookahead') (list[i] = String(list[i]).replace('lookahead', 'slot-based')), (replaced = true);
        }
      }
      if (!replaced) p.default_args = [...(Array.isArray(p.default_args) ? p.default_args : []), ...SLOT_BASED];
    }
  }
  return { text: write(data), problems };
}

// ---------------------------------------------------------------------------------------------
// The cores' assignment

/**
 * The extra cores go to the parachain through the relay's root (sudo `coretime.assignCore`):
 * a script beside the config, run by the config's zombienet test right after start-up, as the
 * generated project does. Without a test to run it, the call is a manual step.
 */
function planCoreAssignment(changes: Changes, root: string, config: NetworkConfig, request: ElasticNetworkRequest, cores: number): void {
  const para = request.parachains.find((p) => p.genesis && p.id !== undefined);
  const assign = Array.from({ length: cores }, (_, i) => i);
  const call = `sudo coretime.assignCore(core, 0, [[{ task: ${para?.id ?? '<para id>'} }, ${WHOLE_CORE}]], null) for core ${assign.join(', ')}`;
  const folder = dirname(join(root, config.file));
  const relFolder = dirname(config.file);
  const test = para ? zombienetTestOf(folder, basename(config.file)) : null;
  const observer = relayNodeName(config, root);
  if (!para || !test || !observer || existsSync(join(folder, ASSIGN_SCRIPT))) {
    changes.leave('elastic:relay-cores', config.file, config.explicit.numCores?.line ?? config.relayLine, `the relay genesis adds ${cores} core${cores === 1 ? '' : 's'} (num_cores), unassigned: once the network runs, assign ${cores === 1 ? 'it' : 'them'} to the parachain with ${call}${test ? '' : ' (no zombienet test beside the config runs a script for it)'}.`);
    return;
  }
  const scriptArgs = [para.id, ...assign].join(',');
  const script = loadTemplates().get('zombienet/assign-cores.js.hbs')({
    settings: { paraId: para.id, velocity: request.velocity },
    network: { observer, extraCoreList: coreList(cores), elastic: { parts: WHOLE_CORE, script: ASSIGN_SCRIPT } },
  });
  const scriptFile = join(relFolder, ASSIGN_SCRIPT);
  // The generated project's script, its references made the team's: their test, no generated README.
  const text = script.replace(/smoke\.zndsl/, basename(test.file)).replace(/ \(see the README\)\./, ' (broker.purchase, then broker.assign of the region to the parachain, on the Coretime chain).');
  changes.create('elastic:relay-cores', scriptFile, text);
  // The test runs it right after the nodes are up.
  const style = styleOf(test.text);
  const line = `${observer}: js-script ./${ASSIGN_SCRIPT} with "${scriptArgs}" return is 0 within 300 seconds`;
  const upLines = [...test.text.matchAll(/^[^\n#]*:\s*is up\b[^\n]*$/gm)];
  const last = upLines[upLines.length - 1];
  const at = last ? lineEnd(test.text, last.index! + last[0].length) : test.headerEnd;
  const comment = `# Elastic scaling: give parachain ${para.id} its ${coreList(cores)} (${ASSIGN_SCRIPT}, sudo coretime.assignCore).`;
  changes.edit('elastic:relay-cores', join(relFolder, test.file), at, at, (last ? '' : style.eol) + comment + style.eol + line + style.eol);
}

/** A `.zndsl` test beside the config that runs it (`Network: ./<config>`). */
function zombienetTestOf(folder: string, configName: string): { file: string; text: string; headerEnd: number } | null {
  let names: string[];
  try {
    names = readdirSync(folder).filter((n) => n.endsWith('.zndsl')).sort();
  } catch {
    return null;
  }
  for (const file of names) {
    let text: string;
    try {
      text = readFileSync(join(folder, file), 'utf8');
    } catch {
      continue;
    }
    const network = /^Network:\s*(\S+)\s*$/m.exec(text);
    if (network && basename(network[1]!) === configName) {
      const creds = /^Creds:[^\n]*\n?/m.exec(text);
      const headerEnd = creds ? creds.index + creds[0].length : lineEnd(text, network.index);
      return { file, text, headerEnd };
    }
  }
  return null;
}

/** The first relay node's name, which the test asks to run the script. */
function relayNodeName(config: NetworkConfig, root: string): string | null {
  const text = readFileSync(join(root, config.file), 'utf8');
  const m = config.format === 'toml' ? /\[\[relaychain\.nodes\]\][^[]*?^[ \t]*name[ \t]*=[ \t]*"([^"]+)"/m.exec(text) : /"nodes"\s*:\s*\[\s*\{[^}]*?"name"\s*:\s*"([^"]+)"/.exec(text);
  return m?.[1] ?? null;
}

function coreList(count: number): string {
  const cores = Array.from({ length: count }, (_, i) => String(i));
  if (cores.length === 1) return `core ${cores[0]}`;
  return `cores ${cores.slice(0, -1).join(', ')} and ${cores[cores.length - 1]}`;
}
