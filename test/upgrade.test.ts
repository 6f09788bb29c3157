// `upgrade` on hand-written projects, each reproducing a pattern of real chains: upgraded to
// phases 1, 2 and 3 by the built CLI, then read back by `check`; idempotence, dry runs, atomic
// writes, refusals, the team's choices, and the style of the edits.

import { execFile, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GUIDE_STEPS } from '../src/guide/steps.js';
import { BIN, ROOT, edit, readTree, removeTree, tempFolder } from './support/cli.js';
import { copyUpgradeFixture } from './support/upgrade-fixtures.js';


interface StepJson {
  id: string;
  status: string;
  message: string;
}
interface CheckJson {
  runtimes: { path: string; phase: number; prerequisite: { status: string; message: string }; steps: StepJson[] }[];
}
interface UpgradeJson {
  ok: boolean;
  exitCode: number;
  runtimes: { path: string; phaseBefore: number; phaseAfter?: number; open?: string[]; applied: string[]; met: string[] }[];
  manual: { step: string; file: string | null; line: number | null; reason: string; snippet: string | null }[];
  files: string[];
  backup: string | null;
  warnings: string[];
  timing: string[];
  diff?: string;
}

/**
 * The built CLI in a subprocess, without blocking the test worker (an upgrade takes seconds on a
 * loaded machine).
 */
function runCli(args: readonly string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', ...options.env }, maxBuffer: 64 << 20, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
    child.stdin?.end();
  });
}

async function check(dir: string): Promise<CheckJson> {
  const r = await runCli(['check', dir, '--json']);
  expect(r.code === 0 || r.code === 1, r.stderr).toBe(true);
  return JSON.parse(r.stdout) as CheckJson;
}

async function upgrade(dir: string, args: string[]): Promise<{ code: number; json: UpgradeJson; stderr: string }> {
  const r = await runCli(['upgrade', dir, ...args, '--json']);
  let json: UpgradeJson;
  try {
    json = JSON.parse(r.stdout) as UpgradeJson;
  } catch {
    throw new Error(`upgrade printed no JSON (exit ${r.code}): ${r.stderr}`);
  }
  return { code: r.code, json, stderr: r.stderr };
}

/** Files of a tree without upgrade's backups. */
function project(dir: string): Map<string, string> {
  return new Map([...readTree(dir)].filter(([p]) => !p.startsWith('.async-parachain/')));
}

const rustfmtConfig = (dir: string) => (existsSync(join(dir, 'rustfmt.toml')) ? join(dir, 'rustfmt.toml') : null);

function rustfmtClean(dir: string, file: string, text?: string): boolean {
  const config = rustfmtConfig(dir)!;
  const r = spawnSync('rustfmt', ['--check', '--edition', '2021', '--config-path', config], { input: text ?? readFileSync(join(dir, file), 'utf8'), encoding: 'utf8' });
  if (r.error) throw r.error;
  return r.status === 0;
}

const runtimeStep = (id: string) => GUIDE_STEPS.find((s) => s.id === id)!;

const FIXTURE_CASES = [
  { name: 'sync-backing-basic-collator', node: 'basic' },
  { name: 'shared-constants-crate', node: 'basic' },
  { name: 'runtime-only-configs-module', node: 'none' },
  { name: 'polkadot-v1-git-branch', node: 'basic' },
  { name: 'aura-consensus-node', node: 'legacy' },
  { name: 'workspace-cargo-lock', node: 'basic' },
] as const;

