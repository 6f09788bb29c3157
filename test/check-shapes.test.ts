// `check` on the code shapes real chains have, one hand-written fixture per shape (named after
// it), each judged as a parachain engineer reading the code would.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../src/check/audit.js';
import type { AuditDetails, RuntimeReport } from '../src/check/types.js';
import { edit, fixtureCopier, ROOT } from './support/cli.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'check');
const copy = fixtureCopier(FIXTURES);

async function only(dir: string): Promise<{ details: AuditDetails; r: RuntimeReport }> {
  const details = await audit(dir.includes('/') ? dir : join(FIXTURES, dir));
  expect(details.report.runtimes).toHaveLength(1);
  expect(details.internalErrors).toEqual([]);
  return { details, r: details.report.runtimes[0]! };
}

const step = (r: RuntimeReport, id: string) => r.steps.find((s) => s.id === id)!;
const failing = (r: RuntimeReport) => r.steps.filter((s) => s.status === 'fail' || s.status === 'unknown').map((s) => `${s.id}: ${s.message}`);

describe('check: configs in macro_rules!', () => {
  it('expands the runtime\'s own macros and judges the configs they write, pointing into the macro', async () => {
    const { details, r } = await only('configs-in-macro-rules');
    expect(failing(r)).toEqual([]);
    expect(r.phase).toBe(3);
    expect(step(r, '1.5')).toMatchObject({ status: 'pass', file: 'runtime/src/macros.rs', line: 15 });
    expect(step(r, '1.4').file).toBe('runtime/src/macros.rs');
    // Constants written by a macro with a repetition (`consts! { A: u32 = 3, .. }`).
    expect(step(r, '3.2').message).toContain('capacity is 3');
    expect(details.problems).toEqual([]);
  });

  it('follows the values the invocation passes in', async () => {
    const dir = copy('configs-in-macro-rules');
    edit(join(dir, 'runtime/src/lib.rs'), 'allow_multiple = true', 'allow_multiple = false');
    const { r } = await only(dir);
    expect(step(r, '3.1')).toMatchObject({ status: 'fail', file: 'runtime/src/macros.rs', line: 14 });
    expect(r.phase).toBe(2);
  });
});

describe('check: a local macro_rules! construct_runtime shadowing frame_support\'s', () => {
  it('reads the pallets through the local macro, and Aura::slot_duration() as the slot Aura uses', async () => {
    const { details, r } = await only('local-construct-runtime-macro');
    expect(details.problems).toEqual([]);
    expect(step(r, '1.6')).toMatchObject({ status: 'pass' });
    expect(step(r, '1.6').message).toContain('returns 12000 ms');
    // A phase-1 runtime: every phase-1 step passes, phase 3 is still to do.
    expect(r.phase).toBe(2);
    expect(step(r, '3.1').status).toBe('fail');
  });
});

describe('check: runtime APIs in a macro that wraps impl_runtime_apis!', () => {
  it('finds AuraApi and AuraUnincludedSegmentApi in the wrapper\'s body', async () => {
    const { details, r } = await only('apis-in-wrapping-macro');
    expect(failing(r)).toEqual([]);
    expect(step(r, '1.6')).toMatchObject({ file: 'runtime/src/lib.rs', line: 59 });
    expect(step(r, '1.7')).toMatchObject({ file: 'runtime/src/lib.rs', line: 69 });
    expect(details.problems).toEqual([]);
  });
});

