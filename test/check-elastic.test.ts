// `check`'s elastic-scaling readiness: a hand-written repository set up for elastic scaling the
// way production chains are (constants in a module of their own, polkadot-omni-node started with
// `--authoring slot-based`, cores added in the relay genesis and assigned by a zombienet script),
// and edited copies that break one item each. Every stall cause is one the SDK's code asserts.

import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { audit } from '../src/check/audit.js';
import { formatReport } from '../src/check/report.js';
import type { ElasticItem, RuntimeReport } from '../src/check/types.js';
import { styleFor } from '../src/cli/style.js';
import { ROOT, edit, generate, removeTree, runCli, tempFolder } from './support/cli.js';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'check', 'elastic-omni-node');

const temps: string[] = [];
afterAll(() => temps.forEach(removeTree));

function copy(): string {
  const dir = join(tempFolder('cap-elastic-'), 'repo');
  temps.push(dir);
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

async function runtimeOf(dir: string): Promise<RuntimeReport> {
  const details = await audit(dir);
  expect(details.report.runtimes).toHaveLength(1);
  return details.report.runtimes[0]!;
}

function item(r: RuntimeReport, id: string): ElasticItem {
  const found = r.elasticScaling.items.find((i) => i.id === id);
  if (!found) throw new Error(`no elastic-scaling item ${id}`);
  return found;
}

function statuses(r: RuntimeReport): Record<string, string> {
  return Object.fromEntries(r.elasticScaling.items.map((i) => [i.id, i.status]));
}

const plainStyle = styleFor({ isTTY: false }, { NO_COLOR: '1' });

const ITEMS = ['release', 'velocity', 'relay-parent-offset', 'offset-api', 'capacity', 'minimum-period', 'block-time', 'aura-slot', 'multiple-blocks-per-slot', 'ump-signals', 'collator', 'relay-cores', 'relay-params', 'validators'];

describe('a repository set up for elastic scaling', () => {
  it('is phase 3 and ready, every item with its evidence', async () => {
    const r = await runtimeOf(FIXTURE);
    expect(r.phase).toBe(3);
    expect(r.elasticScaling).toMatchObject({ enabled: true, velocity: 3, relayParentOffset: 1, ready: 'yes' });
    expect(r.elasticScaling.items.map((i) => i.id)).toEqual(ITEMS);
    expect(Object.values(statuses(r)).every((s) => s === 'pass')).toBe(true);
    expect(item(r, 'offset-api')).toMatchObject({ file: 'runtime/src/lib.rs', line: 79 });
    expect(item(r, 'relay-parent-offset')).toMatchObject({ file: 'runtime/src/lib.rs', line: 31 });
    expect(item(r, 'capacity').message).toContain('capacity 12');
    expect(item(r, 'block-time').message).toContain('2000 ms');
    expect(item(r, 'release').message).toContain('stable2512');
    expect(item(r, 'relay-cores').message).toContain('zombienet/cores.js');
    expect(r.stalls).toEqual([]);
  });

  it('prints the readiness as a block of the text report', async () => {
    const details = await audit(FIXTURE);
    const text = formatReport(details, 3, plainStyle);
    expect(text).toContain('Elastic scaling (velocity 3, relay parent offset 1): ready');
    for (const id of ITEMS) expect(text).toMatch(new RegExp(`pass  ${id}: `));
  });
});

describe('a generated stable2512 project at velocity 3, read back by check', () => {
  for (const omni of [false, true]) {
    it(`is phase 3 with elastic scaling ready${omni ? ' (polkadot-omni-node)' : ' (slot-based node)'}, and a broken copy is caught`, async () => {
      const dir = generate(`elastic-${omni ? 'omni' : 'node'}`, ['--sdk', 'stable2512', '--velocity', '3', ...(omni ? ['--omni-node'] : [])]);
      temps.push(join(dir, '..'));
      const r = await runtimeOf(dir);
      expect(r.phase).toBe(3);
      expect(r.elasticScaling).toMatchObject({ enabled: true, velocity: 3, relayParentOffset: 1, ready: 'yes' });
      expect(r.stalls).toEqual([]);
      expect(item(r, 'collator').file).toBe(omni ? 'zombienet/zombienet.toml' : 'node/src/service.rs');

      // No RelayParentOffsetApi: the collator would build at offset 0 and every block panics.
      const noApi = join(tempFolder('cap-elastic-'), 'repo');
      temps.push(noApi);
      cpSync(dir, noApi, { recursive: true });
      edit(join(noApi, 'runtime/src/apis.rs'), /\n\timpl cumulus_primitives_core::RelayParentOffsetApi<Block> for Runtime \{[\s\S]*?\n\t\}\n/, '\n');
      const broken = await runtimeOf(noApi);
      expect(broken.elasticScaling.ready).toBe('no');
      expect(item(broken, 'offset-api').status).toBe('fail');
      expect(broken.stalls.map((s) => s.id)).toEqual(['offset-without-api']);

      // Too small a capacity for velocity 3 and offset 1.
      const small = join(tempFolder('cap-elastic-'), 'repo');
      temps.push(small);
      cpSync(dir, small, { recursive: true });
      edit(join(small, 'runtime/src/lib.rs'), '(3 + RELAY_PARENT_OFFSET) * BLOCK_PROCESSING_VELOCITY', '2 * BLOCK_PROCESSING_VELOCITY');
      const slowed = await runtimeOf(small);
      expect(item(slowed, 'capacity')).toMatchObject({ status: 'fail' });
      expect(slowed.stalls.map((s) => s.id)).toEqual(['elastic-capacity']);
    });
  }

  it('regen --velocity 3 takes a generated phase-3 chain there, keeping its Aura slot, and check reads it ready', async () => {
    const dir = generate('elastic-regen', ['--sdk', 'stable2512']);
    temps.push(join(dir, '..'));
    const regen = runCli(['regen', 'all', '--velocity', '3'], { cwd: dir });
    expect(regen.code, regen.stderr).toBe(0);
    const settings = (JSON.parse(readFileSync(join(dir, 'async-parachain.json'), 'utf8')) as { settings: Record<string, unknown> }).settings;
    // The live-chain slot rule: the Aura slot stays (6 s, at least the relay slot).
    expect(settings).toMatchObject({ velocity: 3, relayParentOffset: 1, capacity: 12, blockTimeMs: 2000, slotDurationMs: 6000, validators: 3 });
    const r = await runtimeOf(dir);
    expect(r.phase).toBe(3);
    expect(r.elasticScaling.ready).toBe('yes');
    expect(runCli(['regen', 'all', '--velocity', '3'], { cwd: dir }).stdout).toContain('no file changed');
  });
});

describe('what breaks elastic scaling', () => {
  it('an offset without RelayParentOffsetApi: not ready, and a stall', async () => {
    const dir = copy();
    edit(join(dir, 'runtime/src/lib.rs'), /\n\timpl cumulus_primitives_core::RelayParentOffsetApi<Block> for Runtime \{[\s\S]*?\n\t\}\n/, '\n');
    const r = await runtimeOf(dir);
    expect(r.elasticScaling.ready).toBe('no');
    expect(item(r, 'offset-api').status).toBe('fail');
    const stall = r.stalls.find((s) => s.id === 'offset-without-api');
    expect(stall).toMatchObject({ file: 'runtime/src/lib.rs', line: 31 });
    expect(stall!.message).toContain('Unable to verify provided relay parent descendants');
    // The async-backing phase does not depend on it.
    expect(r.phase).toBe(3);
  });

  it('an API that returns another offset than parachain-system uses: a stall', async () => {
    const dir = copy();
    edit(join(dir, 'runtime/src/lib.rs'), /fn relay_parent_offset\(\) -> u32 \{\n\t\t\tRELAY_PARENT_OFFSET\n/, 'fn relay_parent_offset() -> u32 {\n\t\t\t2\n');
    const r = await runtimeOf(dir);
    expect(item(r, 'offset-api')).toMatchObject({ status: 'fail' });
    expect(item(r, 'offset-api').message).toContain('returns 2 but RelayParentOffset is 1');
    expect(r.stalls.map((s) => s.id)).toEqual(['offset-api-mismatch']);
  });

  it('a capacity below (2 + offset) x velocity + 1: not ready, and a slowed chain', async () => {
    const dir = copy();
    edit(join(dir, 'runtime/src/constants.rs'), '(3 + RELAY_PARENT_OFFSET) * BLOCK_PROCESSING_VELOCITY', '2 * BLOCK_PROCESSING_VELOCITY');
    const r = await runtimeOf(dir);
    expect(item(r, 'capacity')).toMatchObject({ status: 'fail', file: 'runtime/src/constants.rs', line: 10 });
    expect(item(r, 'capacity').message).toContain('capacity 6 is below (2 + offset) × velocity + 1 = 10');
    expect(r.stalls.map((s) => s.id)).toEqual(['elastic-capacity']);
    expect(r.elasticScaling.ready).toBe('no');
  });

  it('polkadot-omni-node without --authoring slot-based: the lookahead collator, a stall at offset 1', async () => {
    const dir = copy();
    edit(join(dir, 'zombienet/network.toml'), 'default_args = ["--authoring", "slot-based"]\n', '');
    const r = await runtimeOf(dir);
    expect(item(r, 'collator')).toMatchObject({ status: 'fail', file: 'zombienet/network.toml', line: 21 });
    expect(r.stalls.map((s) => s.id)).toEqual(['offset-lookahead-collator']);
  });

  it('the flag in its `--authoring=slot-based` and deprecated forms passes', async () => {
    for (const flag of ['"--authoring=slot-based"', '"--experimental-use-slot-based"']) {
      const dir = copy();
      edit(join(dir, 'zombienet/network.toml'), '"--authoring", "slot-based"', flag);
      expect(item(await runtimeOf(dir), 'collator').status).toBe('pass');
    }
  });

  it('a node crate judged by the collator it runs: lookahead fails (and stalls at an offset), slot-based passes', async () => {
    const dir = copy();
    edit(join(dir, 'Cargo.toml'), 'members = ["runtime"]', 'members = ["runtime", "node"]');
    mkdirSync(join(dir, 'node/src'), { recursive: true });
    writeFileSync(join(dir, 'node/Cargo.toml'), '[package]\nname = "hub-node"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\nhub-runtime = { path = "../runtime" }\ncumulus-client-consensus-aura = "0.28.0"\n');
    const service = (collator: string) =>
      `use cumulus_client_consensus_aura::collators::${collator} as aura;\n\nfn start_consensus(params: Params) {\n\tlet fut = aura::run::<Block, AuraPair, _, _, _, _, _, _, _, _, _>(params);\n\tspawn(fut);\n}\n`;
    writeFileSync(join(dir, 'node/src/main.rs'), service('lookahead'));
    const lookahead = await runtimeOf(dir);
    expect(item(lookahead, 'collator')).toMatchObject({ status: 'fail', file: 'node/src/main.rs', line: 4 });
    expect(lookahead.stalls.map((s) => s.id)).toEqual(['offset-lookahead-collator']);
    writeFileSync(join(dir, 'node/src/main.rs'), service('slot_based'));
    const slotBased = await runtimeOf(dir);
    expect(item(slotBased, 'collator')).toMatchObject({ status: 'pass', file: 'node/src/main.rs', line: 4 });
    expect(slotBased.stalls).toEqual([]);
  });

  it('the relay: no extra cores, too few validators, nothing that assigns the cores', async () => {
    const dir = copy();
    edit(join(dir, 'zombienet/network.toml'), /\n\[relaychain\.genesis[^\n]*\nnum_cores = 2\n/, '\n');
    edit(join(dir, 'zombienet/network.toml'), /\n\[\[relaychain\.nodes\]\]\nname = "charlie"\nvalidator = true\n/, '\n');
    const r = await runtimeOf(dir);
    expect(item(r, 'relay-cores').status).toBe('fail');
    expect(item(r, 'relay-cores').message).toContain('num_cores is not set');
    expect(item(r, 'validators')).toMatchObject({ status: 'fail' });
    expect(item(r, 'validators').message).toContain('runs 2 relay validators');

    const unassigned = copy();
    removeTree(join(unassigned, 'zombienet/cores.js'));
    removeTree(join(unassigned, 'zombienet/cores.zndsl'));
    expect(item(await runtimeOf(unassigned), 'relay-cores').status).toBe('unknown');
  });

  it('a relay lookahead that does not reach the offset', async () => {
    const dir = copy();
    edit(join(dir, 'zombienet/network.toml'), 'num_cores = 2\n', 'num_cores = 2\nlookahead = 1\n');
    edit(join(dir, 'runtime/src/constants.rs'), 'RELAY_PARENT_OFFSET: u32 = 1', 'RELAY_PARENT_OFFSET: u32 = 2');
    const r = await runtimeOf(dir);
    expect(item(r, 'relay-params')).toMatchObject({ status: 'fail' });
    expect(item(r, 'relay-params').message).toContain('scheduler lookahead 1 is below 3');
  });

  it('the runtime: offset 0, MinimumPeriod above 0, a block time of the relay slot, an Aura slot under 6 s', async () => {
    const dir = copy();
    edit(join(dir, 'runtime/src/constants.rs'), 'RELAY_PARENT_OFFSET: u32 = 1', 'RELAY_PARENT_OFFSET: u32 = 0');
    edit(join(dir, 'runtime/src/lib.rs'), 'type MinimumPeriod = ConstU64<0>;', 'type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;');
    edit(join(dir, 'runtime/src/constants.rs'), /RELAY_CHAIN_SLOT_DURATION_MILLIS as u64 \/ elastic_scaling::BLOCK_PROCESSING_VELOCITY as u64/, '6000');
    edit(join(dir, 'runtime/src/constants.rs'), 'SLOT_DURATION: u64 = 24_000', 'SLOT_DURATION: u64 = 2_000');
    const r = await runtimeOf(dir);
    expect(statuses(r)).toMatchObject({ 'relay-parent-offset': 'fail', 'minimum-period': 'fail', 'block-time': 'fail', 'aura-slot': 'fail' });
    expect(item(r, 'aura-slot').message).toContain('2000 ms');
  });

  it('by release: stable2509 needs experimental-ump-signals, stable2506 is outside the guide, stable2503 has no offset', async () => {
    // The release is read from the crates the runtime pins, as check reads any chain's.
    const at = async (parachainSystem: string, sdk: string, feature: boolean) => {
      const dir = copy();
      edit(join(dir, 'Cargo.lock'), 'version = "0.25.0"', `version = "${parachainSystem}"`);
      const features = feature ? ', features = ["experimental-ump-signals"]' : '';
      edit(join(dir, 'runtime/Cargo.toml'), 'version = "0.25.0", default-features = false', `version = "${parachainSystem}", default-features = false${features}`);
      edit(join(dir, 'runtime/Cargo.toml'), 'version = "2512.0.0"', `version = "${sdk}"`);
      return runtimeOf(dir);
    };
    const without = await at('0.23.2', '2509.0.0', false);
    expect(statuses(without)).toMatchObject({ release: 'pass', 'ump-signals': 'fail' });
    const withFeature = await at('0.23.2', '2509.0.0', true);
    expect(item(withFeature, 'ump-signals')).toMatchObject({ status: 'pass', file: 'runtime/Cargo.toml', line: 7 });
    expect(withFeature.elasticScaling.ready).toBe('yes');
    const r2506 = await at('0.21.0', '2506.0.0', false);
    expect(item(r2506, 'release').status).toBe('unknown');
    expect(item(r2506, 'release').message).toContain('SelectCore');
    const r2503 = await at('0.20.0', '2503.0.1', false);
    expect(item(r2503, 'release').status).toBe('fail');
    expect(r2503.elasticScaling.ready).toBe('no');
  });

  it('a chain at velocity 1 is reported as not using it, with what it would take', async () => {
    const dir = copy();
    edit(join(dir, 'runtime/src/constants.rs'), 'BLOCK_PROCESSING_VELOCITY: u32 = 3', 'BLOCK_PROCESSING_VELOCITY: u32 = 1');
    const details = await audit(dir);
    const r = details.report.runtimes[0]!;
    expect(r.elasticScaling).toMatchObject({ enabled: false, velocity: 1, ready: 'no' });
    const text = formatReport(details, 3, plainStyle);
    expect(text).toContain('Elastic scaling (velocity 1: not in use)');
    expect(text).toContain('everything else it needs is in place');
    edit(join(dir, 'runtime/src/lib.rs'), /\n\timpl cumulus_primitives_core::RelayParentOffsetApi<Block> for Runtime \{[\s\S]*?\n\t\}\n/, '\n');
    expect(formatReport(await audit(dir), 3, plainStyle)).toContain('to enable it, besides a higher velocity: offset-api (details in --json)');
  });
});
