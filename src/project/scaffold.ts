// Writes a new project atomically: everything is rendered into a staging folder beside the
// target, formatted there, and only then moved into place by one rename, which also claims the
// target: of two runs into the same folder exactly one wins. Any failure, or a signal (SIGINT,
// SIGTERM, SIGHUP), removes the staging folder and the folders the run made, and leaves the
// target as it was; staging folders of runs killed outright are removed by the next run.

import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { renderSources, type FileTree } from '../render/render-project.js';
import { TargetError } from '../errors.js';
import type { Settings } from '../settings/schema.js';
import { MANIFEST_PATH, buildManifest, serializeManifest } from './manifest.js';
import { BACKUP_DIR, describeWriteError, makeFolders, removeFolders } from './atomic-write.js';
import { faultInjection } from './fault.js';
import { removeStaleLeftovers, stagingFolderName } from './leftovers.js';

export interface ScaffoldOptions {
  /** Run rustfmt on the output (`--format`); skipped with a warning when rustfmt is not on PATH. */
  format: boolean;
  /** Allow a non-empty target; existing files that would be replaced are backed up first. */
  force: boolean;
}

export interface ScaffoldPlan {
  target: string;
  files: string[];
  /** Existing files the project replaces (only with --force); each is backed up first. */
  replaced: string[];
}

export interface ScaffoldResult extends ScaffoldPlan {
  /** rustfmt was asked for but is not installed; the files are as the templates wrote them. */
  formatSkipped: boolean;
}


/** What a run would write, without writing anything. */
export function planScaffold(settings: Settings, targetDir: string, options: Pick<ScaffoldOptions, 'force'>): ScaffoldPlan {
  const target = resolve(targetDir);
  checkTarget(target, options.force);
  const { files, readme } = renderSources(settings);
  const all = new Map(files);
  all.set('README.md', readme(files));
  all.set(MANIFEST_PATH, '');
  const paths = [...all.keys()].sort();
  return { target, files: paths, replaced: paths.filter((p) => existsSync(join(target, p))) };
}

function checkTarget(target: string, force: boolean): void {
  let ancestor = dirname(target);
  while (!existsSync(ancestor)) ancestor = dirname(ancestor);
  if (!statSync(ancestor).isDirectory()) {
    throw new TargetError(`Cannot create ${target}: ${ancestor} is a file, not a folder.`);
  }
  const link = lstatOrNull(target);
  if (link?.isSymbolicLink()) {
    const points = existsSync(target) ? (statSync(target).isDirectory() ? 'a folder' : 'a file') : 'nothing';
    throw new TargetError(`Cannot create the project at ${target}: it is a symbolic link to ${readlinkSync(target)} (${points}); name the folder itself, or a new one.`);
  }
  if (!link) return;
  if (!link.isDirectory()) throw new TargetError(`Cannot create the project at ${target}: it is a file, not a folder.`);
  let entries: string[];
  try {
    entries = readdirSync(target);
  } catch {
    throw new TargetError(`Target ${target} exists and is not a readable folder.`);
  }
  if (entries.length > 0 && !force) {
    throw new TargetError(`Target folder ${target} is not empty: choose another name, or pass --force to write into it (nothing is deleted).`);
  }
}

function lstatOrNull(path: string): ReturnType<typeof lstatSync> | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

const EXIT_ON_SIGNAL: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/** Renders, formats and writes the project; returns the files written. */
export async function scaffoldProject(settings: Settings, targetDir: string, options: ScaffoldOptions): Promise<ScaffoldResult> {
  const target = resolve(targetDir);
  checkTarget(target, options.force);
  const parent = dirname(target);
  const madeFolders: string[] = [];
  let staging: string | undefined;
  const cleanUp = () => {
    try {
      // Gone after a successful move; checking first spares loading the recursive remover.
      if (staging !== undefined && existsSync(staging)) rmSync(staging, { recursive: true, force: true });
    } catch {
      // Nothing was staged (the folder could not even be created).
    }
    removeFolders(madeFolders);
  };
  // A closed terminal (SIGHUP) is an interruption like Ctrl-C.
  const onSignal = (signal: NodeJS.Signals) => {
    cleanUp();
    process.exit(EXIT_ON_SIGNAL[signal] ?? 1);
  };
  const signals = Object.keys(EXIT_ON_SIGNAL) as NodeJS.Signals[];
  for (const signal of signals) process.once(signal, onSignal);
  try {
    makeFolders(parent, madeFolders);
    // Runs killed outright (SIGKILL, a power cut) could not remove their staging folders.
    removeStaleLeftovers(parent);
    staging = join(parent, stagingFolderName(basename(target)));
    const { tree, formatSkipped } = await buildTree(settings, staging, options.format);
    const files = [...tree.keys()].sort();
    const replaced = moveIntoPlace(staging, target, files, options.force);
    // The parents now hold the project.
    madeFolders.length = 0;
    return { target, files, replaced, formatSkipped };
  } catch (error) {
    throw describeWriteError(error, `Cannot write the project to ${target}`, 'nothing was written');
  } finally {
    cleanUp();
    for (const signal of signals) process.off(signal, onSignal);
  }
}

