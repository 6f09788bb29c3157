// The project's Cargo.lock, rendered from the release's lock data (release-locks/<release>.json.gz,
// written by scripts/lock-data.ts from the reference template's own Cargo.lock with cargo): every
// registry package the project's dependency graph reaches, at the version and checksum the
// release's lock pins, plus the project's own crates under the project's names. No cargo, no
// network: the data is read once and the text written here.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { packageRoot } from '../package-root.js';
import { CRATE_REPLACEMENTS } from '../profiles/crate-replacements.js';
import type { Settings } from '../settings/schema.js';
import { CRATES_IO, comparePackages, writeCargoLock, type LockPackage } from './cargo-lock-format.js';

export const CARGO_LOCK_PATH = 'Cargo.lock';
export const LOCK_DATA_DIR = 'release-locks';

/** The workspace's own crates, by what they are (their names follow the project's). */
export const LOCAL_ROLES = ['runtime', 'node', 'pallet'] as const;
export type LocalRole = (typeof LOCAL_ROLES)[number];

/**
 * The settings that change the dependency graph cargo locks: the node crate (or polkadot-omni-node)
 * and the template pallet. Cargo locks the optional dependencies of every feature of the
 * workspace's crates, so the features settings turn on (experimental-ump-signals) change nothing;
 * scripts/lock-data.ts checks that on every release.
 */
export type LockShape = 'node+pallet' | 'node' | 'omni-node+pallet' | 'omni-node';
export const LOCK_SHAPES: readonly LockShape[] = ['node+pallet', 'node', 'omni-node+pallet', 'omni-node'];

export function lockShape(settings: Pick<Settings, 'omniNode' | 'templatePallet'>): LockShape {
  return `${settings.omniNode ? 'omni-node' : 'node'}${settings.templatePallet ? '+pallet' : ''}` as LockShape;
}

/** A dependency: a registry package (its index in `packages`) or one of the workspace's crates. */
export type DependencyRef = number | LocalRole;

export interface ReleaseLockData {
  format: 1;
  release: string;
  lockVersion: number;
  /** Where the lock comes from: repository, commit, and the day its Cargo.lock was last changed. */
  reference: { repository: string; commit: string; lockDate: string };
  /** Registry packages, all from crates.io: name, version, checksum. */
  packages: [string, string, string][];
  /** Indices of packages the reference lock takes from git at this version (crates.io's checksum here). */
  fromGitInReference: number[];
  /** Indices of packages the reference lock does not pin (scripts/lock-data.ts says how each was chosen). */
  notInReference: number[];
  /**
   * Packages at another version than the reference pins, because the reference's does not build
   * (src/profiles/crate-replacements.ts): index, the reference's version.
   */
  replaced: [number, string][];
  /** The workspace's own crates' versions. */
  local: Record<LocalRole, string>;
  /** Dependency lists, shared by packages and shapes. */
  dependencyLists: DependencyRef[][];
  /** Per shape: for each package, its dependency list, or -1 when the shape does not reach it; the same for the workspace's crates. */
  shapes: Record<LockShape, { packages: number[]; local: Partial<Record<LocalRole, number>> }>;
}

const loaded = new Map<string, ReleaseLockData>();

export function loadReleaseLock(release: string): ReleaseLockData {
  let data = loaded.get(release);
  if (!data) {
    const path = join(packageRoot(), LOCK_DATA_DIR, `${release}.json.gz`);
    data = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as ReleaseLockData;
    loaded.set(release, data);
  }
  return data;
}

export type LocalNames = Record<LocalRole, string>;

/** The lock file of a project of these settings, its own crates named `names`. */
export function renderCargoLock(settings: Pick<Settings, 'sdk' | 'omniNode' | 'templatePallet'>, names: LocalNames): string {
  const data = loadReleaseLock(settings.sdk);
  const shape = data.shapes[lockShape(settings)];
  const registry = data.packages.map(([name, version, checksum]): LockPackage => ({ name, version, source: CRATES_IO, checksum, dependencies: [] }));
  const local = Object.fromEntries(LOCAL_ROLES.map((role) => [role, { name: names[role], version: data.local[role], dependencies: [] } as LockPackage])) as Record<LocalRole, LockPackage>;
  const resolve = (ref: DependencyRef): LockPackage => (typeof ref === 'number' ? registry[ref]! : local[ref]);
  const included: LockPackage[] = [];
  shape.packages.forEach((list, index) => {
    if (list < 0) return;
    registry[index]!.dependencies = data.dependencyLists[list]!.map(resolve);
    included.push(registry[index]!);
  });
  // The data lists packages in cargo's order; the workspace's crates go where their names put them.
  for (const role of LOCAL_ROLES) {
    const list = shape.local[role];
    if (list === undefined) continue;
    local[role].dependencies = data.dependencyLists[list]!.map(resolve);
    let at = included.length;
    while (at > 0 && comparePackages(included[at - 1]!, local[role]) > 0) at--;
    included.splice(at, 0, local[role]);
  }
  return writeCargoLock(included, data.lockVersion, true);
}

/** Where a project's lock comes from, for its README. */
export interface LockProvenance {
  repository: string;
  /** The reference commit, short. */
  commit: string;
  /** The day the reference's Cargo.lock was last changed (YYYY-MM-DD). */
  date: string;
  /** Packages of this project's lock that the reference lock does not pin. */
  notInReference: number;
  /** Packages the reference takes from git at the same version (this lock: from crates.io). */
  fromGit: number;
  /** Packages moved off the reference's version because it does not build, and why. */
  replaced: { name: string; version: string; reference: string; why: string }[];
}

export function lockProvenance(settings: Pick<Settings, 'sdk' | 'omniNode' | 'templatePallet'>): LockProvenance {
  const data = loadReleaseLock(settings.sdk);
  const included = data.shapes[lockShape(settings)].packages;
  const count = (indices: number[]) => indices.filter((i) => included[i]! >= 0).length;
  return {
    repository: data.reference.repository,
    commit: data.reference.commit.slice(0, 12),
    date: data.reference.lockDate.slice(0, 10),
    notInReference: count(data.notInReference),
    fromGit: count(data.fromGitInReference),
    replaced: data.replaced
      .filter(([i]) => included[i]! >= 0)
      .map(([i, reference]) => {
        const [name, version] = data.packages[i]!;
        const rule = CRATE_REPLACEMENTS.find((r) => r.name === name && r.broken === reference && r.replacement === version);
        if (!rule) throw new Error(`${settings.sdk}'s lock data replaces ${name} ${reference} by ${version}, which src/profiles/crate-replacements.ts does not`);
        return { name, version, reference, why: rule.why };
      }),
  };
}
