// The seed locks cargo starts each shape from: the reference as crates.io packages, and the
// reference with what earlier shapes settled on.

import { CRATES_IO, writeCargoLock, type LockPackage } from '../../src/render/cargo-lock-format.js';
import { packageLabel, parseCargoLock, type ParsedLock } from '../../test/support/cargo-lock.js';
import { indexVersions, semverRange } from './crates-index.js';

/** A git-sourced reference (SDK crates from a git tag) as a crates.io seed of the same versions. */
export function gitAsRegistry(lock: ParsedLock): { seed: string; fromGit: Set<string> } {
  const fromGit = new Set<string>();
  const registry = new Map(lock.packages.filter((p) => p.source === CRATES_IO).map((p) => [packageLabel(p), p]));
  const replaced = new Map<LockPackage, LockPackage | null>();
  for (const p of lock.packages) {
    if (!p.source?.startsWith('git+')) continue;
    const published = indexVersions(p.name).find((v) => v.vers === p.version);
    const twin = registry.get(packageLabel(p));
    if (twin) replaced.set(p, twin);
    else if (published) {
      p.source = CRATES_IO;
      p.checksum = published.cksum;
    } else replaced.set(p, null);
    if (twin || published) fromGit.add(packageLabel(p));
  }
  const kept = lock.packages.filter((p) => !replaced.has(p));
  for (const p of kept) {
    p.dependencies = p.dependencies.map((d) => (replaced.has(d) ? replaced.get(d)! : d)).filter((d): d is LockPackage => d !== null);
  }
  return { seed: writeCargoLock(kept, lock.version), fromGit };
}

// The reference seed with what earlier shapes settled on in its place: one version per package
// and semver range, as cargo allows, the earlier shapes' first (where the reference's version was
// refused, keeping it would only conflict; restoreReferenceEdges puts the reference's edges back).
export function mergedSeed(base: string, earlier: ParsedLock[]): string {
  const seed = parseCargoLock(base);
  const rangeKey = (p: LockPackage) => `${p.name} ${semverRange(p.version)} ${p.source}`;
  const chosen = new Map<string, LockPackage>();
  for (const p of [...earlier.flatMap((lock) => lock.packages), ...seed.packages]) {
    if (p.source !== undefined && !chosen.has(rangeKey(p))) chosen.set(rangeKey(p), p);
  }
  const copies = new Map([...chosen].map(([key, p]) => [key, { ...p, dependencies: [] as LockPackage[] }]));
  for (const [key, p] of chosen) {
    copies.get(key)!.dependencies = p.dependencies.flatMap((d) => (d.source === undefined ? [] : [copies.get(rangeKey(d))!]));
  }
  return writeCargoLock([...copies.values()], seed.version);
}

/** The dependency of this name, when there is exactly one (a crate may depend on two versions of a name). */
export function onlyOne(dependencies: LockPackage[], name: string): LockPackage | undefined {
  const found = dependencies.filter((d) => d.name === name);
  return found.length === 1 ? found[0] : undefined;
}