describe('check: several node services in one crate', () => {
  it('judges the collator service, not the dev service beside it, and names the file', async () => {
    const { r } = await only('several-node-services');
    for (const id of ['2.1', '2.2', '2.3', '2.4', '2.5', '2.6']) expect(step(r, id), id).toMatchObject({ status: 'pass', file: 'node/src/service.rs' });
  });

  it('judges every collator service: one still on the basic collator fails, naming its file', async () => {
    const dir = copy('several-node-services');
    edit(join(dir, 'node/src/main.rs'), 'mod service;', 'mod service;\nmod kusama_service;');
    const basic = join(dir, 'node/src/kusama_service.rs');
    writeFileSync(
      basic,
      [
        'use polkadot_sdk::*;',
        'use cumulus_client_consensus_aura::collators::basic::{self as basic_aura, Params as BasicAuraParams};',
        'pub fn start(client: Arc<Client>, backend: Arc<Backend>, task_manager: &mut TaskManager) {',
        '\tsc_service::spawn_tasks(sc_service::SpawnTasksParams { backend: backend.clone(), task_manager });',
        '\tlet params = BasicAuraParams { relay_client, para_client: client, collator_key, authoring_duration: Duration::from_millis(500) };',
        '\tlet fut = basic_aura::run::<Block, AuthorityPair, _, _, _, _, _, _>(params);',
        '}',
        '',
      ].join('\n'),
    );
    const { r } = await only(dir);
    expect(step(r, '2.4')).toMatchObject({ status: 'fail', file: 'node/src/kusama_service.rs' });
    expect(step(r, '2.4').message).toContain('collator services judged: node/src/service.rs, node/src/kusama_service.rs');
    expect(step(r, '2.2').status).toBe('pass');
    expect(r.phase).toBe(0);
  });
});

describe('check: the authoring duration from a command-line flag', () => {
  it('reads the flag\'s default, and calls 1500 ms the team\'s choice, not a failure', async () => {
    const { r } = await only('authoring-duration-from-cli-flag');
    expect(step(r, '2.5')).toMatchObject({ status: 'pass', file: 'node/src/service.rs', line: 53 });
    expect(step(r, '2.5').message).toContain('1500 ms (the default of the command-line flag --authoring-duration (node/src/cli.rs:11))');
    expect(step(r, '2.5').message).toContain("the team's choice");
  });

  it('says unknown, never fail, when the flag has no default', async () => {
    const dir = copy('authoring-duration-from-cli-flag');
    edit(join(dir, 'node/src/cli.rs'), '#[arg(long, default_value_t = 1_500)]', '#[arg(long)]');
    const { r } = await only(dir);
    expect(step(r, '2.5').status).toBe('unknown');
    expect(step(r, '2.5').message).toContain('--authoring-duration');
    expect(step(r, '2.5').fix).toBeNull();
  });

  it('still fails a default backers would time out on', async () => {
    const dir = copy('authoring-duration-from-cli-flag');
    edit(join(dir, 'node/src/cli.rs'), 'default_value_t = 1_500', 'default_value_t = 2_500');
    const { r } = await only(dir);
    expect(step(r, '2.5').status).toBe('fail');
    expect(step(r, '2.5').message).toContain('2500 ms: backers time out at 2 s');
  });
});

describe('check: the lookahead collator and ValidationCode by full path, or under other names', () => {
  it('judges what the code does, with no `use` of either', async () => {
    const { r } = await only('full-path-lookahead-node');
    for (const id of ['2.1', '2.2', '2.3', '2.4', '2.5', '2.6']) expect(step(r, id).status, id).toBe('pass');
    expect(step(r, '2.1').message).toContain('used by full path');
    expect(step(r, '2.6').message).toContain('collators::lookahead::run');
  });

  it('follows an import of the lookahead module under another name', async () => {
    const dir = copy('full-path-lookahead-node');
    const service = join(dir, 'node/src/service.rs');
    edit(service, 'use sc_service::', 'use cumulus_client_consensus_aura::collators::lookahead as pipelined;\nuse sc_service::');
    edit(service, 'cumulus_client_consensus_aura::collators::lookahead::Params {', 'pipelined::Params {');
    edit(service, 'cumulus_client_consensus_aura::collators::lookahead::run::<', 'pipelined::run::<');
    const { r } = await only(dir);
    for (const id of ['2.4', '2.5', '2.6']) expect(step(r, id).status, id).toBe('pass');
    expect(step(r, '2.4').message).toContain('collators::lookahead');
  });
});

