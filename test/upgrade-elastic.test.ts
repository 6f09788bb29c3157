// `upgrade --phase 3 --velocity N`: elastic scaling on existing phase-3 chains, hand-written after
// patterns of real ones — a chain run by polkadot-omni-node whose consensus constants live in a
// crate of their own and whose 12 s launch slot was kept at async backing; the same chain with a
// node of its own (lookahead collator) on stable2509; and on stable2506, before elastic scaling.
// Each is upgraded by the built CLI and read back by `check`, zombienet's loader and its DSL parser.

import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RuntimeReport } from '../src/check/types.js';
import { BIN, edit, generate, readTree, removeTree } from './support/cli.js';
import { copyUpgradeFixture } from './support/upgrade-fixtures.js';
import { loadNetwork, parseZndsl } from './support/zombienet.js';

interface UpgradeJson {
  ok: boolean;
  exitCode: number;
  runtimes: { path: string; phaseBefore: number; applied: string[]; met: string[] }[];
  manual: { step: string; file: string | null; line: number | null; reason: string; snippet: string | null }[];
  files: string[];
  backup: string | null;
  notes: string[];
  warnings: string[];
  timing: string[];
  diff?: string;
}

const temps: string[] = [];
afterAll(() => temps.forEach(removeTree));

function fixture(name: string): string {
  const dir = copyUpgradeFixture(name);
  temps.push(dirname(dir));
  return dir;
}

function runCli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 << 20, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
    child.stdin?.end();
  });
}

async function upgrade(dir: string, args: string[]): Promise<{ code: number; json: UpgradeJson; stderr: string }> {
  const r = await runCli(['upgrade', dir, '--phase', '3', ...args, '--json']);
  try {
    return { code: r.code, json: JSON.parse(r.stdout) as UpgradeJson, stderr: r.stderr };
  } catch {
    throw new Error(`upgrade printed no JSON (exit ${r.code}): ${r.stderr}`);
  }
}

async function checkRuntime(dir: string): Promise<RuntimeReport> {
  const r = await runCli(['check', dir, '--json']);
  expect(r.code === 0 || r.code === 1, r.stderr).toBe(true);
  const runtimes = (JSON.parse(r.stdout) as { runtimes: RuntimeReport[] }).runtimes;
  expect(runtimes).toHaveLength(1);
  return runtimes[0]!;
}

function statuses(r: RuntimeReport): Record<string, string> {
  return Object.fromEntries(r.elasticScaling.items.map((i) => [i.id, i.status]));
}

/** Files of a tree without upgrade's backups. */
function project(dir: string): Map<string, string> {
  return new Map([...readTree(dir)].filter(([p]) => !p.startsWith('.async-parachain/')));
}

const OMNI = 'phase3-12s-slot-constants-crate';

