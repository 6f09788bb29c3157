// Network configs found in the repository (zombienet's TOML, JSON and YAML, and polkadot-launch's
// JSON): the relay chain they start, the binary or image that runs it, a chain-spec file or
// command, and the async-backing values their relay genesis patch sets explicitly.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { releaseNamedIn } from '../profiles/relay-chains.js';
import { lineOf, rel } from './workspace.js';

export type ConfigFormat = 'toml' | 'json' | 'yaml';

/** A value read from a file, with where it is. */
export interface Located<T> {
  value: T;
  file: string;
  line: number;
}

/** The async-backing part of a relay `HostConfiguration` as some file sets it. */
export interface HostValues {
  maxCandidateDepth?: Located<number>;
  allowedAncestryLen?: Located<number>;
  lookahead?: Located<number>;
  /** `scheduler_params.lookahead` (polkadot-v1.9.0 on) or top-level `scheduling_lookahead` (older). */
  lookaheadField?: 'scheduler_params.lookahead' | 'scheduling_lookahead';
  /** `scheduler_params.scheduling_lookahead`: a field no release has. */
  misnamedLookahead?: Located<unknown>;
  /** The keys between `genesis` and `configuration` (`runtimeGenesis.patch`, `runtime`). */
  genesisPath?: string;
  /** `scheduler_params.num_cores`: cores beside the one each genesis parachain gets (elastic scaling). */
  numCores?: Located<number>;
}

/** A parachain a network config starts, as far as elastic scaling reads it. */
export interface NetworkParachain {
  id?: number;
  /** The chain spec name it is started with (`chain`), which often names its runtime. */
  chain?: string;
  line: number;
  /** In the relay genesis (zombienet's `add_to_genesis`, default true): it gets a core of its own there. */
  genesis: boolean;
  /** Every flag its collators are started with (`default_args`, `args`, `command_with_args`). */
  collatorArgs: string[];
  /** Collator commands and images (`polkadot-omni-node`, `./target/release/x-node`). */
  collatorCommands: string[];
}

/** A relay chain-spec file a config points at. */
export interface ChainSpecFile {
  file: string;
  /** `raw`: SCALE-encoded storage only; `patch`: a genesis patch over the runtime's defaults; `full`: a whole genesis config. */
  form?: 'raw' | 'patch' | 'full';
  host?: HostValues;
  /** Why it could not be read. */
  problem?: string;
}

export interface NetworkConfig {
  file: string;
  format: ConfigFormat;
  tool: 'zombienet' | 'polkadot-launch';
  /** Line of the `relaychain` table, for evidence when nothing else is set. */
  relayLine: number;
  chain?: Located<string>;
  /** `default_command`, `default_image`, nodes' `command`/`image`, polkadot-launch `bin`. */
  binaries: (Located<string> & { key: string })[];
  chainSpecPath?: Located<string>;
  chainSpecCommand?: Located<string>;
  chainSpec?: ChainSpecFile;
  /** What the relay genesis patch sets explicitly. */
  explicit: HostValues;
  /** Releases the config's own binaries or images name. */
  releases: (Located<string> & { key: string; named: string })[];
  /** Binaries or images named without a release (`polkadot` on PATH, `:latest`). */
  unversioned: string[];
  /** Relay validator nodes (nodes not marked `validator = false`, plus node groups' counts). */
  validators: number;
  parachains: NetworkParachain[];
  // The explicit values, flat, for the fix snippets.
  maxCandidateDepth?: number;
  allowedAncestryLen?: number;
  lookahead?: number;
}

export interface NetworkScan {
  configs: NetworkConfig[];
  /** `read`: the file could not be read at all (a read error: exit 2). */
  problems: { file: string; line: number | null; message: string; read?: boolean }[];
}

