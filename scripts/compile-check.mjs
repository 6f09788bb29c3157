// `npm run compile-check`: generate a matrix of projects with the built CLI and compile each one
// against real crates from the crates registry (issue 18). Per project:
//   check       SKIP_WASM_BUILD=1 cargo check --workspace --all-targets --locked
//   clippy      cargo clippy --workspace --all-targets --locked -- -D warnings
//   benchmarks  cargo check as above with --features runtime-benchmarks
//   try-runtime the same with --features try-runtime, where the project declares that feature
//   test        cargo test --locked -p pallet-template -p <runtime>: the tests that run natively
// The wasm runtime is never built (SKIP_WASM_BUILD=1): no wasm target can be installed here, and
// the native build type-checks every line of the runtime and the node. Nor are pallet-revive's
// PolkaVM contract fixtures where rustc cannot build them (see revive-fixtures.mjs).
//
// One CARGO_TARGET_DIR outside the repository is shared by the whole matrix, so each release's
// crates compile once and each variant recompiles only its own crates.
//
// Results accumulate in bench/compile-results.json (a subset run replaces only the rows it ran,
// and a run of some steps only those steps) and are rendered into bench/COMPILE.md after every
// step, so an interrupted run is still recorded: a variant or step that never ran reads
// "not run". Each step's record names the generator commit and a fingerprint of the files it
// compiled (compile-check/inputs.mjs), and the report flags a step whose files differ from what
// the generator writes now.
//
// Options (for development; the default is the whole matrix and every step):
//   --profile a,b   only these releases         --variant a,b   only these variant names (see --list)
//   --steps a,b     only these steps            --list          print the matrix and exit
//   --toolchain T   rustup toolchain (default: $RUSTUP_TOOLCHAIN or "stable")
//   --target-dir D  shared target dir (default: $CARGO_TARGET_DIR or ~/.cache/create-async-parachain/compile-target)
//   --jobs N        cargo -j (default 2)        --fresh         forget earlier results first
//   --keep          keep the generated projects (under ~/.cache/create-async-parachain/compile-projects)

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, homedir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STEPS, matrix } from './compile-check/matrix.mjs';
import { loadResults, renderReport, saveResults } from './compile-check/report.mjs';
import { firstError } from './compile-check/first-error.mjs';
import { currentFingerprints, inputsFingerprint } from './compile-check/inputs.mjs';
import { REVIVE_FIXTURES_SKIP, rejectsJsonTargetSpecs } from './compile-check/revive-fixtures.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli.cjs');
const CACHE = join(homedir(), '.cache', 'create-async-parachain');
const RESULTS = join(ROOT, 'bench', 'compile-results.json');
const REPORT = join(ROOT, 'bench', 'COMPILE.md');
const REGISTRY_PROBE = 'https://index.crates.io/config.json';

const fail = (sentence) => {
  process.stderr.write(`compile-check: ${sentence}\n`);
  process.exit(1);
};

function parseArgs(argv) {
  const opts = { profiles: null, variants: null, steps: null, list: false, fresh: false, keep: false, jobs: 2 };
  opts.toolchain = process.env.RUSTUP_TOOLCHAIN || 'stable';
  opts.targetDir = process.env.CARGO_TARGET_DIR || join(CACHE, 'compile-target');
  const list = (v) => v.split(',').map((s) => s.trim()).filter(Boolean);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) fail(`${arg} needs a value.`);
      return v;
    };
    if (arg === '--profile') opts.profiles = [...(opts.profiles ?? []), ...list(value())];
    else if (arg === '--variant') opts.variants = [...(opts.variants ?? []), ...list(value())];
    else if (arg === '--steps') opts.steps = [...(opts.steps ?? []), ...list(value())];
    else if (arg === '--toolchain') opts.toolchain = value();
    else if (arg === '--target-dir') opts.targetDir = value();
    else if (arg === '--jobs') opts.jobs = Number.parseInt(value(), 10);
    else if (arg === '--list') opts.list = true;
    else if (arg === '--fresh') opts.fresh = true;
    else if (arg === '--keep') opts.keep = true;
    else fail(`unknown option ${arg} (see the comment at the top of scripts/compile-check.mjs).`);
  }
  if (!Number.isInteger(opts.jobs) || opts.jobs < 1) fail('--jobs takes a whole number of at least 1.');
  for (const step of opts.steps ?? []) if (!STEPS.includes(step)) fail(`--steps: "${step}" is not one of ${STEPS.join(', ')}.`);
  return opts;
}

/** The cargo command running now, so an interrupt can stop it and record the step as interrupted. */
let running = null;

/** Runs a command, streaming nothing; resolves with its exit code, combined output and seconds. */
function run(cmd, args, { cwd, env }) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    if (running) running.child = child;
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => chunks.push(c));
    child.on('close', (code, signal) => {
      const secs = Number(process.hrtime.bigint() - started) / 1e9;
      resolve({ code: code ?? (signal ? 128 : 1), output: Buffer.concat(chunks).toString('utf8'), secs });
    });
  });
}

