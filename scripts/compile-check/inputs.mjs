// What a compile result is a result of: a fingerprint of the generated project's files, so the
// report can tell a step that compiled what the generator writes now from one that compiled an
// earlier generation (a row's steps may come from runs at different commits).

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

/**
 * Files that cargo never reads: the prose and the generator's own manifest (which hashes the
 * README among the rest). Everything else counts, since `include_str!` can read any file.
 */
const NOT_COMPILED = [/^README\.md$/, /^async-parachain\.json$/, /^\.github\//, /^\.async-parachain\//, /^target\//];

function files(root, dir = root, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    const rel = relative(root, path).split(sep).join('/');
    if (NOT_COMPILED.some((re) => re.test(e.isDirectory() ? `${rel}/` : rel))) continue;
    if (e.isDirectory()) files(root, path, out);
    else if (e.isFile()) out.push(rel);
  }
  return out;
}

/** Twelve hex digits of SHA-256 over the project's compiled files, by path, in path order. */
export function inputsFingerprint(dir) {
  const hash = createHash('sha256');
  for (const rel of files(dir).sort()) {
    hash.update(`${rel}\0`);
    hash.update(readFileSync(join(dir, rel)));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 12);
}

/**
 * The fingerprint of what the built CLI writes now for each variant (generating takes well under a
 * second each), so the report can flag results of any earlier generation, run or not this time.
 */
export function currentFingerprints(cli, variants, scratch) {
  const out = {};
  for (const v of variants) {
    const dir = join(scratch, v.name);
    rmSync(dir, { recursive: true, force: true });
    const r = spawnSync(process.execPath, [resolve(cli), dir, '--yes', ...v.args], { cwd: scratch, encoding: 'utf8' });
    out[v.name] = r.status === 0 ? inputsFingerprint(dir) : null;
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