// Writes every file into `staging`; the README and the manifest come last because they
// describe the (formatted) files. Writes are synchronous (a few milliseconds for the whole
// tree); a signal that arrives meanwhile is handled at the turn of the event loop taken before
// the staging folder is moved into place, and its handler removes the staging folder.
async function buildTree(settings: Settings, staging: string, format: boolean): Promise<{ tree: FileTree; formatSkipped: boolean }> {
  const { files, readme } = renderSources(settings);
  const fault = faultInjection();
  const write = stagedWriter(staging);
  let written = 0;
  for (const [path, text] of files) {
    write(path, text);
    if (++written === fault?.after) await fault.act();
  }
  let formatSkipped = false;
  if (format) {
    // Loaded only on request: it brings in child_process.
    const { formatRustFiles } = await import('./rustfmt.js');
    const rustFiles = [...files.keys()].filter((p) => p.endsWith('.rs'));
    formatSkipped = !formatRustFiles(staging, rustFiles);
    if (!formatSkipped) for (const path of rustFiles) files.set(path, readFileSync(join(staging, path), 'utf8'));
  }
  files.set('README.md', readme(files));
  write('README.md', files.get('README.md')!);
  files.set(MANIFEST_PATH, serializeManifest(buildManifest(settings, files)));
  write(MANIFEST_PATH, files.get(MANIFEST_PATH)!);
  await new Promise((resolveTurn) => setImmediate(resolveTurn));
  return { tree: files, formatSkipped };
}

/** Writes files under `root` (which must not exist yet), creating each folder once. */
function stagedWriter(root: string): (path: string, text: string) => void {
  const made = new Set<string>();
  const makeFolder = (folder: string): void => {
    if (made.has(folder)) return;
    if (folder !== root) makeFolder(dirname(folder));
    mkdirSync(folder);
    made.add(folder);
  };
  return (path, text) => {
    const absolute = join(root, path);
    makeFolder(dirname(absolute));
    writeFileSync(absolute, text);
  };
}

// A missing or empty target is replaced by the staging folder in one rename, which fails when
// another run filled the target first: the target is claimed atomically. A non-empty one
// (--force) receives the files one by one; each file it already had is first copied to the
// backup folder, and a failure part-way moves everything back.
function moveIntoPlace(staging: string, target: string, files: string[], force: boolean): string[] {
  const nonEmpty = () => existsSync(target) && readdirSync(target).length > 0;
  if (!force || !nonEmpty()) {
    try {
      renameSync(staging, target);
      return [];
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
      if (!force) throw new TargetError(`Target folder ${target} was filled by another run while this one was writing: nothing was written.`);
    }
  }
  const replaced = files.filter((p) => existsSync(join(target, p)));
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const done: { path: string; backup?: string }[] = [];
  try {
    for (const path of files) {
      const destination = join(target, path);
      let backup: string | undefined;
      if (existsSync(destination)) {
        backup = join(target, BACKUP_DIR, stamp, path);
        mkdirSync(dirname(backup), { recursive: true });
        writeFileSync(backup, readFileSync(destination));
      }
      mkdirSync(dirname(destination), { recursive: true });
      renameSync(join(staging, path), destination);
      done.push({ path, backup });
    }
  } catch (error) {
    for (const { path, backup } of done.reverse()) {
      const destination = join(target, path);
      if (backup) writeFileSync(destination, readFileSync(backup));
      else rmSync(destination, { force: true });
    }
    throw error;
  }
  return replaced;
}
