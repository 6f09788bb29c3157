// Names for the temporary files and folders a run makes beside the user's, and the removal of
// those a killed run left behind. A name carries the process id of the run that made it, so a
// later run can tell a dead run's leftovers from a live run's work in progress.

import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** `<pid>-<random>`: unique beside a user's files, and names the run that made it. */
export function runSuffix(): string {
  return `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
}

/** A staging folder for the project `name` beside it: `.name.create-async-parachain-<pid>-<random>`. */
export function stagingFolderName(name: string): string {
  return `.${name}.create-async-parachain-${runSuffix()}`;
}

/** A temporary file beside `file`: `file.regen-<pid>-<random>`. */
export function tempFileName(file: string): string {
  return `${file}.regen-${runSuffix()}`;
}

const LEFTOVER = /^(?:\..+\.create-async-parachain|.+\.regen)-(\d+)-[a-z0-9]+$/;

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes from `folder` the staging folders and temporary files of runs that are no longer
 * running (killed with SIGKILL, or the machine went down). Returns the names removed.
 */
export function removeStaleLeftovers(folder: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const match = LEFTOVER.exec(entry);
    if (!match || isRunning(Number(match[1]))) continue;
    try {
      rmSync(join(folder, entry), { recursive: true, force: true });
      removed.push(entry);
    } catch {
      // Not ours to fight over: a folder we cannot remove stays.
    }
  }
  return removed;
}
