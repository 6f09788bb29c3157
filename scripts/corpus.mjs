// `npm run corpus -- <folder of extracted trees> --expect <check.tsv>`: runs the built `check` on
// real repositories and prints, per runtime, the phase expected against the phase it reports,
// with a total. Not part of `npm test` (tests stay self-contained); see the README's `check`.
//
// The TSV has one row per runtime: repository (owner/name), commit or tag, runtime crate folder,
// phase, notes; `#` lines are comments. A tree is `<folder>/<owner>+<name>@<first 12 characters
// of the commit, or the tag>`. Exit 1 when a row does not match, a tree is missing, the command
// crashes or it claims a Rust syntax error.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'create-async-parachain.cjs');

function usage(message) {
  process.stderr.write(`${message}\nusage: npm run corpus -- <folder of extracted trees> --expect <check.tsv> [--verbose]\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
let folder;
let expectFile;
let verbose = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--expect') expectFile = args[++i];
  else if (a === '--verbose') verbose = true;
  else if (a.startsWith('-')) usage(`unknown option ${a}`);
  else if (folder === undefined) folder = a;
  else usage(`unexpected argument ${a}`);
}
if (!folder) usage('no folder of extracted trees given');
if (!expectFile) usage('no expectations given (--expect <tsv>)');
if (!existsSync(folder)) usage(`${folder} does not exist`);
if (!existsSync(expectFile)) usage(`${expectFile} does not exist`);

const rows = readFileSync(expectFile, 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => {
    const [repo, commit, path, phase] = l.split('\t');
    return { repo, commit, path, phase: Number(phase) };
  });

/** One `check --json` run per tree. */
const runs = new Map();
function checkTree(tree) {
  let run = runs.get(tree);
  if (run) return run;
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [bin, 'check', tree, '--json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  let report = null;
  try {
    report = JSON.parse(result.stdout);
  } catch {
    report = null;
  }
  const syntax = result.stderr.split('\n').filter((l) => /Rust syntax error/.test(l));
  const crashed = result.status === null || result.status >= 2 || report === null || /internal error|Maximum call stack/.test(result.stderr);
  run = { report, stderr: result.stderr, code: result.status, ms, syntax, crashed };
  runs.set(tree, run);
  return run;
}

const out = [];
let matched = 0;
let problems = 0;
const width = (s, n) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
out.push(`${width('tree', 58)} ${width('runtime', 28)} expected  got  release`);
for (const row of rows) {
  const short = /^[0-9a-f]{40}$/.test(row.commit) ? row.commit.slice(0, 12) : row.commit;
  const name = `${row.repo.replace('/', '+')}@${short}`;
  const tree = resolve(folder, name);
  if (!existsSync(tree)) {
    out.push(`${width(name, 58)} ${width(row.path, 28)} ${width(String(row.phase), 9)} -    MISSING TREE`);
    problems++;
    continue;
  }
  const run = checkTree(tree);
  const runtime = run.report?.runtimes?.find((r) => r.path === row.path);
  const got = runtime ? runtime.phase : '-';
  const ok = runtime !== undefined && got === row.phase && !run.crashed && run.syntax.length === 0;
  if (ok) matched++;
  const release = runtime?.release?.name ?? runtime?.release?.id ?? '';
  out.push(`${width(name, 58)} ${width(row.path, 28)} ${width(String(row.phase), 9)} ${width(String(got), 4)} ${release}${ok ? '' : '   MISMATCH'}`);
  if (!ok || verbose) {
    // What concerns the whole tree, once.
    if (!run.shown) {
      if (run.crashed) out.push(`    crashed (exit ${run.code}): ${run.stderr.split('\n').slice(0, 3).join(' | ')}`);
      for (const l of run.syntax) out.push(`    syntax error claimed: ${l}`);
      run.shown = true;
    }
    if (!runtime && run.report) out.push(`    runtimes found: ${run.report.runtimes.map((r) => r.path).join(', ')}`);
    for (const s of runtime?.steps ?? []) {
      if (s.status === 'pass' || s.status === 'n/a' || s.id === 'prereq') continue;
      out.push(`    ${s.id} ${s.status}: ${s.file ?? ''}${s.line ? `:${s.line}` : ''} ${s.message}`);
    }
  }
}
const slowest = [...runs.entries()].sort((a, b) => b[1].ms - a[1].ms)[0];
out.push('');
out.push(`${matched} of ${rows.length} runtimes match${problems ? `, ${problems} trees missing` : ''}; ${runs.size} trees checked${slowest ? `, slowest ${(slowest[1].ms / 1000).toFixed(2)} s (${slowest[0].split('/').pop()})` : ''}.`);
process.stdout.write(out.join('\n') + '\n');
process.exit(matched === rows.length ? 0 : 1);
