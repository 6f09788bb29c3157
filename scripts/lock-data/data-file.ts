// The data file a release's locks are rendered from (src/render/cargo-lock.ts reads it): the
// registry packages of every shape once, dependency lists shared, each shape as a list per package.

import { compareVersions, type LockPackage } from '../../src/render/cargo-lock-format.js';
import { LOCAL_ROLES, type DependencyRef, type LocalRole, type LockShape, type ReleaseLockData } from '../../src/render/cargo-lock.js';
import { packageLabel, type ParsedLock } from '../../test/support/cargo-lock.js';

/** One shape as cargo settled it. */
export interface ShapeResult {
  lock: ParsedLock;
  text: string;
  /** `name version` → how it was chosen, for packages the reference does not pin. */
  notInReference: Map<string, string>;
  fromGit: Set<string>;
  /** Packages crates.io has yanked since, added to the seed (cargo takes them only from a lock). */
  yanked: Set<string>;
  /** Replacements of versions the reference pins that do not build: label → the reference's version. */
  replaced: Map<string, string>;
}

export function buildData(results: Map<LockShape, ShapeResult>, meta: { release: string; probe: string; reference: ReleaseLockData['reference'] }): ReleaseLockData {
  const all = new Map<string, LockPackage>();
  for (const { lock } of results.values()) for (const p of lock.packages) if (p.source !== undefined) all.set(packageLabel(p), p);
  const packages = [...all.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : compareVersions(a.version, b.version)));
  const index = new Map(packages.map((p, i) => [packageLabel(p), i]));
  const lists = new Map<string, number>();
  const dependencyLists: DependencyRef[][] = [];
  const localNames = { [`${meta.probe}-runtime`]: 'runtime', [`${meta.probe}-node`]: 'node', 'pallet-template': 'pallet' } as Record<string, LocalRole>;
  const local = {} as Record<LocalRole, string>;
  const listOf = (p: LockPackage): number => {
    const refs = p.dependencies.map((d): DependencyRef => (d.source === undefined ? localNames[d.name]! : index.get(packageLabel(d))!));
    const key = JSON.stringify(refs);
    if (!lists.has(key)) {
      lists.set(key, dependencyLists.length);
      dependencyLists.push(refs);
    }
    return lists.get(key)!;
  };
  const shapes = {} as ReleaseLockData['shapes'];
  for (const [shape, { lock }] of results) {
    const entry = { packages: packages.map(() => -1), local: {} as Partial<Record<LocalRole, number>> };
    for (const p of lock.packages) {
      if (p.source !== undefined) entry.packages[index.get(packageLabel(p))!] = listOf(p);
      else {
        const role = localNames[p.name];
        if (!role) throw new Error(`${shape}: workspace crate ${p.name} is not one the generator names`);
        local[role] = p.version;
        entry.local[role] = listOf(p);
      }
    }
    shapes[shape] = entry;
  }
  for (const role of LOCAL_ROLES) if (!local[role]) throw new Error(`no shape has the ${role} crate`);
  const fromGit = new Set([...results.values()].flatMap((r) => [...r.fromGit]));
  const notIn = new Set([...results.values()].flatMap((r) => [...r.notInReference.keys()]));
  const replaced = new Map([...results.values()].flatMap((r) => [...r.replaced]));
  return {
    format: 1,
    release: meta.release,
    lockVersion: results.values().next().value!.lock.version,
    reference: meta.reference,
    packages: packages.map((p) => [p.name, p.version, p.checksum!]),
    fromGitInReference: packages.flatMap((p, i) => (fromGit.has(packageLabel(p)) ? [i] : [])),
    notInReference: packages.flatMap((p, i) => (notIn.has(packageLabel(p)) ? [i] : [])),
    replaced: packages.flatMap((p, i): [number, string][] => (replaced.has(packageLabel(p)) ? [[i, replaced.get(packageLabel(p))!]] : [])),
    local,
    dependencyLists,
    shapes,
  };
}