describe('check: run imported under another name, the backend inside a parameter struct', () => {
  it('follows `run as run_aura` and a backend bound by a let pattern', async () => {
    const dir = copy('full-path-lookahead-node');
    const service = join(dir, 'node/src/service.rs');
    edit(service, 'use sc_service::', 'use cumulus_client_consensus_aura::collators::lookahead::{run as run_aura, Params as BuildAuraConsensusParams};\nuse sc_service::');
    edit(service, 'cumulus_client_consensus_aura::collators::lookahead::Params {', 'BuildAuraConsensusParams {');
    edit(service, 'cumulus_client_consensus_aura::collators::lookahead::run::<', 'run_aura::<');
    // The consensus start moves into its own function, given a struct of parameters.
    edit(service, '\tlet collator = BuildAuraConsensusParams {', '\tstart_consensus(client, StartConsensusParameters { backend: backend.clone(), task_manager: &task_manager });\n\tOk(task_manager)\n}\n\npub fn start_consensus(client: Arc<Client>, parameters: StartConsensusParameters<\'_>) {\n\tlet StartConsensusParameters { backend, task_manager } = parameters;\n\tlet collator = BuildAuraConsensusParams {');
    edit(service, '\ttask_manager.spawn_essential_handle().spawn("aura", None, fut);\n\tOk(task_manager)\n}', '\ttask_manager.spawn_essential_handle().spawn("aura", None, fut);\n}');
    const { r } = await only(dir);
    for (const id of ['2.3', '2.4', '2.5', '2.6']) expect(step(r, id).status, id).toBe('pass');
    expect(step(r, '2.3').message).toContain('gets the backend in its parameters (`backend`, bound by a `let` pattern)');
    expect(step(r, '2.6').message).toContain('collators::lookahead::run');
  });
});

describe('check: a consensus start handed to a generic node builder as a closure', () => {
  it('finds the backend among the closure parameters', async () => {
    const { r } = await only('consensus-builder-closure');
    for (const id of ['2.1', '2.2', '2.3', '2.4', '2.5', '2.6']) expect(step(r, id).status, id).toBe('pass');
    expect(step(r, '2.3').message).toContain('the closure that starts the collator takes the backend (`backend`)');
  });

  it('still fails when neither the closure nor its function has the backend', async () => {
    const dir = copy('consensus-builder-closure');
    const service = join(dir, 'node/src/service.rs');
    edit(service, '|client, backend, task_manager|', '|client, task_manager|');
    edit(service, 'build_consensus(client.clone(), backend.clone(), &task_manager)', 'build_consensus(client.clone(), &task_manager)');
    const { r } = await only(dir);
    expect(step(r, '2.3').status).toBe('fail');
  });
});

describe('check: a slot longer than the block time, on purpose', () => {
  it('judges the block time MINUTES/HOURS/DAYS derive from, and the slot pallet-aura reports', async () => {
    const { r } = await only('slot-longer-than-block-time');
    expect(failing(r)).toEqual([]);
    expect(r.phase).toBe(3);
    expect(step(r, '3.3')).toMatchObject({ file: 'runtime/src/lib.rs', line: 18 });
    expect(step(r, '3.3').message).toContain('block time 6000 ms, within the relay slot 6000 ms');
    expect(step(r, '3.3').message).toContain('slot SLOT_DURATION = 24000');
    expect(step(r, '1.5').message).toContain('SlotDuration = 24000 ms');
    // `pallet_aura::Pallet::<Runtime>::slot_duration()`: the slot Aura really uses.
    expect(step(r, '1.6').message).toContain('returns 24000 ms');
  });

  it('keeps the running chain\'s slot in the fix when the block time must change', async () => {
    const dir = copy('slot-longer-than-block-time');
    edit(join(dir, 'runtime/src/lib.rs'), 'BLOCK_TIME_MS: u64 = 6_000;', 'BLOCK_TIME_MS: u64 = 12_000;');
    edit(join(dir, 'runtime/src/lib.rs'), 'SLOT_DURATION: u64 = 4 * BLOCK_TIME_MS;', 'SLOT_DURATION: u64 = 24_000;');
    const { r } = await only(dir);
    expect(step(r, '3.3').status).toBe('fail');
    expect(step(r, '3.3').message).toContain('longer than the relay slot');
    expect(step(r, '3.3').fix).toContain('pub const BLOCK_TIME_MS: u64 = 6000;');
    expect(step(r, '3.3').fix).toContain('pub const SLOT_DURATION: u64 = 24000;');
  });
});

