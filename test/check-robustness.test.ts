// `check` on repositories that could break it: glob imports that lead through each other, module
// and symlink loops, files it may not read. It never crashes, and names what it could not read.

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../src/check/audit.js';
import type { AuditDetails } from '../src/check/types.js';
import { fixtureCopier, ROOT } from './support/cli.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'check');
const BIN = join(ROOT, 'bin', 'create-async-parachain.cjs');
const copy = fixtureCopier(FIXTURES);

const statuses = (d: AuditDetails) => Object.fromEntries(d.report.runtimes[0]!.steps.map((s) => [s.id, s.status]));

describe('check: glob imports that lead through each other', () => {
  it('resolves what it can and judges every step, without running out of stack', async () => {
    const details = await audit(join(FIXTURES, 'enum-glob-import-cycle'));
    expect(details.internalErrors).toEqual([]);
    const s = statuses(details);
    expect(s['1.1']).toBe('pass');
    expect(s['1.4']).toBe('pass');
    expect(s['1.5']).toBe('pass');
    // `types::right::LATER` names a constant of a glob that leads nowhere: not a value.
    expect(s['1.6']).toBe('fail');
    expect(details.report.runtimes[0]!.phase).toBe(0);
  });

  it('does not follow a #[path] module back into a file that encloses it', async () => {
    const dir = copy('enum-glob-import-cycle');
    writeFileSync(join(dir, 'runtime/src/types.rs'), '#[path = "lib.rs"]\nmod again;\n', { flag: 'a' });
    const details = await audit(dir);
    expect(details.internalErrors).toEqual([]);
    expect(details.problems).toContainEqual({ file: 'runtime/src/types.rs', line: null, message: '`mod again` names runtime/src/lib.rs, a file that encloses it; not followed' });
  });
});

describe('check: symlinks', () => {
  it('follows a runtime folder reached through a symlink, and names a symlink loop without following it', async () => {
    const base = copy('runtime-only');
    // The runtime crate lives outside the workspace folder; the workspace links to it.
    const outside = join(dirname(base), 'shared-runtime');
    spawnSync('mv', [join(base, 'runtime'), outside]);
    symlinkSync(outside, join(base, 'runtime'), 'dir');
    symlinkSync('..', join(outside, 'src', 'up'), 'dir');
    const details = await audit(base);
    expect(details.report.runtimes.map((r) => [r.path, r.phase])).toEqual([['runtime', 3]]);
    expect(details.problems).toContainEqual({ file: 'runtime/src/up', line: null, message: 'symlink loop: it leads back to runtime, which encloses it; not followed' });
  });
});

describe('check: files it may not read', () => {
  // Root reads everything whatever the mode bits: the command then runs as nobody.
  const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

  function check(dir: string): { code: number | null; stderr: string; stdout: string } {
    const result = spawnSync(process.execPath, [BIN, 'check', dir], { encoding: 'utf8', ...asUser });
    return { code: result.status, stderr: result.stderr, stdout: result.stdout };
  }

  it('exits 2 naming an unreadable Rust file', () => {
    const dir = copy('runtime-only');
    chmodSync(join(dirname(dir)), 0o755);
    chmodSync(join(dir, 'runtime/src/constants.rs'), 0o000);
    const result = check(dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Cannot read runtime/src/constants.rs (permission denied)');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });

  it('exits 2 naming an unreadable folder and an unreadable network config', () => {
    const dir = copy('multi-runtime');
    chmodSync(join(dirname(dir)), 0o755);
    mkdirSync(join(dir, 'secrets'));
    chmodSync(join(dir, 'secrets'), 0o000);
    chmodSync(join(dir, 'zombienet/alpha.toml'), 0o000);
    const result = check(dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('secrets (permission denied)');
    expect(result.stderr).toContain('zombienet/alpha.toml');
  });
});
