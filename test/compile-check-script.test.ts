// `npm run compile-check` (scripts/compile-check.mjs, issue 18) compiles against the crates
// registry, which the suite never reaches. What can be checked without it: how a cargo failure
// becomes COMPILE.md's one line, when the PolkaVM fixtures are skipped and that the report says
// so, which generated files each step compiled, and that the script stops with one sentence, writing nothing, when cargo is missing or an
// option is wrong. The cargo output below is written for these tests, in cargo's shapes.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ES modules of the script, without type declarations
import { firstError } from '../scripts/compile-check/first-error.mjs';
// @ts-expect-error: as above
import { renderReport } from '../scripts/compile-check/report.mjs';
// @ts-expect-error: as above
import { currentFingerprints, inputsFingerprint } from '../scripts/compile-check/inputs.mjs';
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
    const run = { date: '2026-12-02T12:00:00.000Z', commit: 'abc1234', rustc: 'rustc 1.95.0', cargo: 'cargo 1.95.0', toolchain: 'stable', files: { 'stable2512-p3-node': 'f00dfeedbeef' } };
    const step = { status: 'pass', secs: 12, date: run.date, commit: run.commit, inputs: 'f00dfeedbeef' };
    const variant = (skipped: boolean) => ({ date: run.date, commit: run.commit, steps: { benchmarks: step }, pinnedToolchain: '1.88', pinnedInstalled: false, ...(skipped ? { skippedReviveFixtures: true } : {}) });
    const skipped = renderReport({ run, variants: { 'stable2512-p3-node': variant(true) } }) as string;
    expect(skipped).toMatch(/^- `SKIP_PALLET_REVIVE_FIXTURES=1` where the pinned toolchain is not installed: .*rust-lang\/rust#150151.* Set for: stable2512-p3-node\.$/m);
    const not = renderReport({ run, variants: { 'stable2512-p3-node': variant(false) } }) as string;
    expect(not).not.toContain('SKIP_PALLET_REVIVE_FIXTURES');
    expect(not).toMatch(/^\| stable2512-p3-node \| not run \| not run \| pass 12 s \| not run \| not run \|/m);
    expect(not).toMatch(/^\| stable2412-p1-omni \| not run \| not run \| not run \| not run \| not run \| – \|$/m);
  });
});

describe('which generation each step compiled', () => {
  const run = { date: '2026-12-02T12:00:00.000Z', commit: 'bbb2222', rustc: 'rustc 1.95.0', cargo: 'cargo 1.95.0', toolchain: 'stable', files: { 'stable2512-p3-node': '222222222222' } };
  const at = (date: string, commit: string, inputs?: string) => ({ status: 'pass', secs: 5, date, commit, ...(inputs ? { inputs } : {}) });
  const row = (report: string) => report.split('\n').find((l) => l.startsWith('| stable2512-p3-node |'))!;

  it('one stamp when every step ran together on the same files', () => {
    const steps = { check: at(run.date, 'bbb2222', '222222222222'), clippy: at(run.date, 'bbb2222', '222222222222') };
    const r = row(renderReport({ run, variants: { 'stable2512-p3-node': { date: run.date, commit: 'bbb2222', steps } } }));
    expect(r).toBe('| stable2512-p3-node | pass 5 s | pass 5 s | not run | not run | not run | 2026-12-02T12:00 bbb2222; files 222222222222 |');
  });

  it('each group of steps with its own commit, and a step that compiled other files says so', () => {
    const steps = { check: at('2026-12-01T06:31:00.000Z', 'aaa1111', '111111111111'), clippy: at('2026-12-01T06:31:00.000Z', 'aaa1111', '111111111111'), test: at(run.date, 'bbb2222', '222222222222') };
    const r = row(renderReport({ run, variants: { 'stable2512-p3-node': { date: run.date, commit: 'bbb2222', steps } } }));
    expect(r).toContain('| pass 5 s (compiled files 111111111111; the generator now writes 222222222222) |');
    expect(r).toMatch(/\| pass 5 s \| check, clippy: 2026-12-01T06:31 aaa1111; test: 2026-12-02T12:00 bbb2222; files 222222222222 \|$/);
  });

  it('a step recorded before steps were stamped is not passed off as the latest generation', () => {
    const steps = { check: { status: 'pass', secs: 5 }, test: at(run.date, 'bbb2222', '222222222222') };
    const r = row(renderReport({ run, variants: { 'stable2512-p3-node': { date: run.date, commit: 'bbb2222', steps } } }));
    expect(r).toMatch(/^\| stable2512-p3-node \| pass 5 s \(project files not recorded\) \|/);
    expect(r).toMatch(/check: unrecorded; test: 2026-12-02T12:00 bbb2222/);
  });

  it('the fingerprint follows the files cargo reads, not the README, the manifest or CI', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cap-inputs-'));
    try {
      mkdirSync(join(dir, 'runtime', 'src'), { recursive: true });
      mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
      writeFileSync(join(dir, 'Cargo.lock'), 'version = 4\n');
      writeFileSync(join(dir, 'runtime', 'src', 'lib.rs'), 'pub fn a() {}\n');
      writeFileSync(join(dir, 'README.md'), '# one\n');
      writeFileSync(join(dir, 'async-parachain.json'), '{}\n');
      writeFileSync(join(dir, '.github', 'workflows', 'ci.yml'), 'on: push\n');
      const first = inputsFingerprint(dir);
      expect(first).toMatch(/^[0-9a-f]{12}$/);
      writeFileSync(join(dir, 'README.md'), '# two\n');
      writeFileSync(join(dir, 'async-parachain.json'), '{"a":1}\n');
      writeFileSync(join(dir, '.github', 'workflows', 'ci.yml'), 'on: pull_request\n');
      expect(inputsFingerprint(dir)).toBe(first);
      writeFileSync(join(dir, 'Cargo.lock'), 'version = 3\n');
      expect(inputsFingerprint(dir)).not.toBe(first);
      writeFileSync(join(dir, 'Cargo.lock'), 'version = 4\n');
      expect(inputsFingerprint(dir)).toBe(first);
      // A file's name counts, not only its bytes.
      renameSync(join(dir, 'runtime', 'src', 'lib.rs'), join(dir, 'runtime', 'src', 'main.rs'));
      expect(inputsFingerprint(dir)).not.toBe(first);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("what the built CLI writes now: the generated project's fingerprint, or null where generation fails", () => {
    const scratch = mkdtempSync(join(tmpdir(), 'cap-current-'));
    try {
      const variants = [
        { name: 'p3', args: ['--sdk', 'stable2512', '--phase', '3'] },
        { name: 'p1', args: ['--sdk', 'stable2512', '--phase', '1'] },
        { name: 'bad', args: ['--sdk', 'stable1999'] },
      ];
      const now = currentFingerprints(join(ROOT, 'dist', 'cli.cjs'), variants, scratch);
      expect(now.p3).toMatch(/^[0-9a-f]{12}$/);
      expect(now.p1).toMatch(/^[0-9a-f]{12}$/);
      expect(now.p1).not.toBe(now.p3);
      expect(now.bad).toBeNull();
      // The scratch projects are removed again.
      expect(readdirSync(scratch)).toEqual([]);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
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