describe('check: elastic scaling', () => {
  it('accepts velocity 3, a relay parent offset and a capacity computed from them', async () => {
    const { r } = await only('elastic-scaling');
    expect(r.release.name).toBe('polkadot-stable2506');
    expect(failing(r)).toEqual([]);
    expect(step(r, '3.2').message).toContain('capacity is 9');
    expect(step(r, '3.3').message).toContain('block time 2000 ms, within the relay slot 6000 ms (velocity 3: from 2000 ms)');
    expect(step(r, '3.5').message).toContain('MinimumPeriod is 0');
  });

  it('requires MinimumPeriod 0 in every build with several blocks per slot', async () => {
    const dir = copy('elastic-scaling');
    edit(join(dir, 'runtime/src/lib.rs'), '\ttype MinimumPeriod = ConstU64<0>;', '\t#[cfg(feature = "experimental")]\n\ttype MinimumPeriod = ConstU64<0>;\n\t#[cfg(not(feature = "experimental"))]\n\ttype MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;');
    edit(join(dir, 'runtime/Cargo.toml'), 'std = ["polkadot-sdk/std"]', 'std = ["polkadot-sdk/std"]\nexperimental = []');
    const { r } = await only(dir);
    expect(step(r, '3.5').status).toBe('fail');
    expect(step(r, '3.5').message).toContain('velocity 3 puts several blocks in one slot');
  });
});

describe('check: aliases and indirection', () => {
  it('follows the relay-number rule through another pallet\'s config, and the hook through aliases', async () => {
    const { r } = await only('aliases-and-indirection');
    expect(failing(r)).toEqual([]);
    expect(step(r, '1.4').message).toContain("RelayNumberMonotonicallyIncreases (through EmergencyParaXcm's config)");
    expect(step(r, '1.1').message).toContain('CAPACITY = 3');
    expect(step(r, '1.7').status).toBe('pass');
  });

  it('fails a rule that stops blocks sharing a relay parent, wherever it is set', async () => {
    const dir = copy('aliases-and-indirection');
    edit(join(dir, 'runtime/src/lib.rs'), 'cumulus_pallet_parachain_system::RelayNumberMonotonicallyIncreases;\n\ttype QueuePausedQuery', 'cumulus_pallet_parachain_system::RelayNumberStrictlyIncreases;\n\ttype QueuePausedQuery');
    const { r } = await only(dir);
    expect(step(r, '1.4').status).toBe('fail');
    expect(step(r, '1.4').message).toContain("RelayNumberStrictlyIncreases (through EmergencyParaXcm's config)");
  });

  it('accepts AnyRelayNumber, a deliberate choice, with a note', async () => {
    const dir = copy('aliases-and-indirection');
    edit(join(dir, 'runtime/src/lib.rs'), 'type CheckAssociatedRelayNumber = EmergencyParaXcm;', 'type CheckAssociatedRelayNumber = cumulus_pallet_parachain_system::AnyRelayNumber;');
    const { r } = await only(dir);
    expect(step(r, '1.4').status).toBe('pass');
    expect(step(r, '1.4').message).toContain('AnyRelayNumber');
    expect(r.phase).toBe(3);
  });
});

describe('check: a consensus hook of the chain\'s own that delegates to FixedVelocityConsensusHook', () => {
  it('judges the hook it delegates to, and can_build_upon through the type\'s own method', async () => {
    const { r } = await only('consensus-hook-wrapper');
    expect(failing(r)).toEqual([]);
    expect(step(r, '1.4').message).toContain('ConsensusHook is ConsensusHook, which delegates to FixedVelocityConsensusHook');
    expect(step(r, '3.2').message).toContain('capacity is 3');
  });
});

