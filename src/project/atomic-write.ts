// Writes several files of a user's project all or none, shared by `regen` and `upgrade`: every
// new text goes to a temporary file beside its target, then all are renamed over their targets. A
// failure in either step (a full disk, a path too long, an injected fault) puts every file back as
// it was and removes every temporary file and every folder the write made. Copies of the files a
// run replaces go under `.async-parachain/backup/<time>/` first.

import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { TargetError } from '../errors.js';
import { faultInjection, injectedFailure } from './fault.js';
import { removeStaleLeftovers, tempFileName } from './leftovers.js';

/** Where a run keeps copies of the files it replaces, relative to the project. */
export const BACKUP_DIR = '.async-parachain/backup';

/** A backup folder for a run starting now: `.async-parachain/backup/<ISO time>`. */
export function newBackupFolder(): string {
  return join(BACKUP_DIR, new Date().toISOString().replace(/[:.]/g, '-'));
}

/**
 * Copies `backedUp` (root-relative) under a new backup folder, then writes `files` all or none.
 * When the write fails, the copies and the folders made for them go too: the tree is as it was.
 * Returns the backup folder (root-relative), or null when nothing was copied.
 */
export function writeWithBackups(root: string, files: ReadonlyMap<string, string>, backedUp: readonly string[]): string | null {
  const folder = backedUp.length > 0 ? newBackupFolder() : null;
  const made: string[] = [];
  try {
    if (folder) {
      for (const file of new Set(backedUp)) {
        const target = join(root, folder, file);
        makeFolders(dirname(target), made);
        writeFileSync(target, readFileSync(join(root, file)));
      }
    }
    writeFilesAtomically(root, files);
  } catch (error) {
    if (folder) rmSync(join(root, folder), { recursive: true, force: true });
    removeFolders(made);
    throw error;
  }
  return folder;
}

/** Writes `files` (paths relative to `root`) atomically as a set. */
export function writeFilesAtomically(root: string, files: ReadonlyMap<string, string>): void {
  const originals = new Map<string, Buffer | null>();
  const temps: string[] = [];
  const madeFolders: string[] = [];
  const renamed: string[] = [];
  const cleaned = new Set<string>();
  try {
    for (const [path, text] of files) {
      const absolute = join(root, path);
      makeFolders(dirname(absolute), madeFolders);
      // A run killed with SIGKILL left its temporary files here; nothing else removes them.
      if (!cleaned.has(dirname(absolute))) {
        removeStaleLeftovers(dirname(absolute));
        cleaned.add(dirname(absolute));
      }
      originals.set(path, existsSync(absolute) ? readFileSync(absolute) : null);
      const temp = join(dirname(absolute), tempFileName(basename(absolute)));
      // Listed before writing: a write that fails part-way (ENOSPC) still leaves a file.
      temps.push(temp);
      writeFileSync(temp, text);
    }
    const fault = faultInjection();
    for (const [index, path] of [...files.keys()].entries()) {
      renameSync(temps[index]!, join(root, path));
      renamed.push(path);
      if (renamed.length === fault?.after && fault.kind === 'fail') throw injectedFailure(renamed.length);
    }
  } catch (error) {
    for (const temp of temps) rmSync(temp, { force: true });
    for (const path of renamed) {
      const original = originals.get(path);
      if (original === null || original === undefined) rmSync(join(root, path), { force: true });
      else writeFileSync(join(root, path), original);
    }
    removeFolders(madeFolders);
    throw error;
  }
}

/** Creates the missing folders of `path` one level at a time, recording each one made. */
export function makeFolders(path: string, made: string[]): void {
  const missing: string[] = [];
  for (let dir = path; !existsSync(dir); dir = dirname(dir)) {
    if (dirname(dir) === dir) break;
    missing.unshift(dir);
  }
  for (const dir of missing) {
    try {
      mkdirSync(dir);
      made.push(dir);
    } catch (error) {
      // Another run made it meanwhile: it is not ours to remove.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** Removes folders this run made, deepest first, where they are still empty. */
export function removeFolders(made: readonly string[]): void {
  for (const dir of [...made].reverse()) {
    try {
      rmdirSync(dir);
    } catch {
      // Not empty (another run uses it) or already gone.
    }
  }
}

const FS_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENOENT: 'a folder on the way cannot be created',
  ENAMETOOLONG: 'the path is too long for the file system',
  EIO: 'an input/output error',
};

/** A file-system failure as one sentence (`<what>: <why> (<code>); <outcome>.`); other errors pass through. */
export function describeWriteError(error: unknown, what: string, outcome: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (!code || !(code in FS_REASONS) || error instanceof TargetError) return error;
  return new TargetError(`${what}: ${FS_REASONS[code]} (${code}); ${outcome}.`);
}