export function readNetworkConfigs(root: string, files: string[]): NetworkScan {
  const configs: NetworkConfig[] = [];
  const problems: NetworkScan['problems'] = [];
  for (const abs of files) {
    const file = rel(root, abs);
    let text: string;
    try {
      text = readFileSync(abs, 'utf8');
    } catch (error) {
      problems.push({ file, line: null, message: `cannot read this network config: ${(error as Error).message}`, read: true });
      continue;
    }
    if (!/relaychain/.test(text)) continue;
    const format: ConfigFormat = /\.json$/i.test(abs) ? 'json' : /\.ya?ml$/i.test(abs) ? 'yaml' : 'toml';
    const parsed = parseConfig(text, format);
    if ('error' in parsed) {
      problems.push({ file, line: parsed.line, message: `cannot parse ${format.toUpperCase()}: ${parsed.error}` });
      continue;
    }
    const relay = parsed.data?.relaychain;
    if (!isObject(relay)) continue;
    if (/\.yml$/i.test(abs)) {
      problems.push({ file, line: null, message: 'zombienet loads only .json, .toml and .yaml configs: rename it to .yaml to use it' });
    }
    configs.push(readConfig(root, abs, file, text, format, relay, parsed.data?.parachains));
  }
  return { configs, problems };
}

/**
 * A network config read from `text` (as an edit would leave it), or why it does not parse: for
 * `upgrade`, which reads back what it edits.
 */
export function readNetworkConfigText(root: string, file: string, text: string): NetworkConfig | { error: string } {
  const format: ConfigFormat = /\.json$/i.test(file) ? 'json' : /\.ya?ml$/i.test(file) ? 'yaml' : 'toml';
  const parsed = parseConfig(text, format);
  if ('error' in parsed) return { error: parsed.error };
  const relay = parsed.data?.relaychain;
  if (!isObject(relay)) return { error: 'no relaychain table' };
  return readConfig(root, resolve(root, file), file, text, format, relay, parsed.data?.parachains);
}

/**
 * Whether the relay genesis patch of a config sets nothing but `scheduler_params.num_cores` (the
 * cores elastic scaling adds): the relay's own host configuration is otherwise left as it is.
 */
export function onlyCoresInGenesis(file: string, text: string): boolean {
  const format: ConfigFormat = /\.json$/i.test(file) ? 'json' : /\.ya?ml$/i.test(file) ? 'yaml' : 'toml';
  const parsed = parseConfig(text, format);
  const relay = 'error' in parsed ? undefined : parsed.data?.relaychain;
  const host = isObject(relay) ? findHostConfig(relay.genesis) : undefined;
  if (!host) return false;
  const scheduler = host.config.scheduler_params;
  return Object.keys(host.config).every((k) => k === 'scheduler_params') && isObject(scheduler) && Object.keys(scheduler).every((k) => k === 'num_cores');
}

