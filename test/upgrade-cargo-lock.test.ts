// `upgrade` records the dependency it adds in the workspace's Cargo.lock as cargo would, so a
// team that builds with `--locked` gets a patch that builds; a crate the lock lacks is a manual step.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeTree, runCli } from './support/cli.js';
import { copyUpgradeFixture } from './support/upgrade-fixtures.js';

interface UpgradeJson {
  files: string[];
  manual: { step: string; file: string | null; reason: string }[];
  diff?: string;
}

function upgrade(dir: string, args: string[]): { code: number; json: UpgradeJson; stderr: string } {
  const r = runCli(['upgrade', dir, ...args, '--json']);
  return { code: r.code, json: JSON.parse(r.stdout) as UpgradeJson, stderr: r.stderr };
}

/** The lines of `after` that are not in `before`, in order (the lock only gains lines). */
function addedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const out: string[] = [];
  let i = 0;
  for (const line of b) {
    if (a[i] === line) i++;
    else out.push(line);
  }
  expect(i, 'every line of the lock is kept, in order').toBe(a.length);
  return out;
}

/** The `dependencies` list of the lock's package `name` (a workspace member: no source). */
function lockDeps(lock: string, name: string): string[] {
  const table = lock.split('[[package]]').find((t) => t.includes(`\nname = "${name}"\n`) && !t.includes('\nsource = '))!;
  return [.../dependencies = \[\n([\s\S]*?)\]/.exec(table)![1]!.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
}

describe('upgrade and the workspace Cargo.lock', () => {
  it('adds the new dependency to each member that gained it, naming the version its manifest asks for, and nothing else', () => {
    const dir = copyUpgradeFixture('workspace-cargo-lock');
    const before = readFileSync(join(dir, 'Cargo.lock'), 'utf8');
    const dry = upgrade(dir, ['--phase', '3', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.json.diff).toMatch(/\n\+\+\+ b\/Cargo\.lock\t?\n[\s\S]*\n\+ "cumulus-primitives-aura 0\.4\.0",\n/);
    expect(readFileSync(join(dir, 'Cargo.lock'), 'utf8')).toBe(before);

    const r = upgrade(dir, ['--phase', '3']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json.manual).toEqual([]);
    expect(r.json.files).toContain('Cargo.lock');
    const after = readFileSync(join(dir, 'Cargo.lock'), 'utf8');
    // Two versions are locked, so cargo names the one the workspace's `0.4.0` requirement resolves to.
    expect(addedLines(before, after)).toEqual(Array(3).fill(' "cumulus-primitives-aura 0.4.0",'));
    for (const member of ['devnet-runtime', 'mainnet-runtime', 'shared-node']) {
      const deps = lockDeps(after, member);
      expect(deps).toContain('cumulus-primitives-aura 0.4.0');
      expect(deps, `${member}'s list stays sorted as cargo writes it`).toEqual([...deps].sort());
    }
    // runtime-common did not gain the dependency.
    expect(lockDeps(after, 'runtime-common')).toEqual(lockDeps(before, 'runtime-common'));
    expect(upgrade(dir, ['--phase', '3']).json.files).toEqual([]);
    removeTree(dirname(dir));
  });

  it('names the crate by name alone when one version is locked', () => {
    const dir = copyUpgradeFixture('workspace-cargo-lock');
    const lock = join(dir, 'Cargo.lock');
    const text = readFileSync(lock, 'utf8');
    writeFileSync(lock, text.replace(/\[\[package\]\]\nname = "cumulus-primitives-aura"\nversion = "0\.7\.0"\n[\s\S]*?\n\n/, '').replace('"cumulus-primitives-aura 0.4.0"', '"cumulus-primitives-aura"'));
    const r = upgrade(dir, ['--phase', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(lockDeps(readFileSync(lock, 'utf8'), 'devnet-runtime')).toContain('cumulus-primitives-aura');
    removeTree(dirname(dir));
  });

  it('leaves a crate the lock does not hold to `cargo update --workspace`, and keeps the lock as it was', () => {
    const dir = copyUpgradeFixture('workspace-cargo-lock');
    const lock = join(dir, 'Cargo.lock');
    const text = readFileSync(lock, 'utf8')
      .replace(/\[\[package\]\]\nname = "cumulus-primitives-aura"\n[\s\S]*?\n\n/g, '')
      .replace(' "cumulus-primitives-aura 0.4.0",\n', '');
    writeFileSync(lock, text);
    const r = upgrade(dir, ['--phase', '3']);
    // A manual step left is exit 1, as for any step upgrade cannot make.
    expect(r.code, r.stderr).toBe(1);
    expect(r.json.files).not.toContain('Cargo.lock');
    expect(readFileSync(lock, 'utf8')).toBe(text);
    const manual = r.json.manual.filter((m) => m.file === 'Cargo.lock');
    expect(manual.length).toBe(3);
    for (const m of manual) expect(m.reason).toMatch(/^Cargo\.lock does not hold cumulus-primitives-aura 0\.4\.0 yet; run `cargo update --workspace`/);
    removeTree(dirname(dir));
  });
});
