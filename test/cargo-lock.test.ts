// Issue 15 §2: every generated project ships a Cargo.lock built from its release's real lock. The
// checker (test/support/cargo-lock-check.ts) reads it against every manifest of the workspace and
// the release's pinned packages, over the settings space; locks broken on purpose must fail it.
// Then: cargo's text format, the profile's versions against the lock, and regen leaving a lock
// the team changed alone.

import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CRATE_REPLACEMENTS } from '../src/profiles/crate-replacements.js';
import { PROFILES } from '../src/profiles/index.js';
import { CRATES_IO, writeCargoLock, type LockPackage } from '../src/render/cargo-lock-format.js';
import { LOCK_SHAPES, loadReleaseLock, lockShape, type LockShape } from '../src/render/cargo-lock.js';
import { renderSources } from '../src/render/render-project.js';
import { resolveSettings } from '../src/settings/resolve.js';
import { shadowedCrates } from '../src/settings/sdk-crates.js';
import { SDK_RELEASES, type PartialSettings, type SdkRelease } from '../src/settings/schema.js';
import { checkCargoLock, type PinnedPackages } from './support/cargo-lock-check.js';
import { parseCargoLock } from './support/cargo-lock.js';
import { satisfies } from './support/semver-req.js';
import { generate, removeTree, runCli } from './support/cli.js';

function pinnedOf(release: SdkRelease): PinnedPackages {
  return new Map(loadReleaseLock(release).packages.map(([name, version, checksum]) => [`${name} ${version}`, checksum]));
}

function shapeSettings(shape: LockShape): PartialSettings {
  return { omniNode: shape.startsWith('omni-node'), templatePallet: shape.endsWith('+pallet') };
}

function render(given: PartialSettings): Map<string, string> {
  return renderSources(resolveSettings(given).settings).files;
}

interface Case {
  label: string;
  given: PartialSettings;
}

// Every release and shape under two names; phase 1 and elastic scaling (features turned on) too.
const CASES: Case[] = SDK_RELEASES.flatMap((sdk) =>
  LOCK_SHAPES.flatMap((shape): Case[] => [
    { label: `${sdk} ${shape} my-parachain`, given: { name: 'my-parachain', sdk, ...shapeSettings(shape) } },
    { label: `${sdk} ${shape} zeta phase 1`, given: { name: 'zeta', sdk, phase: 1, ...shapeSettings(shape) } },
    ...(PROFILES[sdk].caps.elasticScaling ? [{ label: `${sdk} ${shape} velocity 3`, given: { name: 'elastic-one', sdk, velocity: 3, ...shapeSettings(shape) } }] : []),
  ]),
);

describe('the lock checker over the settings space', () => {
  it.each(CASES)('$label: every dependency resolves, every package is pinned as the release pins it', ({ given }) => {
    const files = render(given);
    expect(checkCargoLock(files, pinnedOf(given.sdk!))).toEqual([]);
  });

  it('cuts the lock to the shape: no node crate or pallet when the project has none, fewer packages without a node', () => {
    for (const sdk of SDK_RELEASES) {
      const count = (shape: LockShape) => parseCargoLock(render({ name: 'cut', sdk, ...shapeSettings(shape) }).get('Cargo.lock')!).packages;
      const full = count('node+pallet');
      const omni = count('omni-node');
      expect(full.map((p) => p.name)).toEqual(expect.arrayContaining(['cut-node', 'cut-runtime', 'pallet-template']));
      expect(omni.map((p) => p.name)).not.toContain('cut-node');
      expect(omni.map((p) => p.name)).not.toContain('pallet-template');
      expect(omni.length, sdk).toBeLessThan(full.length);
    }
  });
});

