// Edited Rust is left as rustfmt formats it under the project's own rustfmt config: when the
// project has one and the file was rustfmt-clean before the edits, the edited file goes through
// rustfmt too (so only the edited code can move). Without a config, or with rustfmt missing, or
// for a file the project does not keep formatted, the edits stay as written.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const CONFIGS = ['rustfmt.toml', '.rustfmt.toml'];

export function formatLikeProject(root: string, file: string, before: string, after: string): string {
  const config = configFor(root, join(root, file));
  if (!config) return after;
  const edition = editionFor(root, join(root, file));
  const run = (text: string): string | null => {
    const r = spawnSync('rustfmt', ['--emit', 'stdout', '--edition', edition, '--config-path', config], { input: text, encoding: 'utf8' });
    return r.error || r.status !== 0 ? null : r.stdout;
  };
  if (run(before) !== before) return after;
  return run(after) ?? after;
}

function configFor(root: string, path: string): string | null {
  for (let dir = dirname(path); dir.startsWith(root); dir = dirname(dir)) {
    for (const name of CONFIGS) if (existsSync(join(dir, name))) return join(dir, name);
    if (dir === root || dirname(dir) === dir) break;
  }
  return null;
}

/** The edition of the crate holding `path` (its Cargo.toml's `edition`), 2021 when not said. */
function editionFor(root: string, path: string): string {
  for (let dir = dirname(path); dir.startsWith(root); dir = dirname(dir)) {
    const manifest = join(dir, 'Cargo.toml');
    if (existsSync(manifest)) {
      const m = /^\s*edition\s*=\s*"(\d{4})"/m.exec(readFileSync(manifest, 'utf8'));
      if (m) return m[1]!;
      if (/^\s*\[package\]/m.test(readFileSync(manifest, 'utf8'))) break;
    }
    if (dir === root || dirname(dir) === dir) break;
  }
  return '2021';
}