describe('check: a runtime built by procedural macros check cannot expand', () => {
  it('answers unknown, naming every macro, never "not found"', async () => {
    const { r } = await only('proc-macro-runtime');
    for (const id of ['1.4', '1.5', '1.6', '1.7', '1.8', '3.1', '3.5']) {
      expect(step(r, id).status, id).toBe('unknown');
      expect(step(r, id).message, id).toContain('impl_abstract_consensus! (runtime/src/lib.rs:17), #[construct_abstract_runtime] (runtime/src/lib.rs:24)');
      expect(step(r, id).message, id).not.toMatch(/^no /);
    }
    expect(step(r, '1.1').status).toBe('pass');
    expect(r.phase).toBe(0);
  });

  it('still fails a runtime API missing from the impl_runtime_apis! it read: the macro runs once per runtime', async () => {
    const dir = copy('sync-2023');
    const lib = join(dir, 'runtime/src/lib.rs');
    writeFileSync(lib, `${readFileSync(lib, 'utf8')}\nsome_external_crate::impl_governance_tracks! {}\n`);
    const { r } = await only(dir);
    expect(step(r, '1.7').status).toBe('fail');
    expect(step(r, '1.7').message).toMatch(/^no `AuraUnincludedSegmentApi::can_build_upon`/);
  });
});

describe('check: Nimbus consensus', () => {
  it('maps the guide\'s Aura steps to pallet_async_backing and async_backing_primitives', async () => {
    const { r } = await only('nimbus-consensus');
    expect(failing(r)).toEqual([]);
    expect(step(r, '1.4').message).toContain('pallet_async_backing::consensus_hook::FixedVelocityConsensusHook');
    expect(step(r, '1.1').message).toContain('UNINCLUDED_SEGMENT_CAPACITY = 3');
    expect(step(r, '1.5').message).toContain("pallet_async_backing's AllowMultipleBlocksPerSlot = true");
    expect(step(r, '1.6')).toMatchObject({ status: 'n/a' });
    expect(step(r, '1.6').message).toContain('Nimbus runtimes have no AuraApi::slot_duration');
    expect(step(r, '1.7').message).toContain('UnincludedSegmentApi::can_build_upon asks the FixedVelocityConsensusHook');
    expect(r.steps.every((s) => !/pallet_aura::Config/.test(s.message))).toBe(true);
    expect(r.phase).toBe(3);
  });

  it("reads moonkit's later hook, which takes the relay slot first as cumulus's does", async () => {
    const dir = copy('nimbus-consensus');
    edit(join(dir, 'runtime/src/lib.rs'), 'FixedVelocityConsensusHook<\n\tRuntime,\n', 'FixedVelocityConsensusHook<\n\tRuntime,\n\tRELAY_CHAIN_SLOT_DURATION_MILLIS,\n');
    const { r } = await only(dir);
    expect(failing(r)).toEqual([]);
    expect(step(r, '1.1').message).toContain('UNINCLUDED_SEGMENT_CAPACITY = 3');
    expect(step(r, '1.1').message).toContain('BLOCK_PROCESSING_VELOCITY = 1');
    expect(r.phase).toBe(3);
  });

  it('fails AllowMultipleBlocksPerSlot = false in phase 3 with a pallet_async_backing fix', async () => {
    const dir = copy('nimbus-consensus');
    edit(join(dir, 'runtime/src/lib.rs'), 'type AllowMultipleBlocksPerSlot = ConstBool<true>;', 'type AllowMultipleBlocksPerSlot = ConstBool<false>;');
    const { r } = await only(dir);
    expect(step(r, '3.1').status).toBe('fail');
    expect(step(r, '3.1').fix).toBe('impl pallet_async_backing::Config for Runtime {\n\t// ..\n\ttype AllowMultipleBlocksPerSlot = ConstBool<true>;\n}');
  });
});

