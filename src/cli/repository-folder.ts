// The folder `check` and `upgrade` work on: it must exist and be a directory (exit 2 otherwise).

import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXIT, UsageError } from '../errors.js';

/** The absolute path of `dir`, or a UsageError naming what is wrong with it. */
export function repositoryFolder(dir: string): string {
  const root = resolve(dir);
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    throw new UsageError(`${root} does not exist.`, EXIT.usage);
  }
  if (!isDir) throw new UsageError(`${root} is not a directory.`, EXIT.usage);
  return root;
}
