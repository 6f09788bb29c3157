// Zombienet's own code, driven the way the zombienet CLI drives it, but offline.
//
// `zombienet spawn <config>` calls `readNetworkConfig` (@zombienet/utils: nunjucks, then the TOML
// or JSON parser) and hands the result to the orchestrator, whose first step is
// `generateNetworkSpec` (@zombienet/orchestrator, dist/configGenerator.js; the package index does
// not export it, and the package has no `exports` map, so the file is required directly).
// `generateNetworkSpec` spawns nothing and downloads nothing for these configs: it validates
// image names, derives node keys, resolves `chain_spec_path` against the current folder (calling
// `process.exit(1)` when the file is missing; only http(s) spec URLs are downloaded, and ours
// are local paths) and picks free ports for whatever the config leaves open (p2p, prometheus)
// by binding throw-away loopback sockets (`getRandomPort`). So it runs offline as it is; this
// module arranges only the following:
//   - run from the project root (`process.chdir`, restored afterwards), as the README asks, with
//     the chain spec files the README's steps would have built present (placeholders written by
//     the tests);
//   - `getRandomPort` hands out sequential ports instead of probing sockets: the probe is the one
//     nondeterministic part (it prints "port … already used, retrying" when the OS repeats a
//     port), and the ports the config fixes (`rpc_port`) never go through it;
//   - `process.exit` is stubbed to throw, so a zombienet refusal fails the test instead of
//     killing the test worker;
//   - a fresh copy of configGenerator.js per network: it keeps node names in module state
//     (`getUniqueName`), so a second network in one process would get `alice-1` and friends.
// `zombienet test <file.zndsl>` renders the file with nunjucks and parses it with
// @zombienet/dsl-parser-wrapper; `parseZndsl` does exactly that.
// The genesis patch is applied at spawn by chainSpec.js `changeGenesisConfig`, which
// `mergeRelayGenesis` runs on a plain relay spec skeleton.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const CONFIG_GENERATOR = require.resolve('@zombienet/orchestrator/dist/configGenerator');
const utils = require('@zombienet/utils') as {
  readNetworkConfig: (path: string) => LaunchConfig;
  RelativeLoader: new (paths: string[]) => unknown;
};
const chainSpec = require('@zombienet/orchestrator/dist/chainSpec') as {
  changeGenesisConfig: (specPath: string, updates: unknown) => Promise<void>;
  readAndParseChainSpec: (specPath: string) => PlainSpec;
};
// configGenerator calls `utils.getRandomPort`, a live binding to this module's export.
const net = require('@zombienet/utils/dist/net') as { getRandomPort: () => Promise<number> };
const dsl = require('@zombienet/dsl-parser-wrapper') as { parse_to_json: (text: string) => string };
// nunjucks as @zombienet/utils resolves it (the version zombienet renders files with).
const nunjucks = createRequire(require.resolve('@zombienet/utils'))('nunjucks') as {
  Environment: new (loader: unknown) => { renderString: (text: string, context: object) => string };
};

/** The parts of zombienet's parsed config (`LaunchConfig`) the tests read. */
export interface LaunchConfig {
  settings?: Record<string, unknown>;
  relaychain: Record<string, unknown> & { nodes?: Record<string, unknown>[] };
  parachains?: (Record<string, unknown> & { collators?: Record<string, unknown>[] })[];
}

/** The parts of zombienet's `ComputedNetwork` the tests read. */
export interface NetworkSpec {
  settings: { provider: string; timeout: number; image_pull_policy?: string };
  relaychain: {
    chain: string;
    defaultCommand: string;
    defaultImage: string;
    chainSpecPath?: string;
    genesis?: RelayGenesis;
    nodes: SpecNode[];
  };
  parachains: {
    id: number;
    cumulusBased: boolean;
    chainSpecPath?: string;
    collators: SpecNode[];
  }[];
}

export interface SpecNode {
  name: string;
  validator: boolean;
  command: string;
  image: string;
  rpcPort: number;
  externalPorts: { rpcPort: number };
  zombieRole: string;
}

export interface RelayGenesis {
  runtimeGenesis?: { patch?: { configuration?: { config?: HostConfigPatch } } };
}

export type HostConfigPatch = Record<string, unknown> & {
  async_backing_params?: Record<string, number>;
  scheduler_params?: Record<string, number>;
};

export interface PlainSpec {
  genesis: { runtimeGenesis: { code: string; patch: { configuration: { config: HostConfigPatch } } } };
}

export interface ZndslAssertion {
  original_line: string;
  parsed: { fn: string; args: Record<string, unknown> & { node_name?: string } };
}

export interface Zndsl {
  description: string;
  network: string;
  creds: string;
  assertions: ZndslAssertion[];
}

export interface Captured<T> {
  result: T;
  /** Everything printed meanwhile: console methods, raw stdout/stderr writes, process warnings. */
  output: string[];
}

