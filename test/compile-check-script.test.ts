// `npm run compile-check` (scripts/compile-check.mjs, issue 18) compiles against the crates
// registry, which the suite never reaches. What can be checked without it: how a cargo failure
// becomes COMPILE.md's one line, when the PolkaVM fixtures are skipped and that the report says
// so, and that the script stops with one sentence, writing nothing, when cargo is missing or an
// option is wrong. The cargo output below is written for these tests, in cargo's shapes.

import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ES modules of the script, without type declarations
import { firstError } from '../scripts/compile-check/first-error.mjs';
// @ts-expect-error: as above
import { renderReport } from '../scripts/compile-check/report.mjs';
// @ts-expect-error: as above
import { REVIVE_FIXTURES_SKIP, rejectsJsonTargetSpecs } from '../scripts/compile-check/revive-fixtures.mjs';

const ROOT = join(__dirname, '..');
const SCRIPT = join(ROOT, 'scripts', 'compile-check.mjs');
const RESULTS = join(ROOT, 'bench', 'compile-results.json');

describe('the first error of a cargo run', () => {
  it('is the first rustc error with its location, not the "could not compile" summary', () => {
    const output = [
      '    Checking my-runtime v0.1.0 (/p/runtime)',
      'error: could not compile `other` (lib) due to 1 previous error',
      'error[E0433]: cannot find module or crate `parking_lot` in this scope',
      '   --> /registry/static_init-1.0.3/src/lazy_sequentializer.rs:336:13',
      '    |',
    ].join('\n');
    expect(firstError(output)).toBe("error[E0433]: cannot find module or crate `parking_lot` in this scope (/registry/static_init-1.0.3/src/lazy_sequentializer.rs:336:13)");
  });

  it('names what a failed build script printed, not only that it failed', () => {
    const output = [
      'error: failed to run custom build command for `some-fixtures v0.9.0`',
      '',
      'Caused by:',
      '  process didn\'t exit successfully: `/t/debug/build/some-fixtures-1/build-script-build` (exit status: 1)',
      '  --- stdout',
      '  cargo::rerun-if-env-changed=SOME_VAR',
      '',
      '  --- stderr',
      '  error: `.json` target specs require -Zjson-target-spec',
      '',
      '  Error: Failed to build contracts',
    ].join('\n');
    expect(firstError(output)).toBe('error: failed to run custom build command for `some-fixtures v0.9.0`: error: `.json` target specs require -Zjson-target-spec');
  });

  it('is a failed test when nothing failed to compile, else the last line; a table cell cannot be broken by it', () => {
    expect(firstError("running 2 tests\ntest tests::it_works ... FAILED\nthread 'tests::it_works' panicked at src/lib.rs:3:5")).toBe('test tests::it_works ... FAILED');
    expect(firstError('  Compiling a v1\nKilled\n')).toBe('Killed');
    expect(firstError('')).toBe('failed without output');
    expect(firstError('error: a | b')).toBe('error: a \\| b');
  });
});

describe('pallet-revive-fixtures under a toolchain that rejects JSON target specs', () => {
  it('is skipped from rustc 1.95 on, never before, and never on an unreadable version', () => {
    expect(rejectsJsonTargetSpecs('rustc 1.95.0 (59807616e 2026-04-14)')).toBe(true);
    expect(rejectsJsonTargetSpecs('rustc 1.102.1 (0 2027-01-01)')).toBe(true);
    expect(rejectsJsonTargetSpecs('rustc 1.94.1 (0 2026-03-01)')).toBe(false);
    expect(rejectsJsonTargetSpecs('rustc 1.88.0 (0 2025-06-26)')).toBe(false);
    expect(rejectsJsonTargetSpecs(undefined)).toBe(false);
    expect(REVIVE_FIXTURES_SKIP).toBe('SKIP_PALLET_REVIVE_FIXTURES');
  });

  it('COMPILE.md says so, naming the variants it was set for, and only when it was', () => {
    const run = { date: '2026-12-02T12:00:00.000Z', commit: 'abc1234', rustc: 'rustc 1.95.0', cargo: 'cargo 1.95.0', toolchain: 'stable' };
    const step = { status: 'pass', secs: 12 };
    const variant = (skipped: boolean) => ({ date: run.date, commit: run.commit, steps: { benchmarks: step }, pinnedToolchain: '1.88', pinnedInstalled: false, ...(skipped ? { skippedReviveFixtures: true } : {}) });
    const skipped = renderReport({ run, variants: { 'stable2512-p3-node': variant(true) } }) as string;
    expect(skipped).toMatch(/^- `SKIP_PALLET_REVIVE_FIXTURES=1` where the pinned toolchain is not installed: .*rust-lang\/rust#150151.* Set for: stable2512-p3-node\.$/m);
    const not = renderReport({ run, variants: { 'stable2512-p3-node': variant(false) } }) as string;
    expect(not).not.toContain('SKIP_PALLET_REVIVE_FIXTURES');
    expect(not).toMatch(/^\| stable2512-p3-node \| not run \| not run \| pass 12 s \| not run \| not run \|/m);
    expect(not).toMatch(/^\| stable2412-p1-omni \| not run \| not run \| not run \| not run \| not run \| – \|$/m);
  });
});

describe('the script stops with one sentence and writes nothing', () => {
  const runScript = (args: string[], env: NodeJS.ProcessEnv) => {
    const before = statSync(RESULTS).mtimeMs;
    const text = readFileSync(RESULTS, 'utf8');
    const r = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, env, encoding: 'utf8' });
    expect(readFileSync(RESULTS, 'utf8')).toBe(text);
    expect(statSync(RESULTS).mtimeMs).toBe(before);
    return r;
  };

  it('without cargo on PATH', () => {
    // Only node's own folder on PATH: no cargo, no rustc.
    const r = runScript(['--variant', 'stable2512-p3-node', '--steps', 'check'], { PATH: dirname(process.execPath), HOME: process.env.HOME });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^compile-check: cargo and rustc of toolchain "[^"]+" are needed on PATH/)]);
  });

  it.each([
    [['--steps', 'lint'], /^compile-check: --steps: "lint" is not one of check, clippy, benchmarks, try-runtime, test\.$/],
    [['--jobs', '0'], /^compile-check: --jobs takes a whole number of at least 1\.$/],
    [['--variant', 'stable1999-p3-node'], /^compile-check: no variant matches --profile\/--variant \(see --list\)\.$/],
    [['--frobnicate'], /^compile-check: unknown option --frobnicate /],
  ])('on a wrong option: %j', (args, sentence) => {
    const r = runScript(args, process.env);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(sentence)]);
  });
});