describe('check: a value chosen at build time by a macro of the repository', () => {
  it('expands the macro and takes the branch the judged build compiles', async () => {
    const dir = copy('authoring-duration-from-cli-flag');
    const service = join(dir, 'node/src/service.rs');
    edit(service, 'Duration::from_millis(options.authoring_duration)', 'Duration::from_millis(by_network!(500, 2000))');
    edit(service, '//! The collator, with the authoring duration the command line gives.', [
      '//! The collator, with an authoring duration chosen per network at build time.',
      'macro_rules! by_network {',
      '\t($production:expr, $testnet:expr) => {',
      '\t\tif cfg!(feature = "testnet") {',
      '\t\t\t$testnet',
      '\t\t} else {',
      '\t\t\t$production',
      '\t\t}',
      '\t};',
      '}',
    ].join('\n'));
    let { r } = await only(dir);
    expect(step(r, '2.5').status).toBe('fail');
    expect(step(r, '2.5').message).toContain('authoring_duration is 500 ms');
    writeFileSync(join(dir, 'node/Cargo.toml'), '\n[features]\ndefault = ["testnet"]\ntestnet = []\n', { flag: 'a' });
    ({ r } = await only(dir));
    expect(step(r, '2.5').status).toBe('pass');
    expect(step(r, '2.5').message).toContain('2000 ms');
  });
});

describe('check: a runtime that also builds as a standalone chain', () => {
  it('judges the build that is a parachain: the feature enabling the optional Cumulus crates is on', async () => {
    const dir = copy('older-release-experimental-slot');
    edit(join(dir, 'Cargo.toml'), 'cumulus-pallet-parachain-system = { version = "0.4.0", default-features = false }', 'cumulus-pallet-parachain-system = { version = "0.4.0", default-features = false, optional = true }');
    edit(join(dir, 'runtime/Cargo.toml'), 'cumulus-pallet-parachain-system = { workspace = true }', 'cumulus-pallet-parachain-system = { workspace = true, optional = true }');
    edit(join(dir, 'runtime/Cargo.toml'), 'experimental = [', 'parachain = ["cumulus-pallet-parachain-system"]\nexperimental = [');
    const lib = join(dir, 'runtime/src/lib.rs');
    edit(lib, 'impl cumulus_pallet_parachain_system::Config for Runtime {', '#[cfg(feature = "parachain")]\nimpl cumulus_pallet_parachain_system::Config for Runtime {');
    edit(lib, 'impl pallet_aura::Config for Runtime {', '#[cfg(not(feature = "parachain"))]\nimpl pallet_aura::Config for Runtime {\n\ttype AllowMultipleBlocksPerSlot = ConstBool<false>;\n}\n\n#[cfg(feature = "parachain")]\nimpl pallet_aura::Config for Runtime {');
    const { r } = await only(dir);
    expect(step(r, '1.4').status).toBe('pass');
    expect(step(r, '3.1').status).toBe('pass');
    expect(r.phase).toBe(3);
  });
});

describe('check: runtime APIs in a wrapper that takes arguments of its own first', () => {
  it('reads the impls after the wrapper\'s own arguments', async () => {
    const dir = copy('apis-in-wrapping-macro');
    const lib = join(dir, 'runtime/src/lib.rs');
    edit(lib, 'network_runtime_common::impl_runtime_apis_plus_common! {\n', 'network_runtime_common::impl_runtime_apis_plus_common!(\n\tRuntime,\n\tExecutive,\n');
    edit(lib, /\n\}\n\ncumulus_pallet_parachain_system::register_validate_block!/, '\n);\n\ncumulus_pallet_parachain_system::register_validate_block!');
    const { details, r } = await only(dir);
    expect(step(r, '1.6').status).toBe('pass');
    expect(step(r, '1.7').status).toBe('pass');
    expect(details.problems).toEqual([]);
  });
});