describe('locks broken on purpose fail the checker', () => {
  const files = render({ name: 'broken', sdk: 'stable2512' });
  const pinned = pinnedOf('stable2512');
  const lock = files.get('Cargo.lock')!;
  const withLock = (text: string) => new Map([...files, ['Cargo.lock', text]]);
  const entry = (name: string) => {
    const start = lock.indexOf(`[[package]]\nname = "${name}"\n`);
    return lock.slice(start, lock.indexOf('\n\n', start));
  };

  it('passes unbroken', () => {
    expect(checkCargoLock(files, pinned)).toEqual([]);
  });

  it('a package at a version the release does not pin', () => {
    const log = entry('log');
    const version = /version = "([^"]+)"/.exec(log)![1]!;
    const problems = checkCargoLock(withLock(lock.replace(log, log.replace(`version = "${version}"`, 'version = "0.4.0"'))), pinned);
    expect(problems).toContain(`log 0.4.0 is not a version the release pins (it pins ${version})`);
    expect(problems.some((p) => p.startsWith("runtime/Cargo.toml's log requires log") && p.includes('does not resolve'))).toBe(true);
  });

  it('a checksum that is not the release\'s', () => {
    const codec = entry('parity-scale-codec');
    const checksum = /checksum = "([^"]+)"/.exec(codec)![1]!;
    const problems = checkCargoLock(withLock(lock.replace(checksum, '0'.repeat(64))), pinned);
    expect(problems).toEqual([expect.stringMatching(/^parity-scale-codec \S+ has checksum 0{64}, the release's is [0-9a-f]{64}$/)]);
  });

  it('a workspace crate that does not list a dependency its manifest declares, or lists one it does not', () => {
    const runtime = entry('broken-runtime');
    expect(checkCargoLock(withLock(lock.replace(runtime, runtime.replace(' "smallvec",\n', ''))), pinned)).toContain(
      "runtime/Cargo.toml's smallvec requires smallvec 1.15.1, which broken-runtime's entry in Cargo.lock does not resolve (the lock has 1.15.1)",
    );
    const problems = checkCargoLock(withLock(lock.replace(runtime, runtime.replace(' "smallvec",\n', ' "smallvec",\n "static_assertions",\n'))), pinned);
    expect(problems).toEqual([expect.stringMatching(/^broken-runtime's entry in Cargo.lock lists static_assertions \S+, which no dependency of runtime\/Cargo.toml names$/)]);
  });

  it('a manifest requirement the locked version does not meet (a renamed, inherited dependency too)', () => {
    const manifest = files.get('Cargo.toml')!;
    const bumped = new Map(files);
    bumped.set('Cargo.toml', manifest.replace(/codec = \{ version = "[^"]+"/, 'codec = { version = "4.0.0"'));
    const problems = checkCargoLock(bumped, pinned);
    expect(problems.some((p) => p.startsWith("runtime/Cargo.toml's codec requires parity-scale-codec 4.0.0"))).toBe(true);
    expect(problems.some((p) => p.startsWith("pallets/template/Cargo.toml's codec requires parity-scale-codec 4.0.0"))).toBe(true);
  });

  it('a package no workspace crate reaches, and a workspace crate missing from the lock', () => {
    const omni = render({ name: 'broken', sdk: 'stable2512', omniNode: true });
    const omniLock = omni.get('Cargo.lock')!;
    const subkey = entry('subkey');
    const withSubkey = omniLock.replace('\n\n[[package]]\nname = "substrate-bip39"', `\n\n${subkey}\n\n[[package]]\nname = "substrate-bip39"`);
    expect(withSubkey).not.toBe(omniLock);
    const problems = checkCargoLock(new Map([...omni, ['Cargo.lock', withSubkey]]), pinned);
    expect(problems.some((p) => /^subkey \S+ is in Cargo.lock, but no workspace crate depends on it$/.test(p))).toBe(true);

    const node = entry('broken-node');
    expect(checkCargoLock(withLock(lock.replace(`${node}\n\n`, '')), pinned)).toContain('workspace crate broken-node (node) is not in Cargo.lock');
  });

  it('a dependency string that names no package', () => {
    const runtime = entry('broken-runtime');
    const problems = checkCargoLock(withLock(lock.replace(runtime, runtime.replace(' "smallvec",\n', ' "smallvec 9.9.9",\n'))), pinned);
    expect(problems).toEqual([expect.stringMatching(/^Cargo.lock cannot be read: broken-runtime 0.1.0: dependency "smallvec 9.9.9" matches 0 packages/)]);
  });
});

describe("cargo's version requirements, as the checker reads them", () => {
  it.each([
    ['1.2.3', '1.2', true],
    ['1.9.0', '^1.2.3', true],
    ['2.0.0', '^1.2.3', false],
    ['0.2.9', '0.2.3', true],
    ['0.3.0', '0.2.3', false],
    ['0.0.4', '0.0.3', false],
    ['0.0.3', '^0.0.3', true],
    ['1.4.9', '~1.4', true],
    ['1.5.0', '~1.4.2', false],
    ['2.0.0', '=2.0.0', true],
    ['2.0.1', '=2.0', true],
    ['2.0.1', '=2.0.0', false],
    ['1.5.0', '>=1, <2', true],
    ['2.0.0', '>=1, <2', false],
    ['0.13.0', '>=0.10.5, <=0.13', true],
    ['3.7.0', '*', true],
    ['1.0.0-rc.1', '1.0.0', false],
    ['1.0.0-rc.2', '^1.0.0-rc.1', true],
    ['0.1.13+1.0.8', '0.1.13', true],
  ] as const)('%s against %s: %s', (version, req, expected) => {
    expect(satisfies(version, req)).toBe(expected);
  });
});

describe('the lock as cargo writes it', () => {
  it('sorts packages by name, semver and source (registry before git), dependencies as text, and names a dependency only as far as it is ambiguous', () => {
    const pkg = (name: string, version: string, dependencies: LockPackage[] = [], source: string | null = CRATES_IO): LockPackage => ({
      name,
      version,
      ...(source === null ? {} : { source, checksum: `${name}-${version}` }),
      dependencies,
    });
    const rand8 = pkg('rand', '0.8.5');
    const rand10 = pkg('rand', '0.10.1');
    const once = pkg('once_cell', '1.21.3');
    const gitSyn = pkg('syn', '2.0.1', [], 'git+https://example.invalid/syn?tag=v2#abc');
    const syn = pkg('syn', '2.0.1');
    const app = pkg('app', '0.1.0', [rand10, once, rand8, syn, gitSyn], null);
    expect(writeCargoLock([rand8, syn, app, once, rand10, gitSyn], 4)).toBe(
      [
        '# This file is automatically @generated by Cargo.',
        '# It is not intended for manual editing.',
        'version = 4',
        '',
        '[[package]]',
        'name = "app"',
        'version = "0.1.0"',
        'dependencies = [',
        ' "once_cell",',
        ' "rand 0.10.1",',
        ' "rand 0.8.5",',
        ' "syn 2.0.1 (git+https://example.invalid/syn?tag=v2)",',
        ' "syn 2.0.1 (registry+https://github.com/rust-lang/crates.io-index)",',
        ']',
        '',
        '[[package]]',
        'name = "once_cell"',
        'version = "1.21.3"',
        'source = "registry+https://github.com/rust-lang/crates.io-index"',
        'checksum = "once_cell-1.21.3"',
        '',
        '[[package]]',
        'name = "rand"',
        'version = "0.8.5"',
        'source = "registry+https://github.com/rust-lang/crates.io-index"',
        'checksum = "rand-0.8.5"',
        '',
        '[[package]]',
        'name = "rand"',
        'version = "0.10.1"',
        'source = "registry+https://github.com/rust-lang/crates.io-index"',
        'checksum = "rand-0.10.1"',
        '',
        '[[package]]',
        'name = "syn"',
        'version = "2.0.1"',
        'source = "registry+https://github.com/rust-lang/crates.io-index"',
        'checksum = "syn-2.0.1"',
        '',
        '[[package]]',
        'name = "syn"',
        'version = "2.0.1"',
        'source = "git+https://example.invalid/syn?tag=v2#abc"',
        'checksum = "syn-2.0.1"',
        '',
      ].join('\n'),
    );
  });

  it('reads back to the same text for every release and shape', () => {
    for (const sdk of SDK_RELEASES) {
      for (const shape of LOCK_SHAPES) {
        const text = render({ name: 'round-trip', sdk, ...shapeSettings(shape) }).get('Cargo.lock')!;
        const lock = parseCargoLock(text);
        expect(lock.version).toBe(4);
        expect(writeCargoLock(lock.packages, lock.version) === text, `${sdk} ${shape}`).toBe(true);
      }
    }
  });
});

describe('the profiles and the lock data agree', () => {
  it.each(SDK_RELEASES)('%s: every crate version the workspace manifest names is the one the lock pins', (sdk) => {
    const files = render({ name: 'versions', sdk });
    const lock = parseCargoLock(files.get('Cargo.lock')!);
    const declared = [...files.get('Cargo.toml')!.matchAll(/^(\S+) = \{ version = "([^"]+)"(?:.*package = "([^"]+)")?/gm)];
    expect(declared.length).toBeGreaterThan(15);
    for (const [, key, version, renamed] of declared) {
      const name = renamed ?? key!;
      // Other versions of it may be pinned too (another crate's older requirement).
      expect(lock.packages.filter((p) => p.name === name).map((p) => p.version), name).toContain(version);
    }
  });

  it.each(SDK_RELEASES)('%s: the data names its reference, and its pinned packages are unique and from one table', (sdk) => {
    const data = loadReleaseLock(sdk);
    expect(data.release).toBe(sdk);
    expect(data.reference.commit).toMatch(/^[0-9a-f]{40}$/);
    const labels = data.packages.map(([name, version]) => `${name} ${version}`);
    expect(new Set(labels).size).toBe(labels.length);
    for (const [, , checksum] of data.packages) expect(checksum).toMatch(/^[0-9a-f]{64}$/);
    for (const shape of LOCK_SHAPES) expect(data.shapes[shape].packages).toHaveLength(data.packages.length);
  });

  it('no project name gives its crates the name of a package the lock pins (the name rule knows them all)', () => {
    for (const sdk of SDK_RELEASES) {
      for (const [name] of loadReleaseLock(sdk).packages) {
        const project = /^(.+)-(runtime|node)$/.exec(name)?.[1];
        if (project) expect(shadowedCrates(project), `${sdk}: ${name}`).toBeDefined();
      }
    }
  });

  it('lockShape follows the node and pallet settings only', () => {
    expect(lockShape({ omniNode: false, templatePallet: true })).toBe('node+pallet');
    expect(lockShape({ omniNode: true, templatePallet: false })).toBe('omni-node');
  });
});

describe('versions a reference pins that do not build (src/profiles/crate-replacements.ts)', () => {
  it.each(SDK_RELEASES)('%s: the lock data pins none of them, and the README names each replacement', (sdk) => {
    const data = loadReleaseLock(sdk);
    for (const [name, version] of data.packages) {
      expect(CRATE_REPLACEMENTS.some((r) => r.name === name && r.broken === version), `${sdk}: ${name} ${version}`).toBe(false);
    }
    const project = renderSources(resolveSettings({ name: 'replaced', sdk }).settings);
    const readme = project.readme(project.files);
    for (const [index, reference] of data.replaced) {
      const [name, version] = data.packages[index]!;
      expect(readme).toContain(`\`${name}\` is at ${version}, not the reference's ${reference}:`);
    }
  });

  it("stable2503's node project takes static_init 1.0.4, where its reference pins 1.0.3 (debug builds on Linux fail)", () => {
    const lock = parseCargoLock(render({ name: 'replaced', sdk: 'stable2503' }).get('Cargo.lock')!);
    expect(lock.packages.filter((p) => p.name === 'static_init').map((p) => p.version)).toEqual(['1.0.4']);
    expect(loadReleaseLock('stable2503').reference.repository).toBe('paritytech/polkadot-sdk-parachain-template');
  });
});

describe('regen and the lock', () => {
  const made: string[] = [];
  afterAll(() => made.forEach((dir) => removeTree(join(dir, '..'))));

  it('records the lock in the manifest, and leaves a lock the team changed (cargo update) as it is', () => {
    const dir = generate('lock-team', ['--phase', '1', '--sdk', 'stable2509']);
    made.push(dir);
    const manifest = JSON.parse(readFileSync(join(dir, 'async-parachain.json'), 'utf8'));
    expect(Object.keys(manifest.fragments['Cargo.lock'])).toEqual(['async-backing']);
    const lock = readFileSync(join(dir, 'Cargo.lock'), 'utf8');
    const log = parseCargoLock(lock).packages.find((p) => p.name === 'log')!;
    const updated = lock.replace(`name = "log"\nversion = "${log.version}"`, `name = "log"\nversion = "0.4.99"`);
    writeFileSync(join(dir, 'Cargo.lock'), updated);
    for (const args of [['regen', 'all', '--phase', '3'], ['regen', 'all', '--velocity', '3']]) {
      const result = runCli([...args, '--dir', dir]);
      expect(result.code, result.stderr).toBe(0);
      expect(readFileSync(join(dir, 'Cargo.lock'), 'utf8')).toBe(updated);
    }
  });

  it('does not bring back a lock the team deleted', () => {
    const dir = generate('lock-gone', ['--phase', '1']);
    made.push(dir);
    const lockPath = join(dir, 'Cargo.lock');
    rmSync(lockPath);
    const result = runCli(['regen', 'all', '--phase', '2', '--dir', dir]);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(lockPath)).toBe(false);
  });
});
