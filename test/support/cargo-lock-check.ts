// The suite's lock checker: reads a generated project's Cargo.lock against every Cargo.toml of
// its workspace and the release's pinned packages, and lists what is wrong, one sentence each.
//
// - Every dependency of every workspace crate (normal, build, dev, target-specific, inherited
//   from [workspace.dependencies], renamed with `package =`) resolves to a lock entry at a version
//   its requirement accepts, or to the workspace crate its path names, and that entry is in the
//   crate's dependency list; the list holds nothing else.
// - Every workspace crate is in the lock at its own version, without a source.
// - Every registry entry comes from crates.io and is one of the release's pinned packages, at the
//   same version and with the same checksum.
// - Every entry is reached from the workspace crates.

import { parse } from 'smol-toml';
import { CRATES_IO, type LockPackage } from '../../src/render/cargo-lock-format.js';
import { packageLabel, parseCargoLock } from './cargo-lock.js';
import { satisfies } from './semver-req.js';

/** The release's pinned packages: `name version` → checksum. */
export type PinnedPackages = ReadonlyMap<string, string>;

type Table = Record<string, unknown>;
interface DependencySpec {
  version?: string;
  path?: string;
  package?: string;
  workspace?: boolean;
}

const DEPENDENCY_TABLES = ['dependencies', 'build-dependencies', 'dev-dependencies'] as const;

/** Problems found, one sentence each; none for a consistent lock. */
export function checkCargoLock(files: ReadonlyMap<string, string>, pinned: PinnedPackages): string[] {
  const problems: string[] = [];
  const lockText = files.get('Cargo.lock');
  if (lockText === undefined) return ['the project has no Cargo.lock'];
  let packages: LockPackage[];
  try {
    packages = parseCargoLock(lockText).packages;
  } catch (error) {
    return [`Cargo.lock cannot be read: ${(error as Error).message}`];
  }
  const root = parse(files.get('Cargo.toml') ?? '') as Table;
  const workspace = (root.workspace ?? {}) as Table;
  const inherited = (workspace.dependencies ?? {}) as Record<string, DependencySpec | string>;
  const members = (workspace.members ?? []) as string[];

  // Workspace crates: their manifests, by folder.
  const crates = new Map<string, { name: string; version: string; manifest: Table }>();
  for (const member of members) {
    const text = files.get(`${member}/Cargo.toml`);
    if (text === undefined) {
      problems.push(`workspace member ${member} has no Cargo.toml`);
      continue;
    }
    const manifest = parse(text) as Table;
    const pkg = manifest.package as { name: string; version: string };
    crates.set(member, { name: pkg.name, version: pkg.version, manifest });
  }
  const localEntry = (name: string) => packages.find((p) => p.source === undefined && p.name === name);

  const roots: LockPackage[] = [];
  for (const [member, { name, version, manifest }] of crates) {
    const entry = localEntry(name);
    if (!entry) {
      problems.push(`workspace crate ${name} (${member}) is not in Cargo.lock`);
      continue;
    }
    if (entry.version !== version) problems.push(`Cargo.lock has ${packageLabel(entry)}, but ${member}/Cargo.toml says version ${version}`);
    roots.push(entry);
    const expected = new Set<LockPackage>();
    for (const [key, raw] of declaredDependencies(manifest)) {
      const spec = resolveSpec(key, raw, inherited);
      if (spec === null) {
        problems.push(`${member}/Cargo.toml inherits ${key}, which [workspace.dependencies] does not declare`);
        continue;
      }
      const target = spec.package ?? key;
      const where = `${member}/Cargo.toml's ${key}`;
      let found: LockPackage | undefined;
      if (spec.path !== undefined) {
        const folder = normaliseFolder(member, spec.path, typeof raw === 'object' && raw.workspace === true);
        const crate = crates.get(folder);
        if (!crate) problems.push(`${where} points at ${spec.path}, which is no workspace member`);
        else if (crate.name !== target) problems.push(`${where} names ${target}, but ${folder} is ${crate.name}`);
        found = localEntry(target);
      } else if (spec.version === undefined) {
        problems.push(`${where} has neither a version nor a path`);
        continue;
      } else {
        const candidates = entry.dependencies.filter((d) => d.name === target && d.source !== undefined && satisfies(d.version, spec.version!));
        found = candidates[0];
        if (!found) {
          const locked = packages.filter((p) => p.name === target).map((p) => p.version);
          problems.push(`${where} requires ${target} ${spec.version}, which ${name}'s entry in Cargo.lock does not resolve${locked.length ? ` (the lock has ${locked.join(', ')})` : ''}`);
          continue;
        }
      }
      if (found) {
        if (!entry.dependencies.includes(found)) problems.push(`${name}'s entry in Cargo.lock does not list ${packageLabel(found)}, which ${where} needs`);
        expected.add(found);
      }
    }
    for (const d of entry.dependencies) {
      if (!expected.has(d)) problems.push(`${name}'s entry in Cargo.lock lists ${packageLabel(d)}, which no dependency of ${member}/Cargo.toml names`);
    }
  }
  for (const p of packages) {
    if (p.source === undefined) {
      if (![...crates.values()].some((c) => c.name === p.name)) problems.push(`Cargo.lock has ${packageLabel(p)} without a source, but no workspace crate of that name`);
      continue;
    }
    if (p.source !== CRATES_IO) problems.push(`${packageLabel(p)} comes from ${p.source}, not crates.io`);
    const checksum = pinned.get(packageLabel(p));
    if (checksum === undefined) {
      const versions = [...pinned.keys()].filter((k) => k.startsWith(`${p.name} `)).map((k) => k.slice(p.name.length + 1));
      problems.push(`${packageLabel(p)} is not a version the release pins${versions.length ? ` (it pins ${versions.join(', ')})` : ''}`);
    } else if (checksum !== p.checksum) problems.push(`${packageLabel(p)} has checksum ${p.checksum ?? '(none)'}, the release's is ${checksum}`);
  }
  const reached = new Set<LockPackage>();
  const queue = [...roots];
  while (queue.length > 0) {
    const p = queue.pop()!;
    if (reached.has(p)) continue;
    reached.add(p);
    queue.push(...p.dependencies);
  }
  for (const p of packages) if (!reached.has(p)) problems.push(`${packageLabel(p)} is in Cargo.lock, but no workspace crate depends on it`);
  return problems;
}

/** Every dependency a manifest declares, in all its tables (target-specific ones too). */
function declaredDependencies(manifest: Table): [string, DependencySpec | string][] {
  const tables: Table[] = [manifest];
  for (const target of Object.values((manifest.target ?? {}) as Record<string, Table>)) tables.push(target);
  return tables.flatMap((t) => DEPENDENCY_TABLES.flatMap((name) => Object.entries((t[name] ?? {}) as Record<string, DependencySpec | string>)));
}

function resolveSpec(key: string, raw: DependencySpec | string, inherited: Record<string, DependencySpec | string>): DependencySpec | null {
  if (typeof raw === 'string') return { version: raw };
  if (raw.workspace !== true) return raw;
  const base = inherited[key];
  if (base === undefined) return null;
  return typeof base === 'string' ? { version: base } : base;
}

// A path is relative to the manifest that wrote it: the root's for an inherited dependency.
function normaliseFolder(member: string, path: string, fromRoot: boolean): string {
  const parts = fromRoot ? [] : member.split('/');
  for (const part of path.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}
