// `check` beyond the guide's code steps: the relay prerequisite judged apart from the phase (explicit
// values, the relay's built-in genesis for the release it runs, YAML and JSON configs, a chain-spec
// file, an unreadable config), timing by block number and known causes of stalled chains. The
// network fixtures under test/fixtures/check/relay are laid over a copy of the runtime-only fixture.

import { chmodSync, cpSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { audit } from '../src/check/audit.js';
import type { RuntimeReport } from '../src/check/types.js';
import { builtInRelayChains, readsAsyncBackingParams, relayGenesis, releaseNamedIn, releaseOfParachainsCrate } from '../src/profiles/relay-chains.js';
import { BIN, ROOT, edit, removeTree, tempFolder } from './support/cli.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'check');
const temps: string[] = [];
afterAll(() => temps.forEach(removeTree));

/** A runtime-only repository (capacity 3) with the network files of `relay/<pattern>`. */
function network(pattern: string): string {
  const dir = join(tempFolder('cap-relay-'), 'repo');
  temps.push(dir);
  cpSync(join(FIXTURES, 'runtime-only'), dir, { recursive: true });
  cpSync(join(FIXTURES, 'relay', pattern), dir, { recursive: true });
  return dir;
}

function copyOf(name: string): string {
  const dir = join(tempFolder('cap-relay-'), 'repo');
  temps.push(dir);
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

async function only(dir: string): Promise<RuntimeReport> {
  const { report } = await audit(dir);
  expect(report.runtimes).toHaveLength(1);
  return report.runtimes[0]!;
}

describe('relay facts per release (src/profiles/relay-chains.ts)', () => {
  it('knows what rococo-local starts with, release by release', () => {
    const at = (release: string) => {
      const g = relayGenesis('rococo-local', release);
      return g?.builtIn ? [g.defaults.maxCandidateDepth, g.defaults.allowedAncestryLen, g.defaults.lookahead] : g;
    };
    expect(at('polkadot-v1.0.0')).toEqual([0, 0, 0]);
    expect(at('polkadot-v1.7.0')).toEqual([0, 0, 1]);
    expect(at('polkadot-v1.8.0')).toEqual([3, 2, 2]);
    expect(at('stable2412')).toEqual([3, 2, 2]);
    expect(at('stable2503')).toEqual([0, 0, 3]);
    expect(at('stable2512')).toEqual([0, 0, 3]);
    expect(readsAsyncBackingParams('stable2412')).toBe(true);
    expect(readsAsyncBackingParams('stable2503')).toBe(false);
    expect(relayGenesis('rococo-local', 'stable2603')).toBeUndefined();
  });

  it('knows which chains the polkadot binary of a release can start', () => {
    expect(builtInRelayChains('polkadot-v1.1.0')).toEqual(['rococo-local', 'westend-local', 'kusama-local', 'polkadot-local']);
    expect(builtInRelayChains('polkadot-v1.2.0')).toEqual(['rococo-local', 'westend-local']);
    expect(builtInRelayChains('stable2512')).toEqual(['rococo-local', 'westend-local']);
    expect(relayGenesis('paseo-local', 'stable2512')).toMatchObject({ builtIn: false });
  });

  it('names the release in binary paths, image tags, git refs and crate versions', () => {
    expect(releaseNamedIn('./bin-v1.6.0/polkadot')).toBe('polkadot-v1.6.0');
    expect(releaseNamedIn('parity/polkadot:v1.15.2')).toBe('stable2407');
    expect(releaseNamedIn('polkadot-stable2412-3')).toBe('stable2412');
    expect(releaseNamedIn('release-polkadot-v1.3.0')).toBe('polkadot-v1.3.0');
    expect(releaseNamedIn('parity/polkadot:latest')).toBeUndefined();
    expect(releaseNamedIn('polkadot')).toBeUndefined();
    expect(releaseOfParachainsCrate('4.0.0')).toBe('polkadot-v1.3.0');
    expect(releaseOfParachainsCrate('18.1.0')).toBe('stable2412');
    expect(releaseOfParachainsCrate('19.2.0')).toBe('stable2503');
  });
});

describe('check: the relay prerequisite, judged apart from the phase', () => {
  it('judges explicit async_backing_params and lookahead on their values (pass, then fail)', async () => {
    const dir = network('explicit-params');
    let r = await only(dir);
    expect(r.prerequisite.status).toBe('pass');
    expect(r.prerequisite.evidence).toContainEqual({ file: 'zombienet.toml', line: 7, message: 'max_candidate_depth = 3 set in the relay genesis patch' });
    expect(r.phase).toBe(3);
    edit(join(dir, 'zombienet.toml'), 'lookahead = 2', 'lookahead = 1');
    r = await only(dir);
    expect(r.prerequisite.status).toBe('fail');
    expect(r.prerequisite.message).toContain('scheduler lookahead 1 (zombienet.toml) is below 2');
    expect(r.prerequisite.fix).toContain('lookahead = 2');
    // Not part of the phase: the runtime still meets phase 3; the relay setting is named as a stall cause.
    expect(r.phase).toBe(3);
    expect(r.stalls.map((s) => s.id)).toEqual(['relay']);
  });

  it('reads a TOML config whose balances exceed 64 bits, as zombienet does', async () => {
    const dir = network('explicit-params');
    const path = join(dir, 'zombienet.toml');
    writeFileSync(path, `${readFileSync(path, 'utf8')}\n[[parachains.genesis.runtimeGenesis.patch.balances.balances]]\nwho = "5Grw"\namount = 1000000000000000000000\n`);
    const r = await only(dir);
    expect(r.prerequisite.status).toBe('pass');
  });

  it("judges the relay's built-in genesis for the release the repository pins", async () => {
    const dir = network('built-in-genesis');
    let r = await only(dir);
    expect(r.prerequisite.status).toBe('pass');
    expect(r.prerequisite.evidence).toContainEqual(expect.objectContaining({ file: 'Cargo.lock', message: expect.stringContaining('relay release stable2412: polkadot-runtime-parachains 18.1.0') }));
    expect(r.prerequisite.evidence).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/^rococo-local on stable2412: max_candidate_depth 3, allowed_ancestry_len 2, lookahead 2/) }));

    // stable2503's preset: params 0 (no longer read), lookahead 3.
    edit(join(dir, 'Cargo.lock'), 'version = "18.1.0"', 'version = "19.1.0"');
    r = await only(dir);
    expect(r.prerequisite.status).toBe('pass');
    expect(r.prerequisite.message).toContain('stable2503: max_candidate_depth 0, allowed_ancestry_len 0, lookahead 3');

    // polkadot-v1.3.0: no async backing at genesis, and the patch goes under `genesis.runtime`.
    edit(join(dir, 'Cargo.lock'), 'version = "19.1.0"', 'version = "4.0.0"');
    r = await only(dir);
    expect(r.prerequisite.status).toBe('fail');
    expect(r.prerequisite.message).toContain("scheduler lookahead 1 (rococo-local's built-in genesis on polkadot-v1.3.0) is below 2");
    expect(r.prerequisite.fix).toContain('[relaychain.genesis.runtime.configuration.config.async_backing_params]');
    expect(r.prerequisite.fix).toContain('scheduling_lookahead = 2');
  });

  it('says unknown, never fail, when the relay release cannot be told', async () => {
    const dir = network('built-in-genesis');
    rmSync(join(dir, 'Cargo.lock'));
    let r = await only(dir);
    expect(r.prerequisite.status).toBe('unknown');
    expect(r.prerequisite.message).toContain('default_command polkadot names no release');
    expect(r.prerequisite.fix).toBeNull();
    // An image tag `latest` names no release either.
    edit(join(dir, 'zombienet.toml'), 'default_command = "polkadot"', 'default_image = "parity/polkadot:latest"');
    r = await only(dir);
    expect(r.prerequisite.status).toBe('unknown');
  });

  it('disagreeing releases (a script fetches one, the lock pins another) give unknown', async () => {
    const dir = network('built-in-genesis');
    cpSync(join(FIXTURES, 'relay', 'built-in-genesis', 'zombienet.toml'), join(dir, 'zombienet.toml'));
    writeFileSync(join(dir, 'spawn.sh'), '#!/bin/sh\nPOLKADOT_VERSION=v1.7.0\nzombienet spawn zombienet.toml\n');
    const r = await only(dir);
    expect(r.prerequisite.status).toBe('unknown');
    expect(r.prerequisite.message).toContain('the releases it may run disagree');
    expect(r.prerequisite.evidence).toContainEqual({ file: 'spawn.sh', line: 2, message: 'relay release polkadot-v1.7.0: POLKADOT_VERSION = v1.7.0 (fetched by a script)' });
  });

  it('reads a YAML config', async () => {
    const r = await only(network('yaml-config'));
    expect(r.prerequisite.status).toBe('pass');
    expect(r.prerequisite.evidence[0]).toEqual({ file: 'zombienet.yaml', line: 4, message: 'relay chain westend-local' });
    expect(r.prerequisite.evidence).toContainEqual({ file: 'zombienet.yaml', line: 14, message: 'scheduler_params.lookahead = 3 set in the relay genesis patch' });
  });

  it('reads a JSON config and the release its image names', async () => {
    const r = await only(network('json-config-image-release'));
    expect(r.prerequisite.status).toBe('fail');
    expect(r.prerequisite.evidence).toContainEqual({ file: 'network.json', line: 3, message: 'relay release polkadot-v1.7.0: default_image docker.io/parity/polkadot:v1.7.0' });
    expect(r.prerequisite.fix).toContain('"scheduling_lookahead": 2');
    expect(r.prerequisite.fix).toContain('"runtimeGenesis": {');
  });

  it("reads a relay chain-spec file's host configuration; a raw one is unknown", async () => {
    const dir = network('chain-spec-file');
    let r = await only(dir);
    expect(r.prerequisite.status).toBe('pass');
    expect(r.prerequisite.evidence).toContainEqual({ file: 'relay/rococo-local-plain.json', line: 21, message: 'scheduler_params.lookahead = 2 in the chain spec' });
    const spec = join(dir, 'relay/rococo-local-plain.json');
    edit(spec, /"lookahead": 2,\s*/, '');
    r = await only(dir);
    // A patch leaves the lookahead at the HostConfiguration default, 1.
    expect(r.prerequisite.status).toBe('fail');
    expect(r.prerequisite.message).toContain('scheduler lookahead 1 (relay/rococo-local-plain.json (not set: the HostConfiguration default)) is below 2');
    writeFileSync(spec, JSON.stringify({ name: 'raw', genesis: { raw: { top: {}, childrenDefault: {} } } }));
    r = await only(dir);
    expect(r.prerequisite.status).toBe('unknown');
    expect(r.prerequisite.message).toContain('is a raw chain spec');
  });

  it('judges paseo-local named with a polkadot binary that cannot build it as a failure', async () => {
    const dir = network('explicit-params');
    writeFileSync(join(dir, 'zombienet.toml'), '[relaychain]\nchain = "paseo-local"\ndefault_command = "./bin-v1.6.0/polkadot"\n\n[[relaychain.nodes]]\nname = "alice"\n');
    const r = await only(dir);
    expect(r.prerequisite.status).toBe('fail');
    expect(r.prerequisite.message).toContain("polkadot-v1.6.0's polkadot cannot start paseo-local");
    expect(r.prerequisite.fix).toBeNull();
  });

  it('an unreadable network config is a read error: exit 2, naming it', () => {
    const dir = network('explicit-params');
    const config = join(dir, 'zombienet.toml');
    chmodSync(config, 0o000);
    // Root reads any file whatever its mode: as root the command runs as `nobody`, over a tree it can enter.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) openTree(join(dir, '..'), config);
    const command = asRoot ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath] : [process.execPath];
    const result = spawnSync(command[0]!, [...command.slice(1), BIN, 'check', dir], { encoding: 'utf8' });
    expect(result.stderr).toContain('Cannot read zombienet.toml (this network config');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.status).toBe(2);
  });
});