describe('check: constants imported from polkadot-sdk\'s parachains-common', () => {
  it('knows their values (12 s blocks, a 0.5 s block weight)', async () => {
    const dir = copy('apis-in-wrapping-macro');
    const lib = join(dir, 'runtime/src/lib.rs');
    edit(lib, 'pub const MILLI_SECS_PER_BLOCK: u64 = 6000;\npub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;\n', 'use parachains_common::{MAXIMUM_BLOCK_WEIGHT, SLOT_DURATION};\n');
    edit(lib, /const MAXIMUM_BLOCK_WEIGHT: Weight = Weight::from_parts\([\s\S]*?\);\n/, '');
    edit(join(dir, 'runtime/Cargo.toml'), '[features]', 'parachains-common = { version = "26.0.0", default-features = false }\n\n[features]');
    const { r } = await only(dir);
    expect(step(r, '1.5').message).toContain('SlotDuration = 12000 ms');
    expect(step(r, '3.3').status).toBe('fail');
    expect(step(r, '3.3').message).toContain('block time 12000 ms is longer than the relay slot');
    expect(step(r, '3.4').message).toContain('MAXIMUM_BLOCK_WEIGHT (imported from parachains_common) has ref time 0.5 s');
  });
});

describe('check: a crate that lists substrate-wasm-builder but builds no runtime', () => {
  it('is not judged as a runtime', async () => {
    const dir = copy('proc-macro-runtime');
    const tests = join(dir, 'integration-tests');
    mkdirSync(join(tests, 'src'), { recursive: true });
    writeFileSync(join(tests, 'Cargo.toml'), '[package]\nname = "integration-tests"\nversion = "0.1.0"\nedition = "2021"\n\n[build-dependencies]\nsubstrate-wasm-builder = "26.0.1"\n\n[dependencies]\ncumulus-pallet-parachain-system = { version = "0.20.0" }\n');
    writeFileSync(join(tests, 'src/lib.rs'), '//! Tests against chains started elsewhere.\nuse cumulus_pallet_parachain_system as _;\n');
    edit(join(dir, 'Cargo.toml'), '"runtime"', '"runtime", "integration-tests"');
    const { r } = await only(dir);
    expect(r.path).toBe('runtime');
  });
});

describe('check: timing constants named by path from a constants crate', () => {
  it('finds the block time beside the slot constant, though the runtime never imports it', async () => {
    const dir = fixtureCopier(join(ROOT, 'test', 'fixtures', 'upgrade'))('shared-constants-crate');
    const devnet = join(dir, 'runtime/devnet/src/lib.rs');
    edit(devnet, 'use runtime_common::{DAYS, MAXIMUM_BLOCK_WEIGHT, SLOT_DURATION};', 'use runtime_common as constants;\nuse constants::MAXIMUM_BLOCK_WEIGHT;');
    writeFileSync(devnet, readFileSync(devnet, 'utf8').replaceAll('7 * DAYS', '7 * constants::DAYS').replace('{ SLOT_DURATION / 2 }', '0'));
    edit(devnet, 'const UNINCLUDED_SEGMENT_CAPACITY: u32 = 1;', 'const UNINCLUDED_SEGMENT_CAPACITY: u32 = 3;');
    edit(devnet, 'type AllowMultipleBlocksPerSlot = ConstBool<false>;', 'type AllowMultipleBlocksPerSlot = ConstBool<true>;\n\ttype SlotDuration = ConstU64<{ constants::SLOT_DURATION }>;');
    // The team's phase 3, as upgrade writes it for a live chain: 6 s blocks, the 12 s slot kept.
    const common = join(dir, 'runtime/common/src/lib.rs');
    edit(common, 'pub const MILLISECS_PER_BLOCK: u64 = 12000;', 'pub const MILLISECS_PER_BLOCK: u64 = 6000;');
    edit(common, 'pub const SLOT_DURATION: u64 = MILLISECS_PER_BLOCK;', 'pub const SLOT_DURATION: u64 = 12_000;');
    const details = await audit(dir);
    const r = details.report.runtimes.find((x) => x.path === 'runtime/devnet')!;
    expect(step(r, '3.3').status).toBe('pass');
    expect(step(r, '3.3').message).toContain('block time 6000 ms, within the relay slot 6000 ms: MILLISECS_PER_BLOCK = 6000');
  });
});