describe.each(FIXTURE_CASES)('upgrade $name', ({ name, node }) => {
  it.each([1, 2, 3])('to phase %i: check reads the phase back, a second run changes nothing', async (phase) => {
    const dir = copyUpgradeFixture(name);
    const before = project(dir);
    const first = await upgrade(dir, ['--phase', String(phase)]);
    const legacyLeft = node === 'legacy' && phase >= 2;
    expect(first.code, first.stderr).toBe(legacyLeft ? 1 : 0);
    expect(first.json.files.length).toBeGreaterThan(0);
    expect(first.json.backup).toMatch(/^\.async-parachain\/backup\//);
    for (const file of first.json.files) expect(readFileSync(join(dir, first.json.backup!, file), 'utf8')).toBe(before.get(file));

    const report = await check(dir);
    for (const runtime of report.runtimes) {
      if (legacyLeft) {
        // The node is left to the team: every runtime step up to the phase passes.
        const runtimeSteps = runtime.steps.filter((s) => runtimeStep(s.id).side === 'runtime' && runtimeStep(s.id).phase <= phase);
        expect(runtimeSteps.filter((s) => s.status !== 'pass').map((s) => `${s.id}: ${s.message}`)).toEqual([]);
        expect(runtime.phase).toBe(1);
      } else {
        expect(runtime.phase, JSON.stringify(runtime.steps.filter((s) => s.status === 'fail'))).toBeGreaterThanOrEqual(phase);
      }
    }
    if (legacyLeft) {
      const manual = first.json.manual.filter((m) => m.step.startsWith('2.'));
      expect(manual.map((m) => m.step).sort()).toEqual(['2.1', '2.2', '2.3', '2.4', '2.5', '2.6']);
      for (const m of manual) {
        expect(m.file).toBe('node/src/service.rs');
        expect(m.line).toBeGreaterThan(0);
        expect(m.reason).toMatch(/AuraConsensus/);
        expect(m.snippet).toBeTruthy();
      }
      expect(manual.find((m) => m.step === '2.6')!.snippet).toMatch(/aura::run::<Block, sp_consensus_aura::sr25519::AuthorityPair(, _){9}>/);
    } else {
      expect(first.json.manual).toEqual([]);
    }

    // Edited Rust stays rustfmt-clean under the project's config (files that were clean before).
    if (rustfmtConfig(dir)) {
      for (const file of first.json.files.filter((f) => f.endsWith('.rs'))) {
        if (rustfmtClean(dir, file, before.get(file))) expect(rustfmtClean(dir, file), file).toBe(true);
      }
    }

    const afterFirst = project(dir);
    const second = await upgrade(dir, ['--phase', String(phase)]);
    expect(second.code).toBe(first.code);
    expect(second.json.files).toEqual([]);
    expect(project(dir)).toEqual(afterFirst);
    removeTree(dirname(dir));
  });
});

describe('upgrade writes in the project style', () => {
  it('keeps line endings, indentation, the live slot, and puts shared constants where they live', async () => {
    const dir = copyUpgradeFixture('shared-constants-crate');
    const r = await upgrade(dir, ['--phase', '3']);
    expect(r.code, r.stderr).toBe(0);
    const common = readFileSync(join(dir, 'runtime/common/src/lib.rs'), 'utf8');
    expect(common).not.toMatch(/[^\r]\n/);
    expect(common).toMatch(/pub const MILLISECS_PER_BLOCK: u64 = 6000;\r\n/);
    // The Aura slot of a running chain is kept; blocks share it.
    expect(common).toMatch(/pub const SLOT_DURATION: u64 = 12000;\r\n/);
    const mainnet = readFileSync(join(dir, 'runtime/mainnet/src/lib.rs'), 'utf8');
    expect(mainnet).not.toMatch(/\t/);
    expect(mainnet).toMatch(/\n {4}type AllowMultipleBlocksPerSlot = ConstBool<true>;\n/);
    expect(mainnet).toMatch(/\n {8}fn can_build_upon\(\n {12}included_hash/);
    // The shared crate's constants are edited once, for both runtimes.
    expect(r.json.files.filter((f) => f === 'runtime/common/src/lib.rs')).toHaveLength(1);
    // Workspace-inherited dependency, with its std feature, and in the workspace's table.
    expect(readFileSync(join(dir, 'runtime/devnet/Cargo.toml'), 'utf8')).toMatch(/\ncumulus-primitives-aura = \{ workspace = true \}\n[\s\S]*\n {2}"cumulus-primitives-aura\/std",\n/);
    expect(readFileSync(join(dir, 'Cargo.toml'), 'utf8')).toMatch(/\ncumulus-primitives-aura = \{ version = "0\.4\.0", default-features = false \}\n/);
    // The consensus start is passed to the generic service as a value: the service calls it
    // with the backend, and its `FnOnce` bound takes it.
    const service = readFileSync(join(dir, 'node/src/service.rs'), 'utf8');
    expect(service).toMatch(/\tSC: FnOnce\(\n\t\tArc<ParachainClient<RuntimeApi>>,\n\t\tArc<ParachainBackend>,\n/);
    expect(service).toMatch(/\t\tstart_consensus\(\n\t\t\tclient\.clone\(\),\n\t\t\tbackend,\n/);
    expect(service).toMatch(/fn start_aura_consensus<RuntimeApi>\(\n\tclient: Arc<ParachainClient<RuntimeApi>>,\n\tbackend: Arc<ParachainBackend>,\n/);
    // Timing by block number: durations derived from the block time are named.
    expect(r.json.timing.join('\n')).toMatch(/MINUTES/);
    expect(r.json.timing.join('\n')).toMatch(/DAYS/);
    removeTree(dirname(dir));
  });

  it('writes the node for the release: generic arguments, fields and imports', async () => {
    const dir = copyUpgradeFixture('polkadot-v1-git-branch');
    expect((await upgrade(dir, ['--phase', '2'])).code).toBe(0);
    const service = readFileSync(join(dir, 'node/src/service.rs'), 'utf8');
    // polkadot-v1.9.0: 11 type parameters, `reinitialize`, no `slot_duration`, no basic-only field.
    expect(service).toMatch(/aura::run::<Block, AuraPair(, _){9}>\(AuraParams \{/);
    expect(service).toMatch(/\n {8}reinitialize: false,\n/);
    expect(service).not.toMatch(/slot_duration:|collation_request_receiver/);
    expect(service).toMatch(/\n {8}\+ cumulus_primitives_aura::AuraUnincludedSegmentApi<Block>,\n/);
    expect(readFileSync(join(dir, 'runtime/Cargo.toml'), 'utf8')).toMatch(/cumulus-pallet-parachain-system = \{ workspace = true, features = \["parameterized-consensus-hook"\] \}/);
    expect(readFileSync(join(dir, 'Cargo.toml'), 'utf8')).toMatch(/\ncumulus-primitives-aura = \{ git = "https:\/\/github.com\/paritytech\/polkadot-sdk", branch = "release-polkadot-v1.9.0", default-features = false \}\n/);
    // pallet-aura's SlotDuration exists only under its experimental feature on v1.9.0.
    expect(readFileSync(join(dir, 'runtime/src/lib.rs'), 'utf8')).toMatch(/#\[cfg\(feature = "experimental"\)\]\n {4}type SlotDuration = frame_support::traits::ConstU64<SLOT_DURATION>;/);
    // ... so the runtime declares that feature, forwarding to pallet-aura's: the item is then
    // compiled with `--features experimental`, and rustc has no unknown cfg value to warn of.
    expect(readFileSync(join(dir, 'runtime/Cargo.toml'), 'utf8')).toMatch(/\n {4}"pallet-aura\/std",\n\]\nexperimental = \["pallet-aura\/experimental"\]\n$/);
    removeTree(dirname(dir));
  });

  it('fixes a relay genesis patch that sets the async backing params too low', async () => {
    const dir = copyUpgradeFixture('sync-backing-basic-collator');
    expect((await upgrade(dir, ['--phase', '3'])).code).toBe(0);
    const config = readFileSync(join(dir, 'zombienet/config.toml'), 'utf8');
    expect(config).toMatch(/\nmax_candidate_depth = 2\nallowed_ancestry_len = 1\n/);
    expect(config).toMatch(/\[relaychain\.genesis\.runtimeGenesis\.patch\.configuration\.config\.scheduler_params\]\nlookahead = 3\n/);
    const prereq = (await check(dir)).runtimes[0]!.prerequisite;
    expect(prereq.status, prereq.message).toBe('pass');
    removeTree(dirname(dir));
  });
});

describe('upgrade: a Nimbus runtime with the three-parameter consensus hook', () => {
  it('asks for no relay slot constant the hook never reads', async () => {
    const dir = join(tempFolder('cap-upgrade-'), 'repo');
    cpSync(join(ROOT, 'test', 'fixtures', 'check', 'nimbus-consensus'), dir, { recursive: true });
    const lib = join(dir, 'runtime/src/lib.rs');
    edit(lib, 'pub const RELAY_CHAIN_SLOT_DURATION_MILLIS: u32 = 6000;\n', '');
    edit(lib, 'BlockExecutor = pallet_author_inherent::BlockExecutor::<Runtime, Executive>,', 'BlockExecutor = pallet_author_inherent::BlockExecutor::<Runtime, Executive>,\n\tCheckInherents = CheckInherents,');
    const r = await upgrade(dir, ['--phase', '3']);
    expect(r.json.manual).toEqual([]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(lib, 'utf8')).not.toContain('RELAY_CHAIN_SLOT_DURATION_MILLIS');
    expect((await check(dir)).runtimes[0]!.phase).toBe(3);
    removeTree(dirname(dir));
  });
});

describe('upgrade: a block time counted in seconds', () => {
  it('lowers SECS_PER_BLOCK where MILLISECS_PER_BLOCK is SECS_PER_BLOCK * 1000, and keeps the slot', async () => {
    const dir = copyUpgradeFixture('shared-constants-crate');
    const common = join(dir, 'runtime/common/src/lib.rs');
    edit(common, 'pub const MILLISECS_PER_BLOCK: u64 = 12000;', 'pub const SECS_PER_BLOCK: u64 = 12;\npub const MILLISECS_PER_BLOCK: u64 = SECS_PER_BLOCK * 1000;');
    const r = await upgrade(dir, ['--phase', '3']);
    expect(r.json.manual).toEqual([]);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(common, 'utf8');
    expect(text).toContain('pub const SECS_PER_BLOCK: u64 = 6;\npub const MILLISECS_PER_BLOCK: u64 = SECS_PER_BLOCK * 1000;');
    expect(text).toMatch(/pub const SLOT_DURATION: u64 = 12000;/);
    expect((await check(dir)).runtimes.map((x) => x.phase)).toEqual([3, 3]);
    removeTree(dirname(dir));
  });
});

describe("upgrade: the team's authoring duration", () => {
  it('keeps a duration the guide accepts when other node steps are edited, and replaces it only when asked', async () => {
    const dir = copyUpgradeFixture('sync-backing-basic-collator');
    expect((await upgrade(dir, ['--phase', '2', '--authoring-duration', '1500'])).code).toBe(0);
    const service = join(dir, 'node/src/service.rs');
    // Step 2.2 undone by hand: upgrade edits it again and leaves the 1500 ms alone.
    edit(service, /backend: backend\.clone\(\),\n(\s*)network/, 'backend,\n$1network');
    let r = await upgrade(dir, ['--phase', '2']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json.runtimes[0]!.applied).toEqual(['2.2']);
    expect(readFileSync(service, 'utf8')).toContain('authoring_duration: Duration::from_millis(1500)');
    r = await upgrade(dir, ['--phase', '2', '--authoring-duration', '1800']);
    expect(readFileSync(service, 'utf8')).toContain('authoring_duration: Duration::from_millis(1800)');
    removeTree(dirname(dir));
  });
});

describe('upgrade: check judges the edited tree', () => {
  it('exits 1 naming the step check still cannot pass, instead of claiming the phase', async () => {
    const dir = copyUpgradeFixture('sync-backing-basic-collator');
    expect((await upgrade(dir, ['--phase', '2'])).code).toBe(0);
    // The team computes the authoring duration at run time: check cannot tell it, upgrade leaves it.
    edit(join(dir, 'node/src/service.rs'), 'authoring_duration: Duration::from_millis(2000),', 'authoring_duration: authoring_duration(&parachain_config),');
    const r = await upgrade(dir, ['--phase', '2']);
    expect(r.code).toBe(1);
    expect(r.json.runtimes[0]).toMatchObject({ phaseAfter: 1, open: ['2.5 unknown'] });
    const text = await runCli(['upgrade', dir, '--phase', '2']);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('Not yet phase 2: check reads runtime at phase 1 after the edits (2.5 unknown).');
    removeTree(dirname(dir));
  });
});

describe('upgrade: JSON relay genesis patches', () => {
  const jsonConfig = (scheduler: string) =>
    `{\n  "relaychain": {\n    "default_command": "polkadot",\n    "chain": "rococo-local",\n    "genesis": {\n      "runtimeGenesis": {\n        "patch": {\n          "configuration": {\n            "config": {\n${scheduler}              "async_backing_params": {\n                "max_candidate_depth": 3,\n                "allowed_ancestry_len": 2\n              }\n            }\n          }\n        }\n      }\n    },\n    "nodes": [{ "name": "alice", "validator": true }, { "name": "bob", "validator": true }]\n  },\n  "parachains": [{ "id": 1000, "collator": { "name": "c", "command": "./target/release/parachain-template-node" } }]\n}\n`;

  it('renames scheduler_params.scheduling_lookahead, a field of no release, to lookahead', async () => {
    const dir = copyUpgradeFixture('sync-backing-basic-collator');
    writeFileSync(join(dir, 'zombienet/config.toml'), '');
    writeFileSync(join(dir, 'zombienet/config.json'), jsonConfig('              "scheduler_params": {\n                "scheduling_lookahead": 1\n              },\n'));
    expect((await upgrade(dir, ['--phase', '3'])).code).toBe(0);
    const config = readFileSync(join(dir, 'zombienet/config.json'), 'utf8');
    expect(config).toContain('"scheduler_params": {\n                "lookahead": 2\n              },');
    expect(config.match(/"scheduler_params"/g)).toHaveLength(1);
    const prereq = (await check(dir)).runtimes[0]!.prerequisite;
    expect(prereq.status, prereq.message).toBe('pass');
    removeTree(dirname(dir));
  });

  it('adds the lookahead inside an existing scheduler_params object, never a second one', async () => {
    const dir = copyUpgradeFixture('sync-backing-basic-collator');
    writeFileSync(join(dir, 'zombienet/config.toml'), '');
    writeFileSync(join(dir, 'zombienet/config.json'), jsonConfig('              "scheduler_params": {\n                "num_cores": 1\n              },\n'));
    expect((await upgrade(dir, ['--phase', '3'])).code).toBe(0);
    const config = readFileSync(join(dir, 'zombienet/config.json'), 'utf8');
    expect(config).toContain('"scheduler_params": {\n                "lookahead": 3,\n                "num_cores": 1\n              },');
    expect(config.match(/"scheduler_params"/g)).toHaveLength(1);
    expect(() => JSON.parse(config)).not.toThrow();
    removeTree(dirname(dir));
  });
});

describe('upgrade choices', () => {
  it('--authoring-duration, --capacity and --velocity go through the settings schema', async () => {
    const dir = copyUpgradeFixture('sync-backing-basic-collator');
    const r = await upgrade(dir, ['--phase', '3', '--authoring-duration', '1500', '--capacity', '4']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'node/src/service.rs'), 'utf8')).toMatch(/authoring_duration: Duration::from_millis\(1500\)/);
    expect(readFileSync(join(dir, 'runtime/src/lib.rs'), 'utf8')).toMatch(/const UNINCLUDED_SEGMENT_CAPACITY: u32 = 4;/);
    removeTree(dirname(dir));
    const refused = await runCli(['upgrade', copyUpgradeFixture('sync-backing-basic-collator'), '--phase', '1', '--capacity', '3']);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/--capacity 3: must be 1 in phase 1/);
  });

  it('--velocity above 1 (elastic scaling) on a release without it is refused, naming the first release with it', async () => {
    const dir = copyUpgradeFixture('sync-backing-basic-collator');
    const before = readFileSync(join(dir, 'runtime/src/lib.rs'), 'utf8');
    const refused = await runCli(['upgrade', dir, '--phase', '3', '--velocity', '2']);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/polkadot-v1\.1\.0, which has no elastic scaling \(velocity 2\): it needs polkadot-sdk stable2509 or later/);
    expect(readFileSync(join(dir, 'runtime/src/lib.rs'), 'utf8')).toBe(before);
    removeTree(dirname(dir));
  });

  it('keeps the Aura slot unless --slot-duration asks, and warns when it does', async () => {
    const dir = copyUpgradeFixture('sync-backing-basic-collator');
    const r = await upgrade(dir, ['--phase', '3', '--slot-duration', '6000']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json.warnings.join(' ')).toMatch(/--slot-duration changes the Aura slot to 6000 ms/);
    const lib = readFileSync(join(dir, 'runtime/src/lib.rs'), 'utf8');
    expect(lib).toMatch(/pub const MILLISECS_PER_BLOCK: u64 = 6000;/);
    expect(lib).toMatch(/pub const SLOT_DURATION: u64 = MILLISECS_PER_BLOCK;/);
    expect((await check(dir)).runtimes[0]!.phase).toBe(3);
    removeTree(dirname(dir));
    const bad = await runCli(['upgrade', copyUpgradeFixture('sync-backing-basic-collator'), '--phase', '3', '--slot-duration', '7000']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--slot-duration 7000: must be a multiple of the block time \(6000 ms\)/);
  });

  it('--runtime upgrades one runtime of several', async () => {
    const dir = copyUpgradeFixture('shared-constants-crate');
    const r = await upgrade(dir, ['--phase', '1', '--runtime', 'runtime/devnet']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json.runtimes.map((x) => x.path)).toEqual(['runtime/devnet']);
    expect(r.json.files).not.toContain('runtime/mainnet/src/lib.rs');
    const phases = Object.fromEntries((await check(dir)).runtimes.map((x) => [x.path, x.phase]));
    expect(phases).toEqual({ 'runtime/devnet': 1, 'runtime/mainnet': 0 });
    const unknown = await runCli(['upgrade', dir, '--phase', '1', '--runtime', 'runtime/nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/runtime\/nope is not a parachain runtime of this repository; its runtimes are runtime\/devnet, runtime\/mainnet/);
    removeTree(dirname(dir));
  });
});

describe('upgrade safety', () => {
  it('--dry-run prints the diff and the manual steps, and writes nothing', async () => {
    const dir = copyUpgradeFixture('aura-consensus-node');
    const before = readTree(dir);
    const text = await runCli(['upgrade', dir, '--phase', '3', '--dry-run']);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^--- a\/runtime\/src\/lib\.rs/m);
    expect(text.stdout).toMatch(/\+\ttype AllowMultipleBlocksPerSlot = ConstBool<true>;|-\ttype AllowMultipleBlocksPerSlot = ConstBool<false>;/);
    expect(text.stdout).toMatch(/Manual steps/);
    expect(text.stdout).toMatch(/2\.4 node\/src\/service\.rs:\d+: the node still starts the pre-collator AuraConsensus/);
    const json = await upgrade(dir, ['--phase', '3', '--dry-run']);
    expect(json.json.diff).toMatch(/^\+\+\+ b\/runtime\/src\/lib\.rs/m);
    expect(json.json.backup).toBeNull();
    expect(readTree(dir)).toEqual(before);
    removeTree(dirname(dir));
  });

  it('a failure injected in the middle of the write leaves every file as it was', async () => {
    const dir = copyUpgradeFixture('shared-constants-crate');
    const before = readTree(dir);
    const r = await runCli(['upgrade', dir, '--phase', '3'], { env: { CREATE_ASYNC_PARACHAIN_FAULT: 'fail-after:3' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/injected failure after 3 files/);
    expect(readTree(dir)).toEqual(before);
    removeTree(dirname(dir));
  });

  it('refuses a folder with no Cumulus runtime, with one sentence', async () => {
    const dir = copyUpgradeFixture('sync-backing-basic-collator');
    removeTree(join(dir, 'runtime'));
    writeFileSync(join(dir, 'Cargo.toml'), '[workspace]\nmembers = ["node"]\n');
    const before = readTree(dir);
    const r = await runCli(['upgrade', dir, '--phase', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/Nothing to upgrade: no Cumulus parachain runtime found/);
    expect(readTree(dir)).toEqual(before);
    removeTree(dirname(dir));
  });

  it('never downgrades', async () => {
    const dir = copyUpgradeFixture('runtime-only-configs-module');
    expect((await upgrade(dir, ['--phase', '3'])).code).toBe(0);
    const before = project(dir);
    const r = await runCli(['upgrade', dir, '--phase', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/runtime already meets phase 3; upgrade --phase 1 would move it back, and upgrade never downgrades/);
    expect(project(dir)).toEqual(before);
    removeTree(dirname(dir));
  });

  it('refuses a release it does not know, naming the ones it knows', async () => {
    const dir = copyUpgradeFixture('sync-backing-basic-collator');
    for (const manifest of ['runtime/Cargo.toml', 'node/Cargo.toml']) edit(join(dir, manifest), /branch = "release-polkadot-v1\.1\.0"/g, 'branch = "our-fork"');
    const before = readTree(dir);
    const r = await runCli(['upgrade', dir, '--phase', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Cannot tell which polkadot-sdk release runtime uses[^\n]*polkadot-v1\.0\.0 … polkadot-stable2512/);
    expect(readTree(dir)).toEqual(before);
    removeTree(dirname(dir));
  });

  it('refuses files with uncommitted changes in git unless --force', async () => {
    const dir = copyUpgradeFixture('sync-backing-basic-collator');
    const git = (...args: string[]) => spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'before');
    edit(join(dir, 'runtime/src/lib.rs'), '// Make the WASM binary available.', '// Make the WASM binary available (edited).');
    const before = readTree(dir);
    const r = await runCli(['upgrade', dir, '--phase', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/runtime\/src\/lib\.rs has uncommitted changes that upgrade would edit; commit or stash them first, or pass --force/);
    expect(readTree(dir)).toEqual(before);
    expect((await runCli(['upgrade', dir, '--phase', '1', '--force'])).code).toBe(0);
    removeTree(dirname(dir));
  });

  it('needs --phase', async () => {
    const r = await runCli(['upgrade', copyUpgradeFixture('sync-backing-basic-collator')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/upgrade needs --phase: 1, 2 or 3/);
  });
});
