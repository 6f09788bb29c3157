// `npm run corpus:upgrade -- <folder of extracted trees> --pairs <upgrade.tsv>`: for each pair of
// commits where a team took its chain through the guide by hand, copies the "before" tree, runs
// the built `upgrade --phase N` on the copy (N: what the "after" commit reached, as `check` reads
// it for the default build), then reports whether `check` reads phase N for every runtime the
// "after" commit changed, and whether the upgrade's diff touches the same items as the team's
// commit (constants, config items, runtime APIs, functions, manifest entries). Not part of
// `npm test`: it needs the corpus trees.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'create-async-parachain.cjs');

function usage(message) {
  process.stderr.write(`${message}\nusage: npm run corpus:upgrade -- <folder of extracted trees> --pairs <upgrade.tsv>\n`);
  process.exit(2);
}
const args = process.argv.slice(2);
let folder;
let pairsFile;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--pairs') pairsFile = args[++i];
  else if (args[i].startsWith('-')) usage(`unknown option ${args[i]}`);
  else folder = args[i];
}
if (!folder || !pairsFile || !existsSync(folder) || !existsSync(pairsFile)) usage('a folder of trees and --pairs <tsv> are needed');

const short = (c) => (/^[0-9a-f]{40}$/.test(c) ? c.slice(0, 12) : c);
const treeOf = (repo, commit) => resolve(folder, `${repo.replace('/', '+')}@${short(commit)}`);
const run = (argv, opts = {}) => spawnSync(process.execPath, [bin, ...argv], { encoding: 'utf8', maxBuffer: 256 << 20, ...opts });
const check = (tree) => JSON.parse(run(['check', tree, '--json']).stdout);

/** Every file of a tree (no target/, no .git, no backups), relative. */
function files(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (['.git', 'target', 'node_modules', '.async-parachain'].includes(e.name)) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out;
}

/**
 * The items a change touches, file by file: for Rust, the innermost named item around each
 * changed line (`const X`, `type X`, `impl Trait for T`, `fn f`), for TOML the key or table.
 */