/**
 * Runs `fn` with everything it prints captured: the console methods, raw writes to stdout and
 * stderr, and `process.emitWarning` (Node's channel for DeprecationWarning).
 */
export async function capture<T>(fn: () => Promise<T> | T): Promise<Captured<T>> {
  const output: string[] = [];
  const record = (...args: unknown[]) => {
    output.push(args.map(String).join(' '));
  };
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
  const saved = methods.map((m) => console[m]);
  const savedOut = process.stdout.write;
  const savedErr = process.stderr.write;
  const savedWarning = process.emitWarning;
  for (const m of methods) console[m] = record;
  const write = ((chunk: unknown) => {
    output.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  process.stdout.write = write;
  process.stderr.write = write;
  process.emitWarning = ((warning: unknown, ...rest: unknown[]) => record('warning:', warning, ...rest)) as typeof process.emitWarning;
  try {
    return { result: await fn(), output };
  } finally {
    methods.forEach((m, i) => (console[m] = saved[i]!));
    process.stdout.write = savedOut;
    process.stderr.write = savedErr;
    process.emitWarning = savedWarning;
  }
}

/**
 * Runs `fn` in `dir` with `process.exit` turned into an exception and free ports handed out
 * in sequence (from 40000: above the RPC ports the configs fix).
 */
async function inFolder<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const cwd = process.cwd();
  const exit = process.exit;
  const getRandomPort = net.getRandomPort;
  let nextPort = 40_000;
  net.getRandomPort = async () => nextPort++;
  process.exit = ((code?: number) => {
    throw new Error(`zombienet called process.exit(${code ?? ''})`);
  }) as typeof process.exit;
  process.chdir(dir);
  try {
    return await fn();
  } finally {
    process.chdir(cwd);
    process.exit = exit;
    net.getRandomPort = getRandomPort;
  }
}

function freshGenerateNetworkSpec(): (config: LaunchConfig) => Promise<NetworkSpec> {
  delete require.cache[CONFIG_GENERATOR];
  return (require(CONFIG_GENERATOR) as { generateNetworkSpec: (c: LaunchConfig) => Promise<NetworkSpec> }).generateNetworkSpec;
}

export interface LoadedNetwork {
  config: LaunchConfig;
  spec: NetworkSpec;
  /** What zombienet printed while loading and building. */
  output: string[];
}

/**
 * What `zombienet spawn <configPath>` does before it starts a process: `readNetworkConfig`, then
 * `generateNetworkSpec`, from `projectDir` (the README says to run zombienet from the root).
 */
export async function loadNetwork(projectDir: string, configPath: string): Promise<LoadedNetwork> {
  const generateNetworkSpec = freshGenerateNetworkSpec();
  const { result, output } = await capture(() =>
    inFolder(projectDir, async () => {
      const config = utils.readNetworkConfig(join(projectDir, configPath));
      const spec = await generateNetworkSpec(config);
      return { config, spec };
    }),
  );
  return { ...result, output };
}

/**
 * The files the README's steps build before `zombienet spawn`, as placeholders: zombienet only
 * checks at this stage that a `chain_spec_path` exists (from the folder it runs in).
 */
export function buildChainSpecs(p: { dir: string; settings: { omniNode: boolean; relayChain: string } }): void {
  if (p.settings.omniNode) writeFileSync(join(p.dir, 'chain_spec.json'), '{}\n');
  if (p.settings.relayChain === 'paseo-local') writeFileSync(join(p.dir, 'paseo-local.json'), `${JSON.stringify(relayPlainSpec())}\n`);
}

/** What `zombienet test <file>` does before it spawns: nunjucks, then the DSL parser. */
export function parseZndsl(text: string, baseDir: string): Zndsl {
  const env = new nunjucks.Environment(new utils.RelativeLoader([baseDir]));
  const rendered = env.renderString(text, process.env);
  return JSON.parse(dsl.parse_to_json(rendered)) as Zndsl;
}

/**
 * The relay chain's plain spec as `polkadot build-spec --chain rococo-local` writes it, reduced
 * to the part the async backing patch touches: a preset-built spec keeps the genesis as a patch
 * (`genesis.runtimeGenesis.patch`), and the rococo `local_testnet` preset sets
 * `configuration: ConfigurationConfig { config: HostConfiguration { .. } }` with these values
 * (polkadot/runtime/rococo/src/genesis_config_presets.rs).
 */
export function relayPlainSpec(): PlainSpec {
  return {
    genesis: {
      runtimeGenesis: {
        code: '0x00',
        patch: {
          configuration: {
            config: {
              validation_upgrade_cooldown: 2,
              validation_upgrade_delay: 2,
              async_backing_params: { max_candidate_depth: 3, allowed_ancestry_len: 2 },
              scheduler_params: { lookahead: 2, group_rotation_frequency: 20, paras_availability_period: 4, max_validators_per_core: 1 },
            },
          },
        },
      },
    },
  };
}

/**
 * Applies a relay genesis patch the way zombienet does at spawn (`changeGenesisConfig` on the
 * plain relay spec, in customizePlainRelayChain) and returns the resulting HostConfiguration.
 */
export async function mergeRelayGenesis(genesis: unknown): Promise<Captured<HostConfigPatch>> {
  const dir = mkdtempSync(join(tmpdir(), 'cap-zn-spec-'));
  const specPath = join(dir, 'rococo-local-plain.json');
  writeFileSync(specPath, JSON.stringify(relayPlainSpec()));
  try {
    return await capture(async () => {
      await chainSpec.changeGenesisConfig(specPath, genesis);
      return chainSpec.readAndParseChainSpec(specPath).genesis.runtimeGenesis.patch.configuration.config;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Field names of the relay runtime's host configuration on stable2412 to stable2512 (the same in
// polkadot-runtime-parachains 20.0.2, 22.0.1 and 24.0.0, polkadot-primitives 19, 21 and 22), from
// paritytech/polkadot-sdk: `HostConfiguration` in polkadot/runtime/parachains/src/configuration.rs
// (`#[serde(deny_unknown_fields)]`: an unknown key aborts the relay genesis build), and
// `SchedulerParams` / `AsyncBackingParams` in polkadot/primitives (no deny_unknown_fields: an
// unknown key such as `scheduling_lookahead` there is silently ignored, which is worse).

export const HOST_CONFIGURATION_FIELDS: readonly string[] = [
  'max_code_size',
  'max_head_data_size',
  'max_upward_queue_count',
  'max_upward_queue_size',
  'max_upward_message_size',
  'max_upward_message_num_per_candidate',
  'hrmp_max_message_num_per_candidate',
  'validation_upgrade_cooldown',
  'validation_upgrade_delay',
  'async_backing_params',
  'max_pov_size',
  'max_downward_message_size',
  'hrmp_max_parachain_outbound_channels',
  'hrmp_sender_deposit',
  'hrmp_recipient_deposit',
  'hrmp_channel_max_capacity',
  'hrmp_channel_max_total_size',
  'hrmp_max_parachain_inbound_channels',
  'hrmp_channel_max_message_size',
  'executor_params',
  'code_retention_period',
  'max_validators',
  'dispute_period',
  'dispute_post_conclusion_acceptance_period',
  'no_show_slots',
  'n_delay_tranches',
  'zeroth_delay_tranche_width',
  'needed_approvals',
  'relay_vrf_modulo_samples',
  'pvf_voting_ttl',
  'minimum_validation_upgrade_delay',
  'minimum_backing_votes',
  'node_features',
  'approval_voting_params',
  'scheduler_params',
];

export const SCHEDULER_PARAMS_FIELDS: readonly string[] = [
  'group_rotation_frequency',
  'paras_availability_period',
  'max_validators_per_core',
  'lookahead',
  'num_cores',
  'max_availability_timeouts',
  'on_demand_queue_max_size',
  'on_demand_target_queue_utilization',
  'on_demand_fee_variability',
  'on_demand_base_fee',
  'ttl',
];

export const ASYNC_BACKING_PARAMS_FIELDS: readonly string[] = ['max_candidate_depth', 'allowed_ancestry_len'];

/**
 * The relay genesis build runs `HostConfiguration::check_consistency` and panics on a failure
 * (configuration.rs, `GenesisBuild` -> `panic_if_not_consistent`). These are its rules on the
 * fields our patch sets; a field the patch leaves out keeps the relay preset's (or Default) value.
 */
export function hostConfigInconsistencies(config: HostConfigPatch): string[] {
  const scheduler = config.scheduler_params ?? {};
  const lookahead = scheduler.lookahead ?? 1;
  const ttl = scheduler.ttl ?? 5;
  const problems: string[] = [];
  if (ttl < lookahead) problems.push(`LookaheadExceedsTTL: ttl ${ttl} < lookahead ${lookahead}`);
  if (lookahead === 0) problems.push('LookaheadZero');
  return problems;
}

/** Keys of a host-configuration patch that the relay runtime does not have, as `path.key`. */
export function unknownHostConfigKeys(config: HostConfigPatch): string[] {
  const unknown: string[] = [];
  const check = (object: object | undefined, known: readonly string[], prefix: string) => {
    for (const key of Object.keys(object ?? {})) if (!known.includes(key)) unknown.push(prefix + key);
  };
  check(config, HOST_CONFIGURATION_FIELDS, '');
  check(config.async_backing_params, ASYNC_BACKING_PARAMS_FIELDS, 'async_backing_params.');
  check(config.scheduler_params, SCHEDULER_PARAMS_FIELDS, 'scheduler_params.');
  return unknown;
}