describe('a phase-3 chain run by polkadot-omni-node, constants in a crate of their own, its 12 s slot kept', () => {
  it('goes to velocity 3, and check reads it as phase 3 with elastic scaling ready', async () => {
    const dir = fixture(OMNI);
    const before = await checkRuntime(dir);
    expect(before.phase).toBe(3);
    expect(before.elasticScaling.enabled).toBe(false);

    const { code, json, stderr } = await upgrade(dir, ['--velocity', '3']);
    expect(code, stderr + JSON.stringify(json.manual)).toBe(0);
    expect(json.manual).toEqual([]);
    expect(json.runtimes[0]!.applied).toEqual(['elastic:velocity', 'elastic:relay-parent-offset', 'elastic:capacity', 'elastic:offset-api', 'elastic:block-time']);
    expect(json.files).toEqual(['constants/src/lib.rs', 'runtime/src/lib.rs', 'zombienet/assign-cores.js', 'zombienet/network.toml', 'zombienet/smoke.zndsl']);
    expect(json.warnings.join('\n')).toMatch(/buy and assign 2 more/);
    expect(json.notes.join('\n')).toMatch(/--authoring slot-based/);
    // Timing by block number at the new 2 s blocks.
    expect(json.timing.join('\n')).toMatch(/MINUTES \(10 blocks = 1 min\).*30 blocks/);

    const after = await checkRuntime(dir);
    expect(after.phase).toBe(3);
    expect(after.elasticScaling).toMatchObject({ enabled: true, velocity: 3, relayParentOffset: 1, ready: 'yes' });
    expect(Object.values(statuses(after)).every((s) => s === 'pass'), JSON.stringify(after.elasticScaling.items)).toBe(true);
    expect(after.stalls).toEqual([]);

    // The live-chain rule: the Aura slot stays at 12 s; the block time the time units count falls to 2 s.
    const constants = readFileSync(join(dir, 'constants/src/lib.rs'), 'utf8');
    expect(constants).toContain('pub const SLOT_DURATION: u64 = 12000;');
    expect(constants).toContain('pub const MILLISECS_PER_BLOCK: u64 = 2000;');
    expect(constants).toContain('pub const BLOCK_PROCESSING_VELOCITY: u32 = 3;');
    // The offset next to its siblings, as they are written (public, in the constants crate), and
    // the capacity as `new` writes it.
    expect(constants).toMatch(/pub const BLOCK_PROCESSING_VELOCITY: u32 = 3;\n(\/\/\/[^\n]*\n)+pub const RELAY_PARENT_OFFSET: u32 = 1;\n/);
    expect(constants).toContain('pub const UNINCLUDED_SEGMENT_CAPACITY: u32 = (3 + RELAY_PARENT_OFFSET) * BLOCK_PROCESSING_VELOCITY;');
    const runtime = readFileSync(join(dir, 'runtime/src/lib.rs'), 'utf8');
    expect(runtime).toContain('type RelayParentOffset = ConstU32<{ chain_constants::RELAY_PARENT_OFFSET }>;');
    expect(runtime).toMatch(/\timpl cumulus_primitives_core::RelayParentOffsetApi<Block> for Runtime \{\n\t\tfn relay_parent_offset\(\) -> u32 \{\n\t\t\tchain_constants::RELAY_PARENT_OFFSET\n\t\t\}\n\t\}\n/);
    // Edited Rust stays as the project's rustfmt config formats it.
    for (const file of ['constants/src/lib.rs', 'runtime/src/lib.rs']) expect(rustfmtClean(dir, file), file).toBe(true);

    // zombienet's own loader: the relay genesis gives 2 more cores, the collator runs slot-based;
    // its DSL parser: the test assigns the cores right after the nodes are up.
    writeFileSync(join(dir, 'hub-spec.json'), '{}\n');
    const network = await loadNetwork(dir, 'zombienet/network.toml');
    const config = network.spec.relaychain.genesis?.runtimeGenesis?.patch?.configuration?.config;
    expect(config?.scheduler_params).toEqual({ num_cores: 2 });
    expect((network.spec.parachains[0]!.collators[0] as unknown as { args: string[] }).args.join(' ')).toContain('--authoring slot-based');
    const smoke = parseZndsl(readFileSync(join(dir, 'zombienet/smoke.zndsl'), 'utf8'), join(dir, 'zombienet'));
    const lines = smoke.assertions.map((a) => a.original_line);
    expect(lines).toEqual([
      'alice: is up',
      'collator-01: is up',
      'alice: js-script ./assign-cores.js with "2000,0,1" return is 0 within 300 seconds',
      'collator-01: reports block height is at least 10 within 300 seconds',
    ]);
    const script = readFileSync(join(dir, 'zombienet/assign-cores.js'), 'utf8');
    expect(script).toContain('api.tx.coretime.assignCore(core, 0, whole, null)');
    expect(script).not.toMatch(/README/);

    // A second run changes nothing.
    const again = await upgrade(dir, ['--velocity', '3']);
    expect(again.code).toBe(0);
    expect(again.json.files).toEqual([]);
  });

  it('--dry-run prints the diff and writes nothing', async () => {
    const dir = fixture(OMNI);
    const before = project(dir);
    const { code, json } = await upgrade(dir, ['--velocity', '3', '--dry-run']);
    expect(code).toBe(0);
    expect(project(dir)).toEqual(before);
    expect(existsSync(join(dir, '.async-parachain'))).toBe(false);
    const diff = json.diff!;
    expect(diff).toContain('-pub const MILLISECS_PER_BLOCK: u64 = 6000;\n+pub const MILLISECS_PER_BLOCK: u64 = 2000;');
    expect(diff).toContain('-\ttype RelayParentOffset = ConstU32<0>;\n+\ttype RelayParentOffset = ConstU32<{ chain_constants::RELAY_PARENT_OFFSET }>;');
    expect(diff).toMatch(/^--- \/dev\/null\s*\n\+\+\+ b\/zombienet\/assign-cores\.js/m);
    expect(diff).toContain('+[relaychain.genesis.runtimeGenesis.patch.configuration.config.scheduler_params]\n+num_cores = 2');
    expect(diff).toContain('+default_args = ["--authoring", "slot-based"]');
    // The slot is not in the diff: it stays.
    expect(diff).not.toMatch(/^[-+].*SLOT_DURATION/m);
  });

  it('a relay parent offset of 2 and a capacity of the team\'s own', async () => {
    const dir = fixture(OMNI);
    const { code, json } = await upgrade(dir, ['--velocity', '2', '--relay-parent-offset', '2', '--capacity', '11']);
    expect(code, JSON.stringify(json.manual)).toBe(0);
    const constants = readFileSync(join(dir, 'constants/src/lib.rs'), 'utf8');
    expect(constants).toContain('pub const RELAY_PARENT_OFFSET: u32 = 2;');
    expect(constants).toContain('pub const UNINCLUDED_SEGMENT_CAPACITY: u32 = 11;');
    expect(constants).toContain('pub const MILLISECS_PER_BLOCK: u64 = 3000;');
    const after = await checkRuntime(dir);
    expect(after.elasticScaling).toMatchObject({ velocity: 2, relayParentOffset: 2, ready: 'yes' });
    // Velocity 3 later: 11 is below (3 + 2) × 3, so the capacity becomes the formula.
    const more = await upgrade(dir, ['--velocity', '3', '--relay-parent-offset', '2']);
    expect(more.code).toBe(0);
    expect(readFileSync(join(dir, 'constants/src/lib.rs'), 'utf8')).toContain('pub const UNINCLUDED_SEGMENT_CAPACITY: u32 = (3 + RELAY_PARENT_OFFSET) * BLOCK_PROCESSING_VELOCITY;');
    expect((await checkRuntime(dir)).elasticScaling).toMatchObject({ velocity: 3, relayParentOffset: 2, ready: 'yes' });
  });

  it('--slot-duration changes the slot only when asked, with the warning', async () => {
    const dir = fixture(OMNI);
    const { code, json } = await upgrade(dir, ['--velocity', '3', '--slot-duration', '24000']);
    expect(code).toBe(0);
    expect(json.warnings.join('\n')).toMatch(/--slot-duration changes the Aura slot to 24000 ms/);
    expect(readFileSync(join(dir, 'constants/src/lib.rs'), 'utf8')).toContain('pub const SLOT_DURATION: u64 = 24000;');
  });
});

