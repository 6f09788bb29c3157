// The `new` command as a user runs it: the built bin in a subprocess, in temp folders.

import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETTINGS } from '../src/settings/schema.js';
import { generate, readTree, removeTree, runCli, tempFolder } from './support/cli.js';
import { SPEC_FILES } from './support/project-files.js';


const made: string[] = [];
function project(name: string, flags: string[] = []): string {
  const dir = generate(name, flags);
  made.push(dir);
  return dir;
}
afterAll(() => made.forEach((d) => removeTree(join(d, '..'))));

describe('new project with --yes', () => {
  it('writes every file of the spec and nothing unexpected', () => {
    const dir = project('my-chain');
    const files = [...readTree(dir).keys()];
    expect(files.sort()).toEqual([...SPEC_FILES].sort());
  });

  it('gives byte-identical trees for the same settings', () => {
    const a = readTree(project('same-chain', ['--para-id', '2345']));
    const b = readTree(project('same-chain', ['--para-id', '2345']));
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [path, text] of a) expect(b.get(path), path).toBe(text);
  });

  it('uses the directory name as the crate prefix', () => {
    const dir = project('acme-net');
    expect(readFileSync(join(dir, 'runtime/Cargo.toml'), 'utf8')).toMatch(/^name = "acme-net-runtime"$/m);
    expect(readFileSync(join(dir, 'node/Cargo.toml'), 'utf8')).toMatch(/^name = "acme-net-node"$/m);
  });

  it('records settings, profile and fragment hashes in the manifest', () => {
    const dir = project('manifest-chain', ['--phase', '2', '--collators', '3']);
    const manifest = JSON.parse(readFileSync(join(dir, 'async-parachain.json'), 'utf8'));
    expect(manifest.tool).toBe('create-async-parachain');
    // The newest release is the default.
    expect(manifest.profile).toBe('stable2512');
    expect(manifest.settings).toMatchObject({ name: 'manifest-chain', phase: 2, collators: 3, capacity: 1, blockTimeMs: 12000, authoringMs: 2000 });
    expect(Object.keys(manifest.settings)).toEqual(SETTINGS.map((s) => s.key));
    const regions = Object.values(manifest.fragments as Record<string, Record<string, string>>).flatMap((r) => Object.keys(r));
    for (const fragment of ['async-backing', 'consensus', 'collator', 'zombienet']) {
      expect(regions.some((id) => id === fragment || id.startsWith(`${fragment}/`)), fragment).toBe(true);
    }
  });

  it('reproduces a project from its manifest with --config', () => {
    const first = project('repro-chain', ['--phase', '1', '--para-id', '3100', '--token-symbol', 'REP']);
    const second = join(tempFolder(), 'repro-chain');
    made.push(second);
    const result = runCli([second, '--yes', '--config', join(first, 'async-parachain.json')]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const a = readTree(first);
    const b = readTree(second);
    for (const [path, text] of a) expect(b.get(path), path).toBe(text);
  });
});

