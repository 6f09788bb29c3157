// `check`: the audit over hand-written fixtures imitating real repositories, over projects the
// CLI generates (read back as exactly their phase), over edited copies of those projects, and as
// a user runs it (the built bin in a subprocess).

import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { audit } from '../src/check/audit.js';
import { renderSnippet, SNIPPET_NAMES, type SnippetContext, type SnippetName } from '../src/guide/snippets.js';
import type { AuditDetails, CheckReport, RuntimeReport, StepResult } from '../src/check/types.js';
import { main } from '../src/cli/main.js';
import { useStreams } from '../src/cli/output.js';
import { GUIDE_STEPS } from '../src/guide/steps.js';
import { PROFILES } from '../src/profiles/index.js';
import { SDK_RELEASES } from '../src/settings/schema.js';
import { ROOT, copyFixture, edit, generate, readTree, removeTree, runCli, tempFolder } from './support/cli.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'check');
const fixture = (name: string) => join(FIXTURES, name);
// The runtime and node steps a phase is judged by (the relay prerequisite is reported apart).
const STEP_IDS = GUIDE_STEPS.filter((s) => s.phase > 0).map((s) => s.id);

const temps: string[] = [];
function temp(): string {
  const dir = tempFolder('cap-check-');
  temps.push(dir);
  return dir;
}
afterAll(() => temps.forEach(removeTree));

/** A copy of a fixture (or any folder) to edit. */
function copyOf(dir: string): string {
  const target = copyFixture(dir);
  temps.push(dirname(target));
  return target;
}

function runtime(report: CheckReport, path: string): RuntimeReport {
  const r = report.runtimes.find((x) => x.path === path);
  if (!r) throw new Error(`no runtime ${path} in ${report.runtimes.map((x) => x.path).join(', ')}`);
  return r;
}

function step(r: RuntimeReport, id: string): StepResult {
  const s = r.steps.find((x) => x.id === id);
  if (!s) throw new Error(`no step ${id}`);
  return s;
}

function prereq(r: RuntimeReport): RuntimeReport['prerequisite'] {
  return r.prerequisite;
}

function statuses(r: RuntimeReport): Record<string, string> {
  return Object.fromEntries(r.steps.map((s) => [s.id, s.status]));
}

