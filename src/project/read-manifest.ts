// Finds and validates the manifest of an existing project. Every way it can be wrong gets its
// own sentence, and nothing is written before it has been read in full.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ManifestError, SettingsError, quote } from '../errors.js';
import { originsOf, parseSettings, resolveSettings, type Origins } from '../settings/resolve.js';
import type { Settings } from '../settings/schema.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { MANIFEST_PATH, type Manifest } from './manifest.js';

/** The project folder: `dir` itself, or the nearest folder above the start holding a manifest. */
export function findProjectRoot(start: string, explicit: boolean): string {
  let dir = resolve(start);
  if (explicit) {
    if (!existsSync(join(dir, MANIFEST_PATH))) {
      throw new ManifestError(`No ${MANIFEST_PATH} in ${dir}: --dir must name a project made by ${TOOL_NAME}.`);
    }
    return dir;
  }
  for (;;) {
    if (existsSync(join(dir, MANIFEST_PATH))) return dir;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new ManifestError(`No ${MANIFEST_PATH} here or above ${resolve(start)}: run regen inside a project made by ${TOOL_NAME}, or pass --dir.`);
    }
    dir = parent;
  }
}

export interface LoadedManifest {
  manifest: Manifest;
  settings: Settings;
  /** Every setting the manifest records, as coming from it (for messages). */
  origins: Origins;
}

export function readManifest(root: string): LoadedManifest {
  const path = join(root, MANIFEST_PATH);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ManifestError(`The manifest ${path} is not valid JSON (${(error as Error).message}); restore it from version control.`);
  }
  const record = (typeof data === 'object' && data !== null && !Array.isArray(data) ? data : {}) as Record<string, unknown>;
  if (record.tool !== TOOL_NAME || typeof record.version !== 'string' || typeof record.settings !== 'object' || record.settings === null || typeof record.fragments !== 'object' || record.fragments === null) {
    throw new ManifestError(`The manifest ${path} is damaged: it needs "tool": "${TOOL_NAME}", "version", "settings" and "fragments"; restore it from version control.`);
  }
  if (compareVersions(record.version, TOOL_VERSION) > 0) {
    throw new ManifestError(`The project was made by ${TOOL_NAME} ${record.version}, newer than this ${TOOL_VERSION}: run regen with npx ${TOOL_NAME}@${record.version} or later.`);
  }
  if (!validHashes(record.fragments)) {
    throw new ManifestError(`The manifest ${path} is damaged: "fragments" must map each file to its region hashes; restore it from version control.`);
  }
  const file = `the manifest ${path}`;
  let settings: Settings;
  let origins: Origins;
  try {
    const recorded = parseSettings(record.settings as Record<string, unknown>, file);
    origins = originsOf(recorded, { source: 'config', file });
    // A manifest from before a setting existed gets its default: the slot was the block time.
    settings = resolveSettings(recorded, origins).settings;
  } catch (error) {
    if (error instanceof SettingsError) throw new ManifestError(`The manifest's settings are invalid: ${error.message}`);
    throw error;
  }
  return { manifest: record as unknown as Manifest, settings, origins };
}

/**
 * The manifest's name must be the crates' prefix: regen points the network, the scripts and the
 * README at `<name>-node` and `<name>-runtime`, so a name changed by hand on either side is refused.
 */
export function checkCrateNames(root: string, settings: Settings): void {
  const crates: [string, string][] = [['runtime/Cargo.toml', `${settings.name}-runtime`]];
  if (!settings.omniNode) crates.push(['node/Cargo.toml', `${settings.name}-node`]);
  for (const [file, expected] of crates) {
    const absolute = join(root, file);
    if (!existsSync(absolute)) continue;
    const found = /^\s*\[package\][^[]*?^\s*name\s*=\s*"([^"]*)"/m.exec(readFileSync(absolute, 'utf8'))?.[1];
    if (found === undefined || found === expected) continue;
    const stem = found.replace(/-(runtime|node)$/, '');
    throw new ManifestError(
      `The manifest's name ${quote(settings.name)} disagrees with ${file}, whose package is ${quote(found)}: set "name" to ${quote(stem)} in ${MANIFEST_PATH} (or rename the crates back to ${expected}).`,
    );
  }
}

function validHashes(value: unknown): boolean {
  return Object.values(value as Record<string, unknown>).every(
    (regions) => typeof regions === 'object' && regions !== null && Object.values(regions).every((h) => typeof h === 'string'),
  );
}

/** Compares dotted numeric versions (pre-release tags ignored): <0, 0, >0. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split('-')[0]!.split('.').map((n) => Number.parseInt(n, 10) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
