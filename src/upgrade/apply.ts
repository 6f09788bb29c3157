// Applying a plan: every file's edits applied to its text, edited Rust re-parsed (an edit that
// would break the syntax refuses the whole upgrade), a unified diff, and — unless it is a dry run
// — the changed files backed up under `.async-parachain/backup/<time>/` and written all or none.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { describeWriteError, writeWithBackups } from '../project/atomic-write.js';
import { loadRustParser } from '../rust/parser.js';
import { applyEdits, type Edit } from './edits.js';
import { formatLikeProject } from './format.js';
import { UpgradeRefusal, type UpgradePlan } from './plan.js';

export interface AppliedUpgrade {
  /** Files whose bytes change (or would, with --dry-run), repository-relative, sorted. */
  files: string[];
  diff: string;
  /** Folder of the copies made before writing (null for a dry run or no change). */
  backup: string | null;
}

export interface ApplyOptions {
  dryRun: boolean;
  /** Write files with uncommitted changes too. */
  force: boolean;
}

export async function applyPlan(plan: UpgradePlan, options: ApplyOptions): Promise<AppliedUpgrade> {
  const byFile = new Map<string, Edit[]>();
  for (const e of plan.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  const before = new Map<string, string>();
  const after = new Map<string, string>();
  const created = new Set<string>();
  for (const [file, edits] of byFile) {
    const create = edits.some((e) => e.create);
    if (create && existsSync(join(plan.root, file))) throw new UpgradeRefusal(`${file} appeared while upgrade was planning; nothing was written (run upgrade again).`);
    if (create) created.add(file);
    const text = create ? '' : readFileSync(join(plan.root, file), 'utf8');
    let next: string;
    try {
      next = applyEdits(text, edits);
    } catch (error) {
      throw new UpgradeRefusal((error as Error).message);
    }
    if (file.endsWith('.rs')) next = formatLikeProject(plan.root, file, text, next);
    if (next === text) continue;
    before.set(file, text);
    after.set(file, next);
  }
  await refuseBrokenSyntax(before, after, plan.syntaxErrorsBefore);
  const files = [...after.keys()].sort();
  const diff = files.map((f) => createTwoFilesPatch(created.has(f) ? '/dev/null' : `a/${f}`, `b/${f}`, before.get(f)!, after.get(f)!, '', '', { context: 3 })).join('');
  if (options.dryRun || files.length === 0) return { files, diff, backup: null };
  if (!options.force) refuseUncommitted(plan.root, files);
  let backup: string | null;
  try {
    // New files have nothing to back up.
    backup = writeWithBackups(plan.root, new Map(files.map((f) => [f, after.get(f)!])), files.filter((f) => !created.has(f)));
  } catch (error) {
    throw describeWriteError(error, `Cannot write the upgraded files in ${plan.root}`, 'every file was left as it was');
  }
  return { files, diff, backup };
}

/** An edited Rust file with more syntax errors than before is a bug of upgrade's: nothing is written. */
async function refuseBrokenSyntax(before: Map<string, string>, after: Map<string, string>, known: Map<string, number>): Promise<void> {
  const parser = await loadRustParser();
  for (const [file, text] of after) {
    if (!file.endsWith('.rs')) continue;
    const count = (source: string) => {
      const parsed = parser.parseFile(source, { unknownMacros: 'skip' });
      try {
        return parsed.syntaxErrors().length;
      } finally {
        parsed.delete();
      }
    };
    if (count(text) > (known.get(file) ?? count(before.get(file)!))) {
      throw new UpgradeRefusal(`upgrade's edits to ${file} would not parse as Rust; nothing was written (please report this with the file).`);
    }
  }
}

/** In a git work tree, files with uncommitted changes are not edited without --force. */
function refuseUncommitted(root: string, files: string[]): void {
  const status = spawnSync('git', ['status', '--porcelain', '--', ...files], { cwd: root, encoding: 'utf8' });
  if (status.status !== 0 || status.error) return; // not a git work tree (or no git): nothing to protect
  const dirty = status.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.slice(3).trim());
  if (dirty.length > 0) {
    const more = dirty.length > 1 ? ` (and ${dirty.length - 1} more)` : '';
    throw new UpgradeRefusal(`${dirty[0]} has uncommitted changes${more} that upgrade would edit; commit or stash them first, or pass --force.`);
  }
}