function touchedItems(a, b) {
  const items = new Set();
  const fa = new Set(files(a));
  const fb = new Set(files(b));
  for (const f of new Set([...fa, ...fb])) {
    if (!/\.(rs|toml)$/.test(f) || f.endsWith('Cargo.lock')) continue;
    const ta = fa.has(f) ? readFileSync(join(a, f), 'utf8') : '';
    const tb = fb.has(f) ? readFileSync(join(b, f), 'utf8') : '';
    if (ta === tb) continue;
    const d = spawnSync('diff', ['-U0', '--ignore-blank-lines', join(a, f), join(b, f)], { encoding: 'utf8' }).stdout || '';
    const la = ta.split('\n');
    const lb = tb.split('\n');
    for (const m of d.matchAll(/^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/gm)) {
      const [oa, ca, ob, cb] = [Number(m[1]), m[2] === undefined ? 1 : Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
      for (let i = 0; i < ca; i++) items.add(`${f} ${itemAt(la, oa - 1 + i, f)}`);
      for (let i = 0; i < cb; i++) items.add(`${f} ${itemAt(lb, ob - 1 + i, f)}`);
    }
  }
  return items;
}

function itemAt(lines, index, file) {
  const line = lines[index] ?? '';
  if (file.endsWith('.toml')) {
    const key = /^\s*"?([\w.-]+)"?\s*=/.exec(line)?.[1];
    let table = '';
    for (let i = index; i >= 0; i--) {
      const t = /^\s*\[+([^\]]+)\]+/.exec(lines[i]);
      if (t) {
        table = t[1];
        break;
      }
    }
    if (table === 'features') return `[features]`;
    return key && /dependencies/.test(table) ? `dep ${key}` : `[${table}]${key ? ` ${key}` : ''}`;
  }
  const own = /^\s*(?:pub(?:\([^)]*\))?\s+)?(const|static|type|fn|struct)\s+(\w+)/.exec(line);
  if (own && !/^\s*type\s/.test(line)) return `${own[1]} ${own[2]}`;
  if (own && /^\s*type\s/.test(line) && /^(?:pub(?:\([^)]*\))?\s+)?type/.test(line.trim()) && !/^\s/.test(line)) return `type ${own[2]}`;
  // Inside an impl: the associated item and its impl; else the enclosing fn or impl.
  let assoc = own ? `${own[1]} ${own[2]}` : null;
  for (let i = index; i >= 0; i--) {
    const l = lines[i];
    const impl = /^\s*impl\b.*?(?:\b([\w:]+)(?:<[^>]*>)?\s+for\s+\w+|\s+([\w:<>]+))\s*\{?\s*$/.exec(l);
    if (impl && /^\s*impl\b/.test(l)) return `impl ${(impl[1] ?? impl[2] ?? '').split('::').pop()}${assoc ? ` ${assoc}` : ''}`;
    const fn = /^\s*(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?fn\s+(\w+)/.exec(l);
    if (fn) return `fn ${fn[1]}`;
    const c = /^\s*(?:pub(?:\([^)]*\))?\s+)?(const|static|type)\s+(\w+)/.exec(l);
    if (c && !assoc && /^\S/.test(l)) return `${c[1]} ${c[2]}`;
    if (/^\s*use\s/.test(l)) return 'use';
    if (/^\S/.test(l) && /^(use|mod|#|\/\/|\}|$)/.test(l) === false && !/^(impl|fn|pub|const|type|static)/.test(l)) break;
  }
  return assoc ?? (/^\s*use\s/.test(line) ? 'use' : 'top level');
}

const rows = readFileSync(pairsFile, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.split('\t'));
const out = [];
let ok = 0;
for (const [repo, before, after, what] of rows) {
  const beforeTree = treeOf(repo, before);
  const afterTree = treeOf(repo, after);
  out.push(`== ${repo} ${short(before)} → ${short(after)} (${what})`);
  if (!existsSync(beforeTree) || !existsSync(afterTree)) {
    out.push('   MISSING TREE');
    continue;
  }
  const team = check(afterTree);
  const original = check(beforeTree);
  // The runtimes the team's commit changed: those whose steps differ between the two trees.
  const changed = team.runtimes.filter((r) => {
    const b = original.runtimes.find((x) => x.path === r.path);
    return !b || JSON.stringify(b.steps.map((s) => s.status)) !== JSON.stringify(r.steps.map((s) => s.status));
  });
  const reached = Math.min(...changed.map((r) => r.phase));
  // The phase the team reached in the default build, as check reads it; a node the team moved to
  // the lookahead collator (in the default build) is phase 2's work; at least phase 1 when the
  // default build reads as none (a change kept behind a feature, a step kept on purpose).
  const status = (report, path, id) => report.runtimes.find((r) => r.path === path)?.steps.find((s) => s.id === id)?.status;
  const nodeMoved = changed.some((r) => ['2.4', '2.6'].every((id) => status(team, r.path, id) === 'pass' && status(original, r.path, id) !== 'pass'));
  const phase = Math.max(1, reached, nodeMoved ? 2 : 0);
  out.push(`   team's commit: ${changed.map((r) => `${r.path} phase ${r.phase}`).join(', ')}; upgrading to phase ${phase}`);
  const work = mkdtempSync(join(tmpdir(), 'corpus-upgrade-'));
  const copy = join(work, 'tree');
  cpSync(beforeTree, copy, { recursive: true });
  const started = process.hrtime.bigint();
  const up = run(['upgrade', copy, '--phase', String(phase), '--json']);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  let doc = null;
  try {
    doc = JSON.parse(up.stdout);
  } catch {
    doc = null;
  }
  out.push(`   upgrade exit ${up.status} in ${(ms / 1000).toFixed(2)} s: ${doc ? `${doc.files?.length ?? 0} files, ${doc.manual?.length ?? 0} manual steps` : up.stderr.trim().split('\n')[0]}`);
  for (const m of doc?.manual ?? []) out.push(`     manual ${m.step} ${m.file ?? ''}${m.line ? `:${m.line}` : ''}: ${m.reason}`);
  const ours = check(copy);
  let pairOk = doc !== null;
  for (const r of changed) {
    const got = ours.runtimes.find((x) => x.path === r.path);
    const pass = got && got.phase >= phase;
    if (!pass) pairOk = false;
    out.push(`   ${r.path}: check reads phase ${got?.phase ?? '-'} (wanted ${phase}) ${pass ? 'OK' : 'MISMATCH'}`);
    if (!pass) for (const s of got?.steps ?? []) if (s.status !== 'pass' && s.status !== 'n/a' && s.id !== 'prereq') out.push(`     ${s.id} ${s.status}: ${s.message}`);
  }
  const teamItems = touchedItems(beforeTree, afterTree);
  const ourItems = touchedItems(beforeTree, copy);
  const both = [...teamItems].filter((i) => ourItems.has(i));
  const onlyTeam = [...teamItems].filter((i) => !ourItems.has(i));
  const onlyOurs = [...ourItems].filter((i) => !teamItems.has(i));
  out.push(`   items: ${both.length} touched by both, ${onlyTeam.length} only by the team, ${onlyOurs.length} only by upgrade`);
  for (const i of onlyTeam) out.push(`     team only:    ${i}`);
  for (const i of onlyOurs) out.push(`     upgrade only: ${i}`);
  const again = run(['upgrade', copy, '--phase', String(phase), '--json']);
  const second = JSON.parse(again.stdout || '{}');
  out.push(`   second run: ${second.files?.length === 0 ? 'no change (idempotent)' : `changes ${second.files?.join(', ')}`}`);
  if (second.files?.length !== 0) pairOk = false;
  if (pairOk) ok++;
  rmSync(work, { recursive: true, force: true });
}
out.push('', `${ok} of ${rows.length} pairs reach the team's phase with check, idempotently.`);
process.stdout.write(out.join('\n') + '\n');
process.exit(ok === rows.length ? 0 : 1);