function capture(cmd, args, env) {
  const r = spawnSync(cmd, args, { env, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** Disk used by a folder in bytes (du), or null when it does not exist. */
function diskBytes(dir) {
  if (!existsSync(dir)) return null;
  const out = capture('du', ['-sb', dir], process.env);
  return out ? Number.parseInt(out.split(/\s/)[0], 10) : null;
}

async function probeRegistry() {
  try {
    const res = await fetch(REGISTRY_PROBE, { signal: AbortSignal.timeout(15_000) });
    if (!res.ok) return `${REGISTRY_PROBE} answered HTTP ${res.status}`;
    return null;
  } catch (e) {
    return `${REGISTRY_PROBE} could not be reached (${e.cause?.code ?? e.name})`;
  }
}

/** The package name of the project's runtime crate, from runtime/Cargo.toml. */
function runtimeCrate(dir) {
  const toml = readFileSync(join(dir, 'runtime', 'Cargo.toml'), 'utf8');
  return /^\[package\][^[]*?^name\s*=\s*"([^"]+)"/m.exec(toml)?.[1] ?? null;
}

/** Whether any workspace manifest declares a cargo feature of this name. */
function declaresFeature(dir, feature) {
  const manifests = ['runtime/Cargo.toml', 'node/Cargo.toml', 'pallets/template/Cargo.toml'];
  const declared = new RegExp(`^\\s*${feature}\\s*=\\s*\\[`, 'm');
  return manifests.some((m) => existsSync(join(dir, m)) && declared.test(readFileSync(join(dir, m), 'utf8')));
}

function cargoArgs(step, dir, jobs) {
  const j = ['-j', String(jobs)];
  switch (step) {
    case 'check': return ['check', '--workspace', '--all-targets', '--locked', ...j];
    case 'benchmarks': return ['check', '--workspace', '--all-targets', '--locked', '--features', 'runtime-benchmarks', ...j];
    case 'try-runtime': return ['check', '--workspace', '--all-targets', '--locked', '--features', 'try-runtime', ...j];
    case 'clippy': return ['clippy', '--workspace', '--all-targets', '--locked', ...j, '--', '-D', 'warnings'];
    case 'test': {
      const pkgs = [];
      if (existsSync(join(dir, 'pallets', 'template', 'Cargo.toml'))) pkgs.push('-p', 'pallet-template');
      const runtime = runtimeCrate(dir);
      if (runtime) pkgs.push('-p', runtime);
      return ['test', '--locked', ...j, ...pkgs];
    }
    default: throw new Error(`no such step ${step}`);
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  // The matrix is read from the built CLI's help, so the build comes first.
  if (!existsSync(CLI)) fail('dist/cli.cjs is missing: run `npm run build` first.');
  const variants = matrix().filter(
    (v) => (!opts.profiles || opts.profiles.includes(v.profile)) && (!opts.variants || opts.variants.includes(v.name)),
  );
  if (opts.list) {
    // A reader that stops early (`--list | head`) is not an error.
    process.stdout.on('error', (error) => process.exit(error.code === 'EPIPE' ? 0 : 1));
    for (const v of variants) process.stdout.write(`${v.name}\t${v.args.join(' ')}\n`);
    return;
  }
  if (variants.length === 0) fail('no variant matches --profile/--variant (see --list).');
  const steps = opts.steps ?? STEPS;

  const env = { ...process.env, RUSTUP_TOOLCHAIN: opts.toolchain, SKIP_WASM_BUILD: '1', CARGO_TARGET_DIR: opts.targetDir, CARGO_TERM_COLOR: 'never' };
  const rustc = capture('rustc', ['--version'], env);
  const cargo = capture('cargo', ['--version'], env);
  if (!rustc || !cargo) fail(`cargo and rustc of toolchain "${opts.toolchain}" are needed on PATH (rustup toolchain list shows what is installed).`);
  const registryProblem = await probeRegistry();
  if (registryProblem) fail(`the crates registry is needed and ${registryProblem}; nothing was compiled.`);

  const installed = capture('rustup', ['toolchain', 'list'], process.env) ?? '';
  const results = opts.fresh ? { variants: {} } : loadResults(RESULTS);
  const commit = capture('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], process.env) ?? 'unknown';
  const dirty = (capture('git', ['-C', ROOT, 'status', '--porcelain', '--', 'src', 'templates'], process.env) ?? '') !== '';
  mkdirSync(opts.targetDir, { recursive: true });
  results.run = {
    date: new Date().toISOString(),
    rustc,
    cargo,
    toolchain: opts.toolchain,
    machine: `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown cpu'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, cargo -j ${opts.jobs}`,
    targetDir: opts.targetDir.replace(homedir(), '~'),
    targetBytesAtStart: diskBytes(opts.targetDir),
    commit: dirty ? `${commit}+changes` : commit,
  };
  const save = () => {
    results.run.targetBytes = diskBytes(opts.targetDir);
    saveResults(RESULTS, results);
    saveResults(REPORT, renderReport(results), { text: true });
  };

  // Ctrl-C or a kill: stop cargo (its whole process group, build scripts included) and record
  // the step as interrupted, so COMPILE.md does not read as if it never started.
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (running) {
        running.entry.steps[running.step] = { status: 'interrupted', secs: Math.round((Date.now() - running.started) / 1000), ...running.stamp };
        if (running.child) process.kill(-running.child.pid, 'SIGTERM');
      }
      save();
      process.exit(130);
    });
  }

  const projects = join(CACHE, 'compile-projects');
  mkdirSync(projects, { recursive: true });
  results.run.files = currentFingerprints(CLI, matrix(), projects);
  let failed = 0;
  for (const variant of variants) {
    const dir = join(projects, variant.name);
    rmSync(dir, { recursive: true, force: true });
    // A run of some steps keeps the variant's other steps from earlier runs.
    const kept = opts.steps ? { ...(results.variants[variant.name]?.steps ?? {}) } : {};
    const entry = { date: new Date().toISOString(), commit: results.run.commit, args: variant.args.join(' '), steps: kept };
    results.variants[variant.name] = entry;
    process.stdout.write(`${variant.name}: generating\n`);
    const gen = await run(process.execPath, [CLI, dir, '--yes', ...variant.args], { cwd: projects, env: process.env });
    if (gen.code !== 0) {
      entry.generate = { status: 'fail', error: firstError(gen.output) };
      failed++;
      save();
      continue;
    }
    const pinned = /^channel\s*=\s*"([^"]+)"/m.exec(readFileSync(join(dir, 'rust-toolchain.toml'), 'utf8'))?.[1];
    entry.pinnedToolchain = pinned ?? null;
    entry.pinnedInstalled = pinned ? installed.split('\n').some((l) => l.startsWith(`${pinned}-`) || l.startsWith(`${pinned}.`)) : null;
    const hasLock = existsSync(join(dir, 'Cargo.lock'));
    const skipFixtures = !entry.pinnedInstalled && rejectsJsonTargetSpecs(rustc);
    if (skipFixtures) entry.skippedReviveFixtures = true;
    const stepEnv = skipFixtures ? { ...env, [REVIVE_FIXTURES_SKIP]: '1' } : env;
    const runtime = runtimeCrate(dir);
    // Which generation a step compiled, and when: a later run of other steps keeps this record.
    const stamp = { date: entry.date, commit: entry.commit, inputs: inputsFingerprint(dir) };
    for (const step of steps) {
      if (step === 'try-runtime' && !declaresFeature(dir, 'try-runtime')) {
        entry.steps[step] = { status: 'n/a', note: 'no try-runtime feature', ...stamp };
        save();
        continue;
      }
      if (!hasLock) {
        entry.steps[step] = { status: 'fail', error: 'the generated project has no Cargo.lock, so --locked cannot run', ...stamp };
        failed++;
        save();
        continue;
      }
      const args = cargoArgs(step, dir, opts.jobs);
      process.stdout.write(`${variant.name}: ${step}: cargo ${args.join(' ')}\n`);
      const before = diskBytes(opts.targetDir);
      running = { entry, step, stamp, started: Date.now() };
      const r = await run('nice', ['-n', '5', 'cargo', ...args], { cwd: dir, env: stepEnv });
      running = null;
      const record = { status: r.code === 0 ? 'pass' : 'fail', secs: Math.round(r.secs), targetGrowthBytes: (diskBytes(opts.targetDir) ?? 0) - (before ?? 0) };
      Object.assign(record, stamp);
      // Cold or warm, from what cargo did: a step that compiled frame-support compiled the release's crates.
      const compiled = r.output.match(/^\s+(Compiling|Checking) \S+ v/gm)?.length ?? 0;
      record.crates = compiled;
      if (/^\s+(Compiling|Checking) frame-support v/m.test(r.output)) record.cold = before > 2 ** 20 ? 'cold for this release' : 'cold, empty target dir';
      if (step === 'test') {
        record.tests = [...r.output.matchAll(/test result: \w+\. (\d+) passed; (\d+) failed/g)].reduce((n, m) => n + Number(m[1]), 0);
        record.packages = ['pallet-template', runtime].filter((p) => p && args.includes(p));
      }
      if (r.code !== 0) {
        record.error = firstError(r.output);
        failed++;
      }
      entry.steps[step] = record;
      process.stdout.write(`${variant.name}: ${step}: ${record.status} in ${record.secs} s${record.error ? ` — ${record.error}` : ''}\n`);
      save();
    }
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
  }
  save();
  process.stdout.write(`compile-check: ${failed === 0 ? 'every step passed' : `${failed} step(s) failed`}; see bench/COMPILE.md\n`);
  process.exit(failed === 0 ? 0 : 1);
}

await main();