/** Runs `check` in-process through the CLI entry, capturing what it prints. */
async function checkInProcess(dir: string, phase: 1 | 2 | 3 = 3, json = false): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  // Output goes to the process streams (not straight to the descriptors), where the spies see it.
  useStreams();
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    // Through the command-line entry, so errors are reported exactly as the user sees them.
    const code = await main(['check', dir, '--phase', String(phase), ...(json ? ['--json'] : [])]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

function expectExactShape(report: CheckReport): void {
  expect(Object.keys(report).sort()).toEqual(['command', 'exitCode', 'ok', 'phase', 'runtimes']);
  expect(report.command).toBe('check');
  expect(report.ok).toBe(report.exitCode === 0);
  for (const r of report.runtimes) {
    expect(Object.keys(r).sort()).toEqual(['crate', 'elasticScaling', 'path', 'phase', 'prerequisite', 'release', 'stalls', 'steps', 'timing']);
    expect(Object.keys(r.elasticScaling).sort()).toEqual(['enabled', 'items', 'ready', 'relayParentOffset', 'velocity']);
    for (const i of r.elasticScaling.items) expect(Object.keys(i).sort()).toEqual(['file', 'id', 'line', 'message', 'status']);
    expect(Object.keys(r.release).sort()).toEqual(['evidence', 'name']);
    expect(Object.keys(r.prerequisite).sort()).toEqual(['evidence', 'fix', 'message', 'status']);
    expect(['pass', 'fail', 'unknown']).toContain(r.prerequisite.status);
    if (r.prerequisite.status !== 'fail') expect(r.prerequisite.fix).toBeNull();
    expect(r.steps.map((s) => s.id)).toEqual(STEP_IDS);
    for (const s of r.steps) {
      expect(Object.keys(s).sort()).toEqual(['file', 'fix', 'id', 'line', 'message', 'status']);
      expect(['pass', 'fail', 'unknown', 'n/a']).toContain(s.status);
      expect(s.message.length).toBeGreaterThan(0);
      if (s.status === 'fail') expect(s.fix).toBeTruthy();
      else expect(s.fix).toBeNull();
      if (s.line !== null) expect(s.file).toBeTruthy();
    }
  }
  expect(report.phase).toBe(Math.min(...report.runtimes.map((r) => r.phase)));
}

// -------------------------------------------------------------------------------------------
// Hand-written fixtures

describe('check: a 2023-style synchronous chain', () => {
  let details: AuditDetails;
  beforeAll(async () => {
    details = await audit(fixture('sync-2023'));
  });

  it('finds the one runtime and its node, and meets no phase', () => {
    expectExactShape(details.report);
    expect(details.report.runtimes.map((r) => r.path)).toEqual(['runtime']);
    expect(details.report.runtimes[0]).toMatchObject({ crate: 'parachain-template-runtime', release: { name: 'polkadot-v1.1.0' } });
    expect(details.runtimes[0]!.node).toBe('parachain-template-node');
    expect(details.report.phase).toBe(0);
  });

  it('judges every step as a synchronous-backing chain', () => {
    const r = runtime(details.report, 'runtime');
    expect(prereq(r).status).toBe('unknown');
    expect(statuses(r)).toEqual({
      '1.1': 'fail',
      '1.2': 'fail',
      '1.3': 'pass',
      '1.4': 'fail',
      '1.5': 'fail',
      '1.6': 'fail',
      '1.7': 'fail',
      '1.8': 'fail',
      '2.1': 'fail',
      '2.2': 'fail',
      '2.3': 'fail',
      '2.4': 'fail',
      '2.5': 'fail',
      '2.6': 'fail',
      '3.1': 'fail',
      '3.2': 'fail',
      '3.3': 'fail',
      '3.4': 'fail',
      '3.5': 'fail',
    });
  });

  it('gives file:line evidence and the reasons', () => {
    const r = runtime(details.report, 'runtime');
    // rococo-local from a `polkadot` on PATH, no Cargo.lock: the relay release can't be told.
    expect(prereq(r).evidence[0]).toMatchObject({ file: 'zombienet/config.toml', line: 3, message: 'relay chain rococo-local' });
    expect(prereq(r).message).toContain('default_command polkadot names no release');
    expect(step(r, '1.3')).toMatchObject({ file: 'runtime/src/lib.rs', line: 36 });
    expect(step(r, '1.3').message).toContain('SLOT_DURATION = 12000');
    expect(step(r, '1.3').message).toContain('MILLISECS_PER_BLOCK');
    expect(step(r, '1.4').message).toContain('RelayNumberStrictlyIncreases');
    expect(step(r, '1.4').message).toContain('no `ConsensusHook`');
    expect(step(r, '1.5').message).toContain('SlotDuration is not set');
    expect(step(r, '1.8')).toMatchObject({ file: 'runtime/src/lib.rs', line: 205 });
    expect(step(r, '1.8').message).toContain('CheckInherents');
    expect(step(r, '2.4')).toMatchObject({ file: 'node/src/service.rs', line: 15 });
    expect(step(r, '2.4').message).toContain('basic collator');
    expect(step(r, '2.2').message).toContain('`backend: backend`');
    expect(step(r, '2.5').message).toContain('500 ms');
    expect(step(r, '2.6').message).toContain('collators::basic::run');
    expect(step(r, '3.4').message).toContain('0.5 s');
    expect(step(r, '3.4')).toMatchObject({ file: 'runtime/src/lib.rs', line: 56 });
  });

  it('renders the fixes with the names and values found in the project', () => {
    const r = runtime(details.report, 'runtime');
    // The project calls its block-time constant MILLISECS_PER_BLOCK: the fix keeps that name.
    expect(step(r, '3.3').fix).toContain('pub const MILLISECS_PER_BLOCK: u64 = 6000;');
    // The running chain's 12 s Aura slot is kept: blocks share it in phase 3.
    expect(step(r, '3.3').fix).toContain('pub const SLOT_DURATION: u64 = 12000;');
    expect(step(r, '1.8').fix).toBe(
      'cumulus_pallet_parachain_system::register_validate_block! {\n\tRuntime = Runtime,\n\tBlockExecutor = cumulus_pallet_aura_ext::BlockExecutor::<Runtime, Executive>,\n}',
    );
    expect(step(r, '1.4').fix).toContain('type CheckAssociatedRelayNumber = RelayNumberMonotonicallyIncreases;');
    expect(step(r, '1.5').fix).toContain('type AllowMultipleBlocksPerSlot = ConstBool<false>;');
    expect(step(r, '3.1').fix).toContain('type AllowMultipleBlocksPerSlot = ConstBool<true>;');
    expect(step(r, '2.5').fix).toContain('authoring_duration: Duration::from_millis(2000),');
    // 0 in every build, as generated projects have it: no `experimental` feature to turn on.
    expect(step(r, '3.5').fix).toContain('\ttype MinimumPeriod = ConstU64<0>;');
    expect(step(r, '3.5').fix).not.toContain('experimental');
  });
});

describe('check: a multi-runtime repository with a shared constants crate', () => {
  let details: AuditDetails;
  beforeAll(async () => {
    details = await audit(fixture('multi-runtime'));
  });

  it('finds both parachain runtimes, and not the relay runtime or the pallet mock', () => {
    expectExactShape(details.report);
    expect(details.report.runtimes.map((r) => r.path)).toEqual(['runtimes/alpha', 'runtimes/beta']);
    expect(details.runtimes.map((r) => r.node)).toEqual(['chain-node', 'chain-node']);
  });

  it('alpha (construct_runtime!, constants through globs and re-exports) meets phase 3', () => {
    const r = runtime(details.report, 'runtimes/alpha');
    expect(r.phase).toBe(3);
    expect(Object.values(statuses(r)).every((s) => s === 'pass')).toBe(true);
    // `consensus::async_backing::UNINCLUDED_SEGMENT_CAPACITY` (3), not its sibling `consensus::..` (1).
    expect(step(r, '3.2')).toMatchObject({ file: 'primitives/constants/src/consensus.rs', line: 13 });
    expect(step(r, '3.2').message).toContain('capacity is 3');
    expect(step(r, '1.2').message).toContain('primitives/constants/src/consensus.rs:9');
    expect(step(r, '1.3').message).toContain('MILLISECS_PER_BLOCK = 6000 (primitives/constants/src/time.rs:4)');
    expect(step(r, '1.6').message).toContain('through aura_slot()');
    expect(step(r, '3.4')).toMatchObject({ file: 'primitives/constants/src/weights.rs', line: 4 });
    expect(step(r, '3.5').message).toContain('MinimumPeriod is 0');
  });

  it('beta (#[frame_support::runtime], sibling constants, its own block time) meets phase 2', () => {
    const r = runtime(details.report, 'runtimes/beta');
    expect(r.phase).toBe(2);
    const s = statuses(r);
    for (const id of STEP_IDS.filter((i) => !i.startsWith('3.'))) expect(s[id], id).toBe('pass');
    for (const id of ['3.1', '3.2', '3.3', '3.4', '3.5']) expect(s[id], id).toBe('fail');
    expect(step(r, '3.2')).toMatchObject({ file: 'primitives/constants/src/consensus.rs', line: 5 });
    // The local `time::SLOT_DURATION` (12 s), not the shared crate's (6 s).
    expect(step(r, '1.3')).toMatchObject({ file: 'runtimes/beta/src/lib.rs', line: 11 });
    expect(step(r, '1.5').message).toContain('AllowMultipleBlocksPerSlot = false, SlotDuration = 12000 ms');
    expect(step(r, '1.6').message).toContain('12000 ms');
    expect(step(r, '3.1')).toMatchObject({ file: 'runtimes/beta/src/config/consensus.rs', line: 23 });
  });

  it('reads both zombienet configs and names the older lookahead layout', () => {
    expect(details.networkFiles.sort()).toEqual(['zombienet/alpha.toml', 'zombienet/beta.json']);
    const p = prereq(runtime(details.report, 'runtimes/alpha'));
    expect(p.status).toBe('pass');
    expect(p.message).toContain('the top-level scheduling_lookahead is the layout of polkadot-v1.8.0 and older relays');
    expect(details.report.phase).toBe(2);
  });

  it('skips crates under target/ and hidden folders', async () => {
    const repo = copyOf(fixture('multi-runtime'));
    for (const folder of ['target/debug/build/alpha-copy', '.cargo/alpha-copy']) {
      mkdirSync(join(repo, folder), { recursive: true });
      cpSync(join(repo, 'runtimes', 'alpha'), join(repo, folder), { recursive: true });
      edit(join(repo, folder, 'Cargo.toml'), 'name = "alpha-runtime"', 'name = "alpha-runtime-copy"');
    }
    const again = await audit(repo);
    expect(again.report.runtimes.map((r) => r.path)).toEqual(['runtimes/alpha', 'runtimes/beta']);
  });

  it('follows a wrong capacity to the relay max_candidate_depth cross-check', async () => {
    const repo = copyOf(fixture('multi-runtime'));
    edit(join(repo, 'primitives/constants/src/consensus.rs'), 'UNINCLUDED_SEGMENT_CAPACITY: u32 = 1 + 2;', 'UNINCLUDED_SEGMENT_CAPACITY: u32 = 1 + 5;');
    const again = await audit(repo);
    const p = prereq(runtime(again.report, 'runtimes/alpha'));
    expect(p.status).toBe('fail');
    expect(p.message).toContain("max_candidate_depth 3 (zombienet/alpha.toml) is below the parachain's capacity 6 − 1");
    expect(p.fix).toContain('max_candidate_depth = 5');
    // The prerequisite is judged apart: the runtime still meets phase 3, yet a stall cause is named.
    expect(runtime(again.report, 'runtimes/alpha').phase).toBe(3);
    expect(runtime(again.report, 'runtimes/alpha').stalls.map((c) => c.id)).toContain('relay');
    // Beta's capacity is the sibling constant, unchanged.
    expect(prereq(runtime(again.report, 'runtimes/beta')).status).toBe('pass');
  });
});

describe('check: a runtime-only repository (no node crate)', () => {
  it('marks the node steps and the missing network prerequisite not applicable, and meets phase 3', async () => {
    const details = await audit(fixture('runtime-only'));
    expectExactShape(details.report);
    const r = runtime(details.report, 'runtime');
    expect(details.runtimes[0]!.node).toBeNull();
    for (const id of ['2.1', '2.2', '2.3', '2.4', '2.5', '2.6']) expect(step(r, id).status, id).toBe('n/a');
    expect(prereq(r)).toMatchObject({ status: 'unknown', evidence: [], fix: null });
    for (const id of STEP_IDS.filter((i) => i.startsWith('1.') || i.startsWith('3.'))) expect(step(r, id).status, id).toBe('pass');
    expect(r.phase).toBe(3);
    expect(step(r, '3.5').message).toContain('under feature "experimental" (declared in runtime/Cargo.toml)');
    expect(step(r, '1.1')).toMatchObject({ file: 'runtime/src/constants.rs', line: 4 });
    // The template's style: the APIs call inherent helpers (`Runtime::..`, `Self::..`).
    expect(step(r, '1.6').message).toContain('through impl_slot_duration()');
    expect(step(r, '1.7').status).toBe('pass');
  });

  it('passes 3.5 with a warning when the feature the zero MinimumPeriod hangs on is not declared', async () => {
    const repo = copyOf(fixture('runtime-only'));
    edit(join(repo, 'runtime/Cargo.toml'), /\n# Guide step 3\.5[^\n]*\nexperimental = \[\]\n/, '\n');
    const r = runtime((await audit(repo)).report, 'runtime');
    expect(step(r, '3.5').status).toBe('pass');
    expect(step(r, '3.5').message).toContain('Warning: runtime/Cargo.toml does not declare feature "experimental"');
    expect(r.phase).toBe(3);
  });
});

describe('check: async backing behind a Cargo feature (OpenZeppelin style)', () => {
  it('judges the default build, and says which feature holds the lookahead collator', async () => {
    const details = await audit(fixture('feature-gated'));
    expectExactShape(details.report);
    const r = runtime(details.report, 'runtime');
    expect(r.phase).toBe(1);
    // The `not(feature = "async-backing")` variants are the ones compiled by default.
    expect(step(r, '1.1').message).toContain('UNINCLUDED_SEGMENT_CAPACITY = 1 (runtime/src/lib.rs:25)');
    expect(step(r, '3.4').message).toContain('0.5 s');
    expect(step(r, '2.2').status).toBe('pass');
    for (const id of ['2.1', '2.3', '2.4', '2.5', '2.6']) {
      expect(step(r, id).status, id).toBe('fail');
      expect(step(r, id).message, id).toContain('behind #[cfg(feature = "async-backing")]');
    }
    expect(step(r, '2.5').message).toContain('500 ms');
    // The runtime's phase-3 items too: which feature turns them on.
    expect(step(r, '3.2').message).toContain('feature "async-backing" (off by default) makes it 3');
    expect(step(r, '3.1').message).toContain('feature "async-backing" (off by default) makes it ConstBool<true>');
    expect(step(r, '3.3').message).toContain('feature "async-backing" (off by default) makes it 6000');
  });

  it('meets phase 3 once the feature is on by default', async () => {
    const repo = copyOf(fixture('feature-gated'));
    edit(join(repo, 'runtime/Cargo.toml'), 'default = ["std"]', 'default = ["std", "async-backing"]');
    edit(join(repo, 'node/Cargo.toml'), 'default = []', 'default = ["async-backing"]');
    const r = runtime((await audit(repo)).report, 'runtime');
    expect(r.steps.filter((x) => x.status === 'fail')).toEqual([]);
    expect(r.phase).toBe(3);
    expect(step(r, '2.5').message).toContain('2000 ms');
  });
});

describe('check: a repository with Rust files that do not parse', () => {
  it('reports each broken file with its line and judges the rest', async () => {
    const details = await audit(fixture('broken'));
    expectExactShape(details.report);
    expect(details.problems).toEqual([
      { file: 'runtime/src/migrations.rs', line: 7, message: 'Rust syntax error: unexpected `)`' },
      { file: 'runtime/src/weights.rs', line: 6, message: expect.stringContaining('Rust syntax error') },
    ]);
    const r = runtime(details.report, 'runtime');
    expect(step(r, '1.4').status).toBe('pass');
    expect(step(r, '3.4').status).toBe('fail');
    expect(step(r, '3.4').message).toContain('runtime/src/weights.rs:6');
    expect(step(r, '3.4').message).toContain('do not parse');
    expect(r.phase).toBe(2);
  });

  it('prints them in the report and as warnings beside --json, without crashing', async () => {
    const text = await checkInProcess(fixture('broken'), 2);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('runtime/src/migrations.rs:7: Rust syntax error');
    const json = await checkInProcess(fixture('broken'), 3, true);
    expect(json.code).toBe(1);
    expectExactShape(JSON.parse(json.stdout));
    expect(json.stderr).toContain('runtime/src/weights.rs:6');
  });

  it('survives a file that is not Rust at all', async () => {
    const repo = copyOf(fixture('runtime-only'));
    writeFileSync(join(repo, 'runtime/src/constants.rs'), '\u0000\u0001 binary \u00ff garbage {{{ ((( ]]]');
    const details = await audit(repo);
    expect(details.problems.some((p) => p.file === 'runtime/src/constants.rs')).toBe(true);
    expect(step(runtime(details.report, 'runtime'), '1.1').status).toBe('fail');
  });
});

// -------------------------------------------------------------------------------------------
// Judging by effect: edits of a generated phase-3 project

describe('check: judges by effect, not by spelling', () => {
  let base: string;
  beforeAll(() => {
    base = generate('effect-chain', ['--phase', '3']);
    temps.push(join(base, '..'));
  });
  const project = () => copyOf(base);

  it('accepts a parameter_types! value, a helper function and fully qualified paths', async () => {
    const repo = project();
    const configs = join(repo, 'runtime/src/configs/mod.rs');
    edit(configs, 'type AllowMultipleBlocksPerSlot = ConstBool<true>;', 'type AllowMultipleBlocksPerSlot = AllowMultiple;');
    edit(configs, 'type SlotDuration = ConstU64<SLOT_DURATION>;', 'type SlotDuration = polkadot_sdk::frame_support::traits::ConstU64<{ crate::block_times::SLOT_DURATION }>;');
    edit(configs, /parameter_types! \{\n\tpub const PotId/, 'parameter_types! {\n\tpub const AllowMultiple: bool = !false;\n\tpub const PotId');
    const apis = join(repo, 'runtime/src/apis.rs');
    edit(apis, 'sp_consensus_aura::SlotDuration::from_millis(SLOT_DURATION)', 'slot()');
    writeFileSync(apis, `${readFileSync(apis, 'utf8')}\nfn slot() -> sp_consensus_aura::SlotDuration {\n\tsp_consensus_aura::SlotDuration::from_millis(MILLI_SECS_PER_BLOCK * 1)\n}\n`);
    edit(apis, /use super::\{/, 'use super::{MILLI_SECS_PER_BLOCK, ');
    const r = runtime((await audit(repo)).report, 'runtime');
    expect(statuses(r)).toEqual(Object.fromEntries(STEP_IDS.map((id) => [id, 'pass'])));
    expect(step(r, '1.6').message).toContain('through slot()');
  });

  it('accepts MinimumPeriod = 0 unconditionally, and refuses the guide\'s cfg on SlotDuration', async () => {
    const repo = project();
    const configs = join(repo, 'runtime/src/configs/mod.rs');
    // A generated phase-3 runtime has MinimumPeriod = 0 in every build.
    expect(readFileSync(configs, 'utf8')).toContain('\n\ttype MinimumPeriod = ConstU64<0>;\n');
    edit(configs, 'type SlotDuration = ConstU64<SLOT_DURATION>;', '#[cfg(feature = "experimental")]\n\ttype SlotDuration = ConstU64<SLOT_DURATION>;');
    const r = runtime((await audit(repo)).report, 'runtime');
    expect(step(r, '3.5').status).toBe('pass');
    expect(step(r, '1.5').status).toBe('fail');
    expect(step(r, '1.5').message).toContain('#[cfg(feature = "experimental")]');
    expect(r.phase).toBe(0);
  });

  it('checks the block time against relay slot / velocity and the authoring duration against 2 s', async () => {
    const repo = project();
    edit(join(repo, 'runtime/src/lib.rs'), /pub const MILLI_SECS_PER_BLOCK: u64 = \d+;/, 'pub const MILLI_SECS_PER_BLOCK: u64 = 4000;');
    edit(join(repo, 'node/src/service.rs'), /authoring_duration: Duration::from_millis\(\d+\)/, 'authoring_duration: Duration::from_millis(2500)');
    const r = runtime((await audit(repo)).report, 'runtime');
    expect(step(r, '3.3').status).toBe('fail');
    expect(step(r, '3.3').message).toContain('= 6000 ms');
    expect(step(r, '3.3').fix).toContain('pub const MILLI_SECS_PER_BLOCK: u64 = 6000;');
    expect(step(r, '2.5').status).toBe('fail');
    expect(step(r, '2.5').message).toContain('backers time out at 2 s');
    expect(r.phase).toBe(1);
  });

  it('checks the relay lookahead and accepts the older scheduling_lookahead layout with a note', async () => {
    const repo = project();
    const zn = join(repo, 'zombienet/zombienet.toml');
    edit(zn, /lookahead = \d+/, 'lookahead = 1');
    let p = prereq(runtime((await audit(repo)).report, 'runtime'));
    expect(p.status).toBe('fail');
    expect(p.message).toContain('scheduler lookahead 1 (zombienet/zombienet.toml) is below 2');
    expect(p.fix).toContain('lookahead = 2');
    edit(zn, /\[relaychain\.genesis\.runtimeGenesis\.patch\.configuration\.config\.scheduler_params\]\nlookahead = 1/, '');
    edit(zn, /\[relaychain\.genesis\.runtimeGenesis\.patch\.configuration\.config\.async_backing_params\]/, '[relaychain.genesis.runtimeGenesis.patch.configuration.config]\nscheduling_lookahead = 2\n\n$&');
    p = prereq(runtime((await audit(repo)).report, 'runtime'));
    expect(p.status).toBe('pass');
    expect(p.message).toContain('the top-level scheduling_lookahead is the layout of polkadot-v1.8.0 and older relays');
  });
});

// -------------------------------------------------------------------------------------------
// Generated projects read back as exactly their phase

describe('check: projects generated by the CLI are read back as their phase', () => {
  const cases = SDK_RELEASES.flatMap((sdk) => [1, 2, 3].flatMap((phase) => [{ sdk, phase, omni: false }, ...(phase === 3 ? [{ sdk, phase, omni: true }] : [])]));
  for (const { sdk, phase, omni } of cases) {
    it(`${sdk}, phase ${phase}${omni ? ', --omni-node' : ''}`, async () => {
      const dir = generate(`read-back-${phase}`, ['--phase', String(phase), '--sdk', sdk, ...(omni ? ['--omni-node'] : [])]);
      temps.push(join(dir, '..'));
      const details = await audit(dir);
      expectExactShape(details.report);
      expect(details.report.runtimes.map((r) => r.path)).toEqual(['runtime']);
      const r = details.report.runtimes[0]!;
      // The release is read from the umbrella crate's version in the generated Cargo.toml.
      expect(r.release.name).toBe(`polkadot-${sdk}`);
      const failing = r.steps.filter((s) => s.status === 'fail' && GUIDE_STEPS.find((g) => g.id === s.id)!.phase <= phase);
      expect(failing, JSON.stringify(failing, null, 2)).toEqual([]);
      expect(r.phase).toBe(phase);
      expect(details.problems).toEqual([]);
      const s = statuses(r);
      if (omni) for (const id of ['2.1', '2.2', '2.3', '2.4', '2.5', '2.6']) expect(s[id]).toBe('n/a');
      // Steps of later phases are failures with a fix.
      for (const later of r.steps.filter((x) => GUIDE_STEPS.find((g) => g.id === x.id)!.phase > phase && x.status !== 'n/a')) {
        expect(later.status, later.id).toBe('fail');
      }
      const exit = await checkInProcess(dir, phase as 1 | 2 | 3);
      expect(exit.code).toBe(0);
      if (phase < 3) expect((await checkInProcess(dir, 3)).code).toBe(1);
    });
  }
});

// -------------------------------------------------------------------------------------------
// Fix snippets agree with the generator's templates

describe('check: fix snippets are the code the generator writes', () => {
  const lines = (text: string) => new Set(text.split('\n').map((l) => l.trim()).filter(Boolean));
  const codeLines = (snippet: string) =>
    snippet
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('// ') && l !== '// ..' && !l.startsWith('# '));

  const context = (over: Partial<SnippetContext> = {}): SnippetContext => ({
    capacity: 3,
    velocity: 1,
    relaySlotMs: 6000,
    blockTimeMs: 6000,
    authoringMs: 2000,
    allowMultipleBlocksPerSlot: true,
    maxCandidateDepth: 3,
    allowedAncestryLen: 2,
    lookahead: 3,
    minimumPeriod: 'zero',
    declareExperimental: false,
    zombienetFormat: 'toml',
    relayLayout: { genesisUnderRuntime: false, topLevelLookahead: false },
    keptSlotMs: 0,
    auraPallet: 'pallet_aura',
    auraSlotDurationFlagged: false,
    auraRunHoles: ['_', '_', '_', '_', '_', '_', '_', '_'],
    lookaheadFields: { reinitialize: true, maxPovPercentage: true },
    names: {
      capacity: 'UNINCLUDED_SEGMENT_CAPACITY',
      velocity: 'BLOCK_PROCESSING_VELOCITY',
      relaySlot: 'RELAY_CHAIN_SLOT_DURATION_MILLIS',
      blockTime: 'MILLI_SECS_PER_BLOCK',
      slotDuration: 'SLOT_DURATION',
      consensusHook: 'ConsensusHook',
      runtime: 'Runtime',
    },
    ...over,
  });

  const where: Record<SnippetName, string[]> = {
    asyncBackingParams: ['runtime/src/lib.rs'],
    blockTimes: ['runtime/src/lib.rs'],
    consensusHook: ['runtime/src/lib.rs', 'runtime/src/configs/mod.rs'],
    aura: ['runtime/src/configs/mod.rs'],
    auraApi: ['runtime/src/apis.rs'],
    unincludedSegmentApi: ['runtime/src/apis.rs'],
    validateBlock: ['runtime/src/lib.rs'],
    maximumBlockWeight: ['runtime/src/lib.rs'],
    minimumPeriod: ['runtime/src/configs/mod.rs', 'runtime/Cargo.toml'],
    importValidationCode: ['node/src/service.rs'],
    spawnTasksBackend: ['node/src/service.rs'],
    startConsensusBackend: ['node/src/service.rs'],
    importLookahead: ['node/src/service.rs'],
    auraParams: ['node/src/service.rs'],
    auraRun: ['node/src/service.rs'],
    relayPrerequisite: ['zombienet/zombienet.toml'],
  };

  it('are exactly the templates under templates/_check', () => {
    const files = readdirSync(join(ROOT, 'templates', '_check')).map((f) => f.replace(/\.hbs$/, '')).sort();
    expect(files).toEqual([...SNIPPET_NAMES].sort());
  });

  for (const sdk of SDK_RELEASES) {
    it(`every snippet, rendered with a ${sdk} phase-3 project's values, is in that project`, () => {
      const dir = generate('snippet-chain', ['--phase', '3', '--sdk', sdk]);
      temps.push(join(dir, '..'));
      const tree = readTree(dir);
      for (const name of SNIPPET_NAMES) {
        const text = where[name].map((f) => tree.get(f) ?? '').join('\n');
        const have = lines(text);
        // The release's own lookahead Params fields, as the fix renders them for a chain on it.
        const lookaheadFields = { reinitialize: true, maxPovPercentage: PROFILES[sdk].caps.lookaheadMaxPovPercentage };
        const missing = codeLines(renderSnippet(name, context({ lookaheadFields }))).filter((l) => !have.has(l));
        expect(missing, `${name} lines not in ${where[name].join(', ')}`).toEqual([]);
      }
    });
  }

  it('the JSON zombienet snippet matches a generated JSON config', () => {
    const dir = generate('snippet-json', ['--phase', '3', '--zombienet-format', 'json']);
    temps.push(join(dir, '..'));
    const tree = readTree(dir);
    const json = lines(tree.get('zombienet/zombienet.json')!);
    const snippet = renderSnippet('relayPrerequisite', context({ zombienetFormat: 'json' }));
    expect(codeLines(snippet).filter((l) => !json.has(l) && !json.has(`${l},`) && !/lookahead/.test(l))).toEqual([]);
  });
});

// -------------------------------------------------------------------------------------------
// The command: exit codes, output

describe('check: runCheck', () => {
  it('exits 0 when every runtime meets --phase, 1 when not, and prints the report', async () => {
    const met = await checkInProcess(fixture('multi-runtime'), 2);
    expect(met.code).toBe(0);
    expect(met.stdout).toContain('Runtime runtimes/alpha (alpha-runtime, node chain-node): phase 3 of 3 met');
    expect(met.stdout).toContain('Every runtime meets phase 2.');
    const notMet = await checkInProcess(fixture('multi-runtime'), 3);
    expect(notMet.code).toBe(1);
    expect(notMet.stdout).toContain('runtimes/beta meets phase 2, not 3 (5 steps to fix).');
    expect(notMet.stdout).toMatch(/3\.1 {4}FAIL {2}AllowMultipleBlocksPerSlot = true\n\s+runtimes\/beta\/src\/config\/consensus\.rs:23: /);
    expect(notMet.stdout).toContain('fix:');
  });

  it('prints exactly the report document with --json', async () => {
    const { code, stdout } = await checkInProcess(fixture('sync-2023'), 1, true);
    expect(code).toBe(1);
    const doc = JSON.parse(stdout) as CheckReport;
    expectExactShape(doc);
    expect(doc.phase).toBe(0);
  });

  it('exits 2 for a missing folder, a file, and a folder without a parachain runtime', async () => {
    const missing = await checkInProcess(join(temp(), 'nope'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/does not exist/);
    const file = join(temp(), 'file.txt');
    writeFileSync(file, 'x');
    expect((await checkInProcess(file)).code).toBe(2);
    const empty = await checkInProcess(temp());
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('No parachain runtime found');
    const relayOnly = copyOf(fixture('multi-runtime'));
    removeTree(join(relayOnly, 'runtimes'));
    expect((await checkInProcess(relayOnly)).code).toBe(2);
  });
});

// -------------------------------------------------------------------------------------------
// As a user runs it: the built bin (npm test builds it first)

describe('check: the built command', () => {
  it('prints the JSON report and exits by the phase met', () => {
    const result = runCli(['check', fixture('multi-runtime'), '--json']);
    expect(result.code, result.stderr).toBe(1);
    const doc = JSON.parse(result.stdout) as CheckReport;
    expectExactShape(doc);
    expect(doc.runtimes.map((r) => [r.path, r.phase])).toEqual([
      ['runtimes/alpha', 3],
      ['runtimes/beta', 2],
    ]);
    const phase2 = runCli(['check', fixture('multi-runtime'), '--phase', '2']);
    expect(phase2.code, phase2.stderr).toBe(0);
    expect(phase2.stdout).toContain('Every runtime meets phase 2.');
  });

  it('audits the current folder by default and reads a generated project back as its phase', () => {
    const dir = generate('bin-chain', ['--phase', '2']);
    temps.push(join(dir, '..'));
    const result = runCli(['check', '--json', '--phase', '2'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as CheckReport).phase).toBe(2);
  });

  it('reports a broken file without crashing, and exits 2 on a missing folder or a bad --phase', () => {
    const broken = runCli(['check', fixture('broken')]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('runtime/src/migrations.rs:7: Rust syntax error');
    const missing = runCli(['check', join(temp(), 'missing')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('does not exist');
    expect(runCli(['check', fixture('broken'), '--phase', '4']).code).toBe(2);
  });
});