describe('a JSON network config whose collators ask for the lookahead collator', () => {
  const network = {
    relaychain: { chain: 'westend-local', default_command: 'polkadot', nodes: ['alice', 'bob', 'charlie'].map((name) => ({ name, validator: true })) },
    parachains: [{ id: 2000, chain_spec_path: './hub-spec.json', collators: [{ name: 'collator-01', command: 'polkadot-omni-node', args: ['--authoring', 'lookahead'] }] }],
  };

  it('is edited as data when written as JSON.stringify writes it, and read back ready', async () => {
    const dir = fixture(OMNI);
    removeTree(join(dir, 'zombienet/network.toml'));
    writeFileSync(join(dir, 'zombienet/network.json'), `${JSON.stringify(network, null, 2)}\n`);
    edit(join(dir, 'zombienet/smoke.zndsl'), './network.toml', './network.json');
    const { code, json } = await upgrade(dir, ['--velocity', '3']);
    expect(code, JSON.stringify(json.manual)).toBe(0);
    const edited = JSON.parse(readFileSync(join(dir, 'zombienet/network.json'), 'utf8')) as typeof network & { relaychain: { genesis: unknown } };
    expect(edited.relaychain.genesis).toEqual({ runtimeGenesis: { patch: { configuration: { config: { scheduler_params: { num_cores: 2 } } } } } });
    expect(edited.parachains[0]!.collators[0]!.args).toEqual(['--authoring', 'slot-based']);
    expect((await checkRuntime(dir)).elasticScaling.ready).toBe('yes');
  });

  it('otherwise is left to the team with the patch in JSON, and no core is assigned that the relay does not add', async () => {
    const dir = fixture(OMNI);
    removeTree(join(dir, 'zombienet/network.toml'));
    writeFileSync(join(dir, 'zombienet/network.json'), `${JSON.stringify(network)}\n`);
    edit(join(dir, 'zombienet/smoke.zndsl'), './network.toml', './network.json');
    const { code, json } = await upgrade(dir, ['--velocity', '3']);
    expect(code).toBe(1);
    expect(json.manual).toHaveLength(1);
    expect(json.manual[0]).toMatchObject({ step: 'elastic:relay-cores', file: 'zombienet/network.json' });
    expect(JSON.parse(json.manual[0]!.snippet!)).toEqual({
      relaychain: { genesis: { runtimeGenesis: { patch: { configuration: { config: { scheduler_params: { num_cores: 2 } } } } } } },
      parachains: [{ default_args: ['--authoring', 'slot-based'] }],
    });
    expect(json.files).not.toContain('zombienet/assign-cores.js');
    expect(json.files).not.toContain('zombienet/smoke.zndsl');
  });
});

