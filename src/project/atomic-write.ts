// Writing several files of an existing tree as one change, shared by `regen` and `upgrade`:
// copies of the files about to change go under `.async-parachain/backup/<time>/`, and the new
// texts are written all or none.

import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { uniqueSuffix } from './content-hash.js';
import { faultInjection, injectedFailure } from './fault.js';
import { BACKUP_DIR } from './scaffold.js';

/** Copies `files` (root-relative) under a new `.async-parachain/backup/<time>/`; returns that folder (root-relative). */
export function saveBackups(root: string, files: Iterable<string>): string {
  const folder = join(BACKUP_DIR, new Date().toISOString().replace(/[:.]/g, '-'));
  for (const file of new Set(files)) {
    const target = join(root, folder, file);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, readFileSync(join(root, file)));
  }
  return folder;
}

/**
 * Two steps: every new text goes to a temporary file beside its target, then all are renamed.
 * A failure in either step restores every file to what it was (a file that did not exist is
 * removed again). `tag` names the temporary files (`.regen-…`, `.upgrade-…`).
 */
export function writeAllOrNothing(root: string, files: Map<string, string>, tag: string): void {
  const suffix = `.${tag}-${uniqueSuffix()}`;
  const originals = new Map<string, Buffer | null>();
  const temps: string[] = [];
  try {
    for (const [path, text] of files) {
      const absolute = join(root, path);
      originals.set(path, existsSync(absolute) ? readFileSync(absolute) : null);
      mkdirSync(dirname(absolute), { recursive: true });
      writeFileSync(absolute + suffix, text);
      temps.push(absolute + suffix);
    }
    const fault = faultInjection();
    let renamed = 0;
    for (const path of files.keys()) {
      renameSync(join(root, path) + suffix, join(root, path));
      if (++renamed === fault?.after && fault.kind === 'fail') throw injectedFailure(renamed);
    }
  } catch (error) {
    for (const temp of temps) rmSync(temp, { force: true });
    for (const [path, original] of originals) {
      if (original === null) rmSync(join(root, path), { force: true });
      else writeFileSync(join(root, path), original);
    }
    throw error;
  }
}