/** Every folder enterable and every file readable by anyone, except `keep`. */
function openTree(dir: string, keep: string): void {
  chmodSync(dir, 0o755);
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (path === keep) continue;
    if (statSync(path).isDirectory()) openTree(path, keep);
    else chmodSync(path, 0o644);
  }
}

describe('check: timing by block number', () => {
  it('lists the units, durations and table fields counted in blocks, and what a shorter block time does', async () => {
    const r = await only(copyOf('timing-block-durations'));
    const t = r.timing;
    expect(t.blockTimeMs).toBe(12000);
    expect(t.shorterBlockTimeMs).toBe(6000);
    const byName = new Map(t.findings.map((f) => [f.name, f]));
    expect(byName.get('MINUTES')).toMatchObject({ kind: 'unit', blocks: 5, duration: '1 min', basis: 'derived', file: 'runtime/src/lib.rs', line: 14 });
    expect(byName.get('DAYS')).toMatchObject({ kind: 'unit', blocks: 7200, duration: '1 day' });
    expect(byName.get('pallet_democracy::Config::VotingPeriod')).toMatchObject({ blocks: 50400, duration: '7 days', basis: 'derived', line: 30 });
    expect(byName.get('pallet_democracy::Config::VotingPeriod')!.effect).toContain('becomes 100800 blocks, the same wall-clock time');
    expect(byName.get('pallet_democracy::Config::LaunchPeriod')).toMatchObject({ blocks: 50400, duration: '7 days' });
    // A bare block count halves in wall-clock time.
    expect(byName.get('pallet_treasury::Config::SpendPeriod')).toMatchObject({ blocks: 14400, duration: '2 days', basis: 'literal' });
    expect(byName.get('pallet_treasury::Config::SpendPeriod')!.effect).toContain('it lasts 1 day');
    expect(byName.get('pallet_session::Config::ShouldEndSession')).toMatchObject({ blocks: 1800, duration: '6 h' });
    // Vesting counts relay blocks here.
    expect(byName.get('pallet_vesting::Config::LockPeriod')).toMatchObject({ basis: 'relay' });
    expect(byName.get('pallet_vesting::Config::LockPeriod')!.effect).toContain('counts relay-chain blocks');
    // …yet it is written with DAYS of this chain's 12 s blocks: 30 "days" of relay blocks last 15.
    expect(byName.get('pallet_vesting::Config::LockPeriod')).toMatchObject({ blocks: 216000, duration: '15 days' });
    expect(byName.get('pallet_vesting::Config::LockPeriod')!.effect).toContain("written with this chain's block-time units (12 s)");
    expect(byName.get('TRACKS: decision_period')).toMatchObject({ kind: 'field', blocks: 100800, duration: '14 days' });
    expect(byName.has('pallet_democracy::Config::MaxVotes')).toBe(false);
  });
});