describe('elastic scaling refused before the releases that have it', () => {
  it('stable2506: one sentence naming stable2509, exit 1, nothing written', async () => {
    const dir = fixture('phase3-on-stable2506');
    const before = project(dir);
    const r = await runCli(['upgrade', dir, '--phase', '3', '--velocity', '3']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/polkadot-stable2506, which has no elastic scaling .* needs polkadot-sdk stable2509 or later/);
    expect(project(dir)).toEqual(before);
  });

  it('velocity above 1 before phase 3: refused by the settings rule', async () => {
    const dir = fixture(OMNI);
    const r = await runCli(['upgrade', dir, '--phase', '2', '--velocity', '3']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--velocity 3: must be 1 in phase 2/);
  });
});

describe('a phase-3 chain with a node of its own (lookahead collator), on stable2509', () => {
  it('gets the runtime edits and the core commitments feature; the slot-based collator is a manual step with the release\'s code', async () => {
    const dir = fixture('phase3-lookahead-node-stable2509');
    const { code, json } = await upgrade(dir, ['--velocity', '3']);
    expect(code).toBe(1);
    expect(json.runtimes[0]!.applied).toContain('elastic:ump-signals');
    expect(readFileSync(join(dir, 'runtime/Cargo.toml'), 'utf8')).toContain('cumulus-pallet-parachain-system = { version = "0.23.2", default-features = false, features = ["experimental-ump-signals"] }');
    const manual = json.manual.map((m) => m.step);
    expect(manual).toEqual(['elastic:collator']);
    const collator = json.manual[0]!;
    expect(collator).toMatchObject({ file: 'node/src/service.rs', line: 54 });
    expect(collator.reason).toMatch(/runs cumulus_client_consensus_aura::collators::lookahead::run/);
    // The generated project's code for stable2509: the block import and the collator.
    expect(collator.snippet).toContain('SlotBasedBlockImport::new(client.clone(), client.clone());');
    expect(collator.snippet).toContain('slot_based::run::<Block, sp_consensus_aura::sr25519::AuthorityPair, _, _, _, _, _, _, _, _, _>(');
    expect(collator.snippet).toContain('authoring_duration: Duration::from_millis(2000),');
    expect(collator.snippet).not.toContain('collator_peer_id');
    // The node is not edited.
    expect(json.files).not.toContain('node/src/service.rs');

    const after = await checkRuntime(dir);
    expect(after.phase).toBe(3);
    const s = statuses(after);
    expect(s.collator).toBe('fail');
    for (const id of ['release', 'velocity', 'relay-parent-offset', 'offset-api', 'capacity', 'minimum-period', 'block-time', 'aura-slot', 'ump-signals', 'relay-cores', 'validators']) expect(s[id], id).toBe('pass');
    expect(after.elasticScaling.ready).toBe('no');
  });
});

describe('the edits and the generated project agree', () => {
  it('the runtime code upgrade writes is the code `new --velocity 3` generates', async () => {
    const dir = generate('elastic-agree', ['--sdk', 'stable2512', '--velocity', '3']);
    temps.push(dirname(dir));
    const tree = readTree(dir);
    const upgraded = fixture(OMNI);
    await upgrade(upgraded, ['--velocity', '3']);
    const added = (file: string) => readFileSync(join(upgraded, file), 'utf8').split('\n').map((l) => l.trim());
    const lines = [...added('constants/src/lib.rs'), ...added('runtime/src/lib.rs')].filter((l) => /RELAY_PARENT_OFFSET|RelayParentOffset|relay_parent_offset|relay chain fork|slot-based collator reads/.test(l));
    // Names aside (the fixture's constants crate, the template's module) and where rustfmt breaks
    // a line, each line is the template's.
    const normalise = (t: string) => t.replace(/chain_constants::|crate::/g, '').replace(/pub(\(crate\))? /g, '').replace(/ConstU32<\{ (\w+) \}>/g, 'ConstU32<$1>').replace(/\s+/g, ' ');
    const generated = normalise([...tree.values()].join('\n'));
    expect(lines.length).toBeGreaterThan(6);
    expect(lines.map(normalise).filter((l) => !generated.includes(l))).toEqual([]);
  });
});

function rustfmtClean(dir: string, file: string): boolean {
  const r = spawnSync('rustfmt', ['--check', '--edition', '2021', '--config-path', join(dir, 'rustfmt.toml')], { input: readFileSync(join(dir, file), 'utf8'), encoding: 'utf8' });
  if (r.error) throw r.error;
  return r.status === 0;
}