function readConfig(root: string, abs: string, file: string, text: string, format: ConfigFormat, relay: Record<string, unknown>, parachains: unknown): NetworkConfig {
  const at = (value: string, key?: string): number => lineOfValue(text, value, key);
  const config: NetworkConfig = {
    file,
    format,
    tool: typeof relay.bin === 'string' ? 'polkadot-launch' : 'zombienet',
    relayLine: lineOf(text, format === 'toml' ? /^\s*\[relaychain/ : /"?relaychain"?\s*:/),
    binaries: [],
    explicit: {},
    releases: [],
    unversioned: [],
    validators: 0,
    parachains: [],
  };
  if (typeof relay.chain === 'string') config.chain = { value: relay.chain, file, line: at(relay.chain, 'chain') };
  const binary = (key: string, value: unknown): void => {
    if (typeof value !== 'string' || value === '') return;
    config.binaries.push({ key, value, file, line: at(value, key) });
  };
  binary('default_command', relay.default_command);
  binary('default_image', relay.default_image);
  binary('bin', relay.bin);
  const nodes = [...asArray(relay.nodes), ...asArray(relay.node_groups)].filter(isObject);
  for (const n of nodes) {
    binary('command', n.command);
    binary('image', n.image);
    config.validators += n.validator === false ? 0 : typeof n.count === 'number' ? n.count : 1;
  }
  config.parachains = asArray(parachains).filter(isObject).map((p) => readParachain(p, text));
  for (const b of config.binaries) {
    const named = releaseNamedIn(b.value);
    if (named) config.releases.push({ ...b, named });
    else config.unversioned.push(`${b.key} ${b.value}`);
  }
  if (typeof relay.chain_spec_path === 'string') {
    config.chainSpecPath = { value: relay.chain_spec_path, file, line: at(relay.chain_spec_path, 'chain_spec_path') };
    config.chainSpec = readChainSpec(root, abs, relay.chain_spec_path);
  }
  if (typeof relay.chain_spec_command === 'string') {
    config.chainSpecCommand = { value: relay.chain_spec_command, file, line: lineOf(text, /chain_spec_command/) };
  }
  const host = findHostConfig(relay.genesis);
  if (host) {
    config.explicit = hostValues(host.config, file, (key) => lineOf(text, new RegExp(`["']?\\b${key}\\b["']?\\s*[:=]`)));
    config.explicit.genesisPath = host.path.join('.');
  }
  config.maxCandidateDepth = config.explicit.maxCandidateDepth?.value;
  config.allowedAncestryLen = config.explicit.allowedAncestryLen?.value;
  config.lookahead = config.explicit.lookahead?.value;
  return config;
}

/** The async-backing values of a `HostConfiguration` object. */
function hostValues(host: Record<string, unknown>, file: string, line: (key: string) => number): HostValues {
  const values: HostValues = {};
  const abp = host.async_backing_params;
  if (isObject(abp)) {
    if (typeof abp.max_candidate_depth === 'number') values.maxCandidateDepth = { value: abp.max_candidate_depth, file, line: line('max_candidate_depth') };
    if (typeof abp.allowed_ancestry_len === 'number') values.allowedAncestryLen = { value: abp.allowed_ancestry_len, file, line: line('allowed_ancestry_len') };
  }
  const sp = host.scheduler_params;
  if (isObject(sp) && typeof sp.num_cores === 'number') values.numCores = { value: sp.num_cores, file, line: line('num_cores') };
  if (isObject(sp) && typeof sp.lookahead === 'number') {
    values.lookahead = { value: sp.lookahead, file, line: line('lookahead') };
    values.lookaheadField = 'scheduler_params.lookahead';
  } else if (isObject(sp) && 'scheduling_lookahead' in sp) {
    values.misnamedLookahead = { value: sp.scheduling_lookahead, file, line: line('scheduling_lookahead') };
  } else if (typeof host.scheduling_lookahead === 'number') {
    values.lookahead = { value: host.scheduling_lookahead, file, line: line('scheduling_lookahead') };
    values.lookaheadField = 'scheduling_lookahead';
  }
  return values;
}

/** A `[[parachains]]` entry: its id, whether it is in the relay genesis, and how its collators start. */
function readParachain(para: Record<string, unknown>, text: string): NetworkParachain {
  const id = typeof para.id === 'number' ? para.id : undefined;
  const args: string[] = [];
  const commands: string[] = [];
  const addArgs = (value: unknown) => {
    for (const a of asArray(value)) if (typeof a === 'string') args.push(...a.split(/\s+/).filter(Boolean));
  };
  const addCollator = (c: Record<string, unknown>) => {
    addArgs(c.args);
    for (const key of ['command', 'image']) if (typeof c[key] === 'string') commands.push(c[key] as string);
    if (typeof c.command_with_args === 'string') {
      const [command, ...rest] = c.command_with_args.split(/\s+/).filter(Boolean);
      if (command) commands.push(command);
      args.push(...rest);
    }
  };
  addArgs(para.default_args);
  for (const key of ['default_command', 'default_image']) if (typeof para[key] === 'string') commands.push(para[key] as string);
  for (const c of [para.collator, ...asArray(para.collators), ...asArray(para.collator_groups), ...asArray(para.nodes)]) if (isObject(c)) addCollator(c);
  return {
    ...(id !== undefined ? { id } : {}),
    ...(typeof para.chain === 'string' ? { chain: para.chain } : {}),
    line: id !== undefined ? lineOf(text, new RegExp(`["']?\\bid["']?\\s*[:=]\\s*${id}\\b`)) : 1,
    genesis: para.add_to_genesis !== false,
    collatorArgs: args,
    collatorCommands: commands,
  };
}

/**
 * A relay chain-spec file: zombienet resolves `chain_spec_path` from where it runs; the config's
 * folder and the repository root are tried.
 */
function readChainSpec(root: string, configAbs: string, path: string): ChainSpecFile {
  if (/^https?:\/\//i.test(path)) return { file: path, problem: 'a URL: check reads no network' };
  const candidates = [resolve(dirname(configAbs), path), resolve(root, path)];
  const abs = candidates.find((c) => existsSync(c));
  const file = rel(root, abs ?? candidates[0]!);
  if (!abs) return { file, problem: 'the file is not in the repository (it may be generated before the network starts)' };
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (error) {
    return { file, problem: `cannot read it: ${(error as Error).message}` };
  }
  let spec: unknown;
  try {
    spec = JSON.parse(text);
  } catch (error) {
    return { file, problem: `not valid JSON: ${(error as Error).message}` };
  }
  const genesis = isObject(spec) ? spec.genesis : undefined;
  if (!isObject(genesis)) return { file, problem: 'it has no genesis' };
  if ('raw' in genesis) return { file, form: 'raw' };
  const runtimeGenesis = isObject(genesis.runtimeGenesis) ? genesis.runtimeGenesis : undefined;
  const form = runtimeGenesis && 'patch' in runtimeGenesis ? 'patch' : 'full';
  const host = findHostConfig(genesis);
  return { file, form, host: host ? hostValues(host.config, file, (key) => lineOf(text, new RegExp(`"${key}"\\s*:`))) : {} };
}

/** The relay `HostConfiguration` in a genesis: `…configuration.config`, at any depth, and the keys before it. */
function findHostConfig(genesis: unknown): { config: Record<string, unknown>; path: string[] } | undefined {
  const visit = (value: unknown, path: string[]): { config: Record<string, unknown>; path: string[] } | undefined => {
    if (!isObject(value) || path.length > 8) return undefined;
    const configuration = value.configuration;
    if (isObject(configuration) && isObject(configuration.config)) return { config: configuration.config, path };
    for (const [key, child] of Object.entries(value)) {
      const found = visit(child, [...path, key]);
      if (found) return found;
    }
    return undefined;
  };
  return visit(genesis, []);
}

function parseConfig(text: string, format: ConfigFormat): { data: Record<string, unknown> | undefined } | { error: string; line: number | null } {
  const parse = (t: string): unknown => (format === 'json' ? JSON.parse(t) : format === 'yaml' ? parseYaml(t) : parseToml(t, { integersAsBigInt: 'asNeeded' }));
  try {
    const data = parse(text);
    return { data: isObject(data) ? data : undefined };
  } catch (error) {
    // zombienet renders a config as a nunjucks template first: `{{VAR}}` outside quotes is valid there.
    if (/\{\{|\{%/.test(text)) {
      try {
        const data = parse(text.replace(/\{%[\s\S]*?%\}/g, '').replace(/\{\{[\s\S]*?\}\}/g, 'template'));
        return { data: isObject(data) ? data : undefined };
      } catch {
        // Report the first error.
      }
    }
    const message = (error as Error).message;
    const line = /line (\d+)/i.exec(message)?.[1] ?? /at line (\d+)/.exec(message)?.[1];
    return { error: message.replace(/\s*\n[\s\S]*$/, ''), line: line ? Number(line) : null };
  }
}

/** The line a string value is written on (after its key when given). */
function lineOfValue(text: string, value: string, key?: string): number {
  const lines = text.split('\n');
  const first = value.split('\n')[0]!;
  const index = lines.findIndex((l) => l.includes(first) && (!key || l.includes(key)));
  return index >= 0 ? index + 1 : lines.findIndex((l) => l.includes(first)) + 1 || 1;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