describe('check: known causes of stalled chains', () => {
  it('names ExpectParentIncluded with 6 s blocks and one block per 12 s slot', async () => {
    const dir = copyOf('stall-expect-parent-included');
    let r = await only(dir);
    expect(r.stalls.map((s) => s.id)).toEqual(['expect-parent-included', 'one-block-per-slot']);
    expect(r.stalls[0]).toMatchObject({ file: 'runtime/src/lib.rs', line: 18 });
    expect(r.stalls[0]!.message).toContain('expected parent to be included');
    expect(r.stalls[1]!.message).toContain('shorter than the Aura slot (12000 ms)');
    // Blocks may share the 24 s slot now, but MinimumPeriod (12 s) exceeds the 6 s between blocks.
    edit(join(dir, 'runtime/src/lib.rs'), 'ConstBool<false>', 'ConstBool<true>');
    edit(join(dir, 'runtime/src/lib.rs'), 'SLOT_DURATION: u64 = 12000', 'SLOT_DURATION: u64 = 24000');
    r = await only(dir);
    expect(r.stalls.map((s) => s.id)).toEqual(['expect-parent-included', 'minimum-period']);
    expect(r.stalls[1]!.message).toContain('MinimumPeriod is 12000 ms while consecutive blocks are 6000 ms apart');
  });

  it('names none on a runtime set up as the guide says', async () => {
    const r = await only(copyOf('runtime-only'));
    expect(r.stalls).toEqual([]);
  });
});
