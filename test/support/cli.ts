// Runs the built CLI (bin/create-async-parachain.cjs) as a user would, in throw-away folders.

import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll } from 'vitest';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'create-async-parachain.cjs');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): CliResult {
  const result: SpawnSyncReturns<string> = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? tmpdir(),
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh empty folder; the project goes into `<folder>/<name>`. */
export function tempFolder(prefix = 'cap-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Generates a project with `--yes` and extra flags; throws with the CLI's output on failure. */
export function generate(name: string, flags: readonly string[] = []): string {
  const dir = join(tempFolder(), name);
  const result = runCli([dir, '--yes', ...flags]);
  if (result.code !== 0) throw new Error(`generation failed (${result.code}): ${result.stderr}${result.stdout}`);
  return dir;
}

/** Every file under `dir` (relative, sorted), with its content. */
export function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (current: string) => {
    for (const entry of readdirSync(current).sort()) {
      const path = join(current, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(dir, path).split('\\').join('/'), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

/** A copy of a folder (a fixture) in a fresh temporary folder, to edit; remove `dirname` of it. */
export function copyFixture(dir: string): string {
  const target = join(tempFolder('cap-fixture-'), 'repo');
  cpSync(dir, target, { recursive: true });
  return target;
}

/** Copies of the fixtures under `folder` (by name), removed when the test file is done. */
export function fixtureCopier(folder: string): (name: string) => string {
  const made: string[] = [];
  afterAll(() => made.forEach(removeTree));
  return (name) => {
    const dir = copyFixture(join(folder, name));
    made.push(dirname(dir));
    return dir;
  };
}

export function removeTree(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Replaces `from` in a file; an edit that changes nothing is a broken test, so it throws. */
export function edit(file: string, from: string | RegExp, to: string): void {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`edit of ${file} changed nothing (${String(from)})`);
  writeFileSync(file, next);
}

/** A maker of fresh empty folders for one test file; every one is removed after its tests. */
export function scratchFolders(prefix: string): () => string {
  const made: string[] = [];
  afterAll(() => made.forEach(removeTree));
  return () => {
    const dir = tempFolder(prefix);
    made.push(dir);
    return dir;
  };
}