describe('each flag reaches its place', () => {
  it('--para-id reaches the genesis preset, the chain spec and the zombienet config', () => {
    const dir = project('para-chain', ['--para-id', '3377']);
    expect(readFileSync(join(dir, 'runtime/src/genesis_config_presets.rs'), 'utf8')).toMatch(/3377/);
    expect(readFileSync(join(dir, 'node/src/chain_spec.rs'), 'utf8') + readFileSync(join(dir, 'runtime/src/genesis_config_presets.rs'), 'utf8')).toMatch(/PARACHAIN_ID|3377/);
    expect(readFileSync(join(dir, 'zombienet/zombienet.toml'), 'utf8')).toMatch(/^id = 3377$/m);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toMatch(/\| Para ID +\| 3377 +\|/);
  });

  it('--token-symbol and --token-decimals reach the chain properties', () => {
    const dir = project('token-chain', ['--token-symbol', 'ACME', '--token-decimals', '10']);
    const chainSpec = readFileSync(join(dir, 'node/src/chain_spec.rs'), 'utf8');
    expect(chainSpec).toMatch(/"tokenSymbol".*"ACME"/);
    expect(chainSpec).toMatch(/"tokenDecimals".*10/);
    expect(readFileSync(join(dir, 'runtime/src/lib.rs'), 'utf8')).toMatch(/pub const UNIT: Balance = 10_000_000_000;/);
  });

  it('--omni-node drops the node crate and --no-template-pallet drops the pallet', () => {
    const dir = project('lean-chain', ['--omni-node', '--no-template-pallet']);
    expect(existsSync(join(dir, 'node'))).toBe(false);
    expect(existsSync(join(dir, 'pallets'))).toBe(false);
    const cargo = readFileSync(join(dir, 'Cargo.toml'), 'utf8');
    expect(cargo).not.toMatch(/"node"|pallets\/template/);
    expect(readFileSync(join(dir, 'runtime/src/lib.rs'), 'utf8')).not.toMatch(/pallet_template/);
  });

  it('--zombienet-format json writes the JSON network instead of TOML', () => {
    const dir = project('json-chain', ['--zombienet-format', 'json']);
    expect(existsSync(join(dir, 'zombienet/zombienet.toml'))).toBe(false);
    const network = JSON.parse(readFileSync(join(dir, 'zombienet/zombienet.json'), 'utf8'));
    expect(network.parachains[0].id).toBe(2000);
  });

  it('an omni-node README says which collator polkadot-omni-node runs and which flag selects it', () => {
    const readme = (flags: string[]) => readFileSync(join(project('omni-chain', ['--omni-node', ...flags]), 'README.md'), 'utf8');
    const one = readme(['--phase', '1']);
    expect(one).toContain('**Next, phase 2** is the guide\'s node step, and this project has no node to change:');
    expect(one).toContain('(`--authoring lookahead`), with a 2 s authoring duration; `--authoring slot-based` selects');
    expect(one).not.toContain('switches to the lookahead collator');
    const two = readme(['--phase', '2', '--sdk', 'stable2412']);
    expect(two).toContain('`polkadot-omni-node` runs its default collator, the lookahead collator, which can build');
    expect(two).toContain('(`--experimental-use-slot-based` would select the slot-based collator instead)');
    expect(two).not.toContain('--authoring');
  });

  it('--sdk stable2412 pins the stable2412 umbrella crate', () => {
    const dir = project('old-chain', ['--sdk', 'stable2412']);
    expect(readFileSync(join(dir, 'Cargo.toml'), 'utf8')).toMatch(/^polkadot-sdk = \{ version = "0\.12\.2"/m);
  });
});

describe('each flag changes exactly the files it should', () => {
  // Every project also changes README.md (it lists the settings) and async-parachain.json.
  const cases: [string[], string[]][] = [
    [['--collators', '4'], ['zombienet/smoke.zndsl', 'zombienet/zombienet.toml']],
    [['--validators', '3'], ['zombienet/smoke.zndsl', 'zombienet/zombienet.toml']],
    [['--para-id', '3000'], ['runtime/src/genesis_config_presets.rs', 'zombienet/smoke.zndsl', 'zombienet/zombienet.toml']],
    [['--token-symbol', 'ABC'], ['node/src/chain_spec.rs', 'runtime/build.rs', 'runtime/src/lib.rs']],
    [['--token-decimals', '10'], ['node/src/chain_spec.rs', 'runtime/build.rs', 'runtime/src/genesis_config_presets.rs', 'runtime/src/lib.rs']],
    // From the default paseo-local: CI no longer builds the Paseo chain spec.
    [['--relay-chain', 'westend-local'], ['.github/workflows/ci.yml', 'node/src/chain_spec.rs', 'zombienet/zombienet.toml']],
    [['--provider', 'podman'], ['zombienet/smoke.zndsl', 'zombienet/zombienet.toml']],
    [['--lookahead', '4'], ['zombienet/zombienet.toml']],
    [['--max-candidate-depth', '5'], ['zombienet/zombienet.toml']],
    [['--allowed-ancestry-len', '3'], ['zombienet/zombienet.toml']],
    [['--authoring-duration', '1500'], ['node/src/service.rs']],
    [['--capacity', '4'], ['runtime/src/lib.rs', 'zombienet/zombienet.toml']],
  ];
  let base: Map<string, string>;

  beforeAll(() => {
    base = readTree(project('flag-chain', ['--no-format']));
  });

  it.each(cases)('%j', (flags, expected) => {
    const variant = readTree(project('flag-chain', ['--no-format', ...flags]));
    expect([...variant.keys()]).toEqual([...base.keys()]);
    const changed = [...base.keys()].filter((path) => variant.get(path) !== base.get(path));
    expect(changed.sort()).toEqual(['README.md', 'async-parachain.json', ...expected].sort());
  });

  it('--velocity 2 turns elastic scaling on: the runtime\'s offset and capacity, the slot-based collator, the cores and their script', () => {
    const variant = readTree(project('flag-chain', ['--no-format', '--velocity', '2', '--block-time', '3000']));
    expect([...variant.keys()].filter((path) => !base.has(path))).toEqual(['zombienet/assign-cores.js']);
    const changed = [...base.keys()].filter((path) => variant.get(path) !== base.get(path));
    expect(changed.sort()).toEqual(
      [
        'README.md',
        'async-parachain.json',
        // The default relay chain, paseo-local, leaves core commitments off: westend-local instead.
        '.github/workflows/ci.yml',
        'node/src/chain_spec.rs',
        'node/src/service.rs',
        'runtime/src/configs/mod.rs',
        'runtime/src/lib.rs',
        'zombienet/smoke.zndsl',
        'zombienet/zombienet.toml',
      ].sort(),
    );
  });
});

describe('output modes', () => {
  it('--dry-run lists the plan and writes nothing', () => {
    const parent = tempFolder();
    made.push(join(parent, 'x'));
    const result = runCli([join(parent, 'dry-chain'), '--yes', '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Would write \d+ files/);
    expect(result.stdout).toContain('runtime/src/lib.rs');
    expect(readdirSync(parent)).toEqual([]);
  });

  it('--json prints exactly one JSON document with settings, warnings and files', () => {
    const parent = tempFolder();
    made.push(join(parent, 'json-out'));
    const result = runCli([join(parent, 'json-out'), '--yes', '--json', '--para-id', '1500']);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc.ok).toBe(true);
    expect(doc.settings.paraId).toBe(1500);
    expect(doc.warnings).toEqual([expect.stringMatching(/para ID 1500 is in the system-chain range/)]);
    expect(doc.files).toContain('runtime/src/lib.rs');
  });

  it('warns in one sentence when the token has too few decimals for the fees, and raises them to one unit', () => {
    const warnings = (decimals: number) => {
      const parent = tempFolder();
      const result = runCli([join(parent, 'fee-chain'), '--yes', '--json', '--dry-run', '--token-decimals', String(decimals), '--token-symbol', 'FEE']);
      expect(result.code).toBe(0);
      return JSON.parse(result.stdout).warnings as string[];
    };
    expect(warnings(3)).toEqual([
      "3 token decimals leave no unit as small as the runtime's fees (a tenth of MILLI_UNIT per extrinsic, ten MICRO_UNIT per byte), so each such fee is raised to one unit (0.001 FEE) instead of 0; choose 6 or more decimals to keep them as designed.",
    ]);
    expect(warnings(0)[0]).toContain('raised to one unit (1 FEE)');
    expect(warnings(5)).toHaveLength(1);
    expect(warnings(6)).toEqual([]);
  });

  it('--json with --dry-run plans without writing', () => {
    const parent = tempFolder();
    const result = runCli([join(parent, 'plan-chain'), '--yes', '--json', '--dry-run']);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc.dryRun).toBe(true);
    expect(doc.files.length).toBe(SPEC_FILES.length);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('--help lists every setting flag and --version prints the version', () => {
    const help = runCli(['--help']);
    expect(help.code).toBe(0);
    for (const spec of SETTINGS) {
      if (spec.key === 'name') continue;
      expect(help.stdout).toMatch(new RegExp(`--(no-)?${spec.flag}\\b`));
    }
    const version = runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')).version);
  });
});

describe('refusals write nothing', () => {
  // Each: arguments, exit code, the text the one-sentence error must contain.
  const cases: [string[], number, RegExp][] = [
    [['--phase', '4'], 1, /--phase "4".*one of 1, 2, 3/],
    [['--para-id', '999'], 1, /--para-id "999".*1000 to 4294967295/],
    [['--para-id', '4294967296'], 1, /--para-id/],
    [['--para-id', 'abc'], 1, /--para-id "abc"/],
    [['--sdk', 'stable2409'], 1, /--sdk "stable2409".*stable2512, stable2509, stable2506, stable2503, stable2412/],
    [['--relay-chain', 'kusama'], 1, /--relay-chain "kusama"/],
    [['--token-symbol', 'unit'], 1, /--token-symbol "unit"/],
    [['--token-decimals', '19'], 1, /--token-decimals "19"/],
    [['--phase', '1', '--capacity', '3'], 1, /--capacity 3: must be 1 in phase 1/],
    [['--capacity', '1'], 1, /--capacity 1: must be from 2 to 16 in phase 3/],
    [['--capacity', '17'], 1, /--capacity "17"/],
    [['--velocity', '4'], 1, /--velocity "4"/],
    [['--phase', '2', '--velocity', '2'], 1, /--velocity 2: must be 1 in phase 2/],
    [['--relay-slot', '12000'], 1, /--relay-slot "12000"/],
    [['--block-time', '12000'], 1, /--block-time 12000: must be 6000 in phase 3/],
    [['--velocity', '2', '--block-time', '6000'], 1, /--block-time 6000: must be 3000 in phase 3/],
    // Elastic scaling is a capability of the release: refused, naming the first release with it.
    [['--sdk', 'stable2503', '--velocity', '2'], 1, /--velocity 2: must be 1 on stable2503: elastic scaling needs polkadot-sdk stable2509 or later/],
    [['--sdk', 'stable2412', '--relay-parent-offset', '1'], 1, /--relay-parent-offset 1: must be 0 on stable2412: a relay parent offset is part of elastic scaling/],
    [['--authoring-duration', '50'], 1, /--authoring-duration "50"/],
    [['--phase', '3', '--authoring-duration', '7000'], 1, /--authoring-duration 7000: must be at most the block time \(6000\)/],
    [['--capacity', '5', '--max-candidate-depth', '3'], 1, /--max-candidate-depth 3: must be at least capacity - 1 \(4\)/],
    [['--allowed-ancestry-len', '0'], 1, /--allowed-ancestry-len "0"/],
    [['--lookahead', '1'], 1, /--lookahead "1"/],
    [['--collators', '0'], 1, /--collators "0"/],
    [['--collators', '17'], 1, /--collators "17"/],
    [['--validators', '1'], 1, /--validators "1"/],
    [['--validators', '33'], 1, /--validators "33"/],
    [['--zombienet-format', 'yaml'], 1, /--zombienet-format "yaml"/],
    [['--provider', 'docker'], 1, /--provider "docker"/],
    [['--unknown-flag'], 2, /Unknown option "--unknown-flag"/],
    [['--para-id'], 2, /Option --para-id <value> needs a value/],
  ];
  it.each(cases)('%j exits %i', (args, code, message) => {
    const parent = tempFolder();
    const result = runCli([join(parent, 'bad-chain'), '--yes', ...args]);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('refuses a name that is not crate-safe', () => {
    const parent = tempFolder();
    for (const name of ['My-Chain', '1chain', 'chain_x', 'chain-', 'a--b']) {
      const result = runCli([join(parent, name), '--yes']);
      expect(result.code, name).toBe(1);
      expect(result.stderr, name).toMatch(/name/);
    }
    expect(readdirSync(parent)).toEqual([]);
  });

  it('refuses a non-empty folder without --force and keeps its files with --force', () => {
    const dir = join(tempFolder(), 'busy-chain');
    made.push(dir);
    mkdirSync(dir);
    writeFileSync(join(dir, 'README.md'), 'my notes\n');
    writeFileSync(join(dir, 'keep.txt'), 'keep me\n');
    const refused = runCli([dir, '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/not empty.*--force/);
    expect(readdirSync(dir).sort()).toEqual(['README.md', 'keep.txt']);
    const forced = runCli([dir, '--yes', '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, 'keep.txt'), 'utf8')).toBe('keep me\n');
    const backups = readTree(join(dir, '.async-parachain/backup'));
    expect([...backups.values()]).toEqual(['my notes\n']);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toMatch(/^# Busy Chain/);
  });

  it('fails at once without a terminal and without --yes, naming --yes', () => {
    const parent = tempFolder();
    const result = runCli([join(parent, 'quiet-chain')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--yes/);
    expect(readdirSync(parent)).toEqual([]);
  });

  it.each([
    ['missing', null, /does not exist/],
    ['invalid JSON', '{ "phase": 3,', /not valid JSON/],
    ['not an object', '[1, 2]', /JSON object/],
    ['unknown key', '{ "colour": "red" }', /Unknown setting "colour"/],
    ['wrong type', '{ "paraId": "2000" }', /paraId|--para-id/],
    ['fractional number', '{ "collators": 2.5 }', /Invalid "collators" in \S+settings\.json: got 2\.5, expected an integer from 1 to 16\./],
  ])('refuses a --config that is %s', (_label, content, message) => {
    const parent = tempFolder();
    const config = join(parent, 'settings.json');
    if (content !== null) writeFileSync(config, content);
    const result = runCli([join(parent, 'cfg-chain'), '--yes', '--config', config]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(readdirSync(parent)).toEqual(content === null ? [] : ['settings.json']);
  });

  it('lets flags override --config values', () => {
    const parent = tempFolder();
    made.push(join(parent, 'x'));
    const config = join(parent, 'settings.json');
    writeFileSync(config, JSON.stringify({ phase: 1, paraId: 2100, collators: 3 }));
    const result = runCli([join(parent, 'mix-chain'), '--yes', '--json', '--dry-run', '--config', config, '--para-id', '2200']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).settings).toMatchObject({ phase: 1, paraId: 2200, collators: 3, capacity: 1 });
  });
});
