// What a repository holds, as `check` sees it: its cargo crates (from every Cargo.toml outside
// `target/`), their Rust files, and the files that may be zombienet network configs.

import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parse as parseToml } from 'smol-toml';

/** Folders never looked into: build output, dependencies, VCS data and hidden folders. */
const SKIPPED_DIRS = new Set(['target', 'node_modules', 'dist', 'build']);

/** TOML/JSON/YAML files that are never zombienet configs. */
const NOT_NETWORK_FILES = new Set([
  'Cargo.toml',
  'Cargo.lock',
  'rustfmt.toml',
  '.rustfmt.toml',
  'clippy.toml',
  'rust-toolchain.toml',
  'taplo.toml',
  '.taplo.toml',
  'deny.toml',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'async-parachain.json',
  'pnpm-lock.yaml',
]);

export interface Dependency {
  /** The name the code uses (`cumulus_pallet_parachain_system`). */
  extern: string;
  /** The package depended on (`cumulus-pallet-parachain-system`). */
  pkg: string;
  /** Set for a dependency on a crate of this repository. */
  crate?: Crate;
  /** Path of a path dependency (absolute), before it is matched to a crate. */
  path?: string;
  /** Features requested of the dependency (for the `polkadot-sdk` umbrella crate). */
  features: string[];
  /** Where it comes from, as the manifest (or the workspace's) says: for the SDK release. */
  version?: string;
  /** `optional = true`: built only when a feature enables it. */
  optional?: boolean;
  git?: { url: string; branch?: string; tag?: string; rev?: string };
}

export interface Crate {
  /** Package name (`my-chain-runtime`). */
  name: string;
  /** The crate's name in Rust paths (`my_chain_runtime`). */
  lib: string;
  dir: string;
  manifest: string;
  /** Repository-relative path of the manifest. */
  manifestRel: string;
  manifestText: string;
  /** The library root (`src/lib.rs`), if any. */
  libRoot: string | null;
  /** Binary roots (`src/main.rs`, `[[bin]] path`). */
  binRoots: string[];
  deps: Map<string, Dependency>;
  /** `[build-dependencies]` package names. */
  buildDeps: string[];
  /** `[features]` of the manifest: feature → what it enables. */
  features: Record<string, string[]>;
  /** Every `.rs` file under the crate's folder (not under a nested crate). */
  rsFiles: string[];
}

export interface Workspace {
  root: string;
  crates: Crate[];
  /** Candidate network configs (TOML, JSON and YAML files; those naming `relaychain` are read). */
  networkFiles: string[];
  /** Every `Cargo.lock` (absolute paths). */
  lockFiles: string[];
  /** Manifests that could not be parsed, symlink loops. */
  problems: { file: string; message: string }[];
  /** Files and folders that could not be read (permission denied, ..): the audit stops on them. */
  readErrors: { file: string; message: string }[];
}

export function rel(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}

/** Walks the repository once and loads every crate manifest. */
export function scanWorkspace(rootDir: string): Workspace {
  const root = resolve(rootDir);
  const manifests: string[] = [];
  const rsFiles: string[] = [];
  const networkFiles: string[] = [];
  const lockFiles: string[] = [];
  const problems: Workspace['problems'] = [];

  const readErrors: Workspace['readErrors'] = [];
  // Real paths of the folders being walked: a symlink back into one of them is a loop.
  const walking: { real: string; path: string }[] = [];
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
      walking.push({ real: realpathSync(dir), path: dir });
    } catch (error) {
      readErrors.push({ file: rel(root, dir) || '.', message: readErrorText(error) });
      return;
    }
    for (const entry of entries) {
      const name = entry.name;
      const path = join(dir, name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        // Runtime folders reached through symlinks are part of the repository.
        try {
          const stat = statSync(path);
          isDir = stat.isDirectory();
          isFile = stat.isFile();
          const real = isDir ? realpathSync(path) : '';
          const loop = walking.find((w) => w.real === real);
          if (loop) {
            problems.push({ file: rel(root, path), message: `symlink loop: it leads back to ${rel(root, loop.path) || '.'}, which encloses it; not followed` });
            continue;
          }
        } catch {
          continue; // a dangling link points at nothing to audit
        }
      }
      if (isDir) {
        if (name.startsWith('.') || SKIPPED_DIRS.has(name)) continue;
        walk(path);
      } else if (isFile) {
        if (name === 'Cargo.toml') manifests.push(path);
        else if (name === 'Cargo.lock') lockFiles.push(path);
        else if (name.endsWith('.rs')) rsFiles.push(path);
        else if (/\.(toml|json|ya?ml)$/i.test(name) && !NOT_NETWORK_FILES.has(name)) {
          networkFiles.push(path);
        }
      }
    }
    walking.pop();
  };
  walk(root);

  const crates: Crate[] = [];
  const workspaceDeps = new Map<string, Record<string, unknown>>();
  for (const manifest of manifests.sort()) {
    let text: string;
    let data: Record<string, unknown>;
    try {
      text = readFileSync(manifest, 'utf8');
    } catch (error) {
      readErrors.push({ file: rel(root, manifest), message: readErrorText(error) });
      continue;
    }
    try {
      data = parseToml(text) as Record<string, unknown>;
    } catch (error) {
      problems.push({ file: rel(root, manifest), message: `cannot parse: ${oneLine((error as Error).message)}` });
      continue;
    }
    const ws = data.workspace as Record<string, unknown> | undefined;
    if (ws && typeof ws.dependencies === 'object' && ws.dependencies) {
      workspaceDeps.set(dirname(manifest), ws.dependencies as Record<string, unknown>);
    }
    const pkg = data.package as Record<string, unknown> | undefined;
    if (!pkg || typeof pkg.name !== 'string') continue;
    crates.push(loadCrate(root, manifest, text, data, pkg.name));
  }

  // Resolve `workspace = true` and path dependencies to the crates of this repository.
  const byDir = new Map(crates.map((c) => [c.dir, c]));
  const byName = new Map(crates.map((c) => [c.name, c]));
  for (const crate of crates) {
    const wsDeps = nearestWorkspaceDeps(crate.dir, workspaceDeps);
    for (const dep of crate.deps.values()) {
      if (dep.path === undefined && wsDeps) {
        const entry = wsDeps.dep[dep.pkg] ?? wsDeps.dep[dep.extern.replace(/_/g, '-')];
        if (entry && typeof entry === 'object') {
          const e = entry as Record<string, unknown>;
          if (typeof e.path === 'string') dep.path = resolve(wsDeps.dir, e.path);
          if (typeof e.package === 'string') dep.pkg = e.package;
          if (Array.isArray(e.features)) dep.features.push(...e.features.map(String));
          Object.assign(dep, sourceOf(entry));
        } else if (typeof entry === 'string') dep.version = entry;
      }
      dep.crate = (dep.path ? byDir.get(dep.path) : undefined) ?? (dep.path ? undefined : byName.get(dep.pkg));
    }
  }

  // Each Rust file belongs to the innermost crate folder holding it.
  const dirs = crates.map((c) => c.dir).sort((a, b) => b.length - a.length);
  const crateOf = new Map(crates.map((c) => [c.dir, c]));
  for (const file of rsFiles) {
    const dir = dirs.find((d) => file.startsWith(d + sep));
    if (dir) crateOf.get(dir)!.rsFiles.push(file);
  }

  return { root, crates, networkFiles: networkFiles.sort(), lockFiles: lockFiles.sort(), problems, readErrors };
}

/** Why a file or folder could not be read, in a few words (`permission denied`). */
export function readErrorText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const known: Record<string, string> = { EACCES: 'permission denied', EPERM: 'permission denied', EISDIR: 'it is a folder', ENOENT: 'it does not exist', ELOOP: 'too many symlinks', EIO: 'an I/O error' };
  return (code && known[code]) ?? oneLine((error as Error).message);
}

/** The version or git source a dependency entry gives (`"1.0"`, `{ version }`, `{ git, branch }`). */
function sourceOf(entry: unknown): Pick<Dependency, 'version' | 'git'> {
  if (typeof entry === 'string') return { version: entry };
  if (!entry || typeof entry !== 'object') return {};
  const e = entry as Record<string, unknown>;
  const out: Pick<Dependency, 'version' | 'git'> = {};
  if (typeof e.version === 'string') out.version = e.version;
  if (typeof e.git === 'string') {
    out.git = { url: e.git };
    for (const key of ['branch', 'tag', 'rev'] as const) if (typeof e[key] === 'string') out.git[key] = e[key] as string;
  }
  return out;
}

function nearestWorkspaceDeps(
  dir: string,
  all: Map<string, Record<string, unknown>>,
): { dir: string; dep: Record<string, unknown> } | undefined {
  for (let d = dir; ; d = dirname(d)) {
    const dep = all.get(d);
    if (dep) return { dir: d, dep };
    if (dirname(d) === d) return undefined;
  }
}

function loadCrate(root: string, manifest: string, text: string, data: Record<string, unknown>, name: string): Crate {
  const dir = dirname(manifest);
  const lib = data.lib as Record<string, unknown> | undefined;
  const libName = typeof lib?.name === 'string' ? lib.name : name.replace(/-/g, '_');
  const libRoot = resolve(dir, typeof lib?.path === 'string' ? lib.path : 'src/lib.rs');
  const bins = Array.isArray(data.bin) ? (data.bin as Record<string, unknown>[]) : [];
  const binRoots = bins.filter((b) => typeof b.path === 'string').map((b) => resolve(dir, b.path as string));
  binRoots.push(join(dir, 'src', 'main.rs'));

  const deps = new Map<string, Dependency>();
  const addDeps = (table: unknown) => {
    if (!table || typeof table !== 'object') return;
    for (const [key, value] of Object.entries(table as Record<string, unknown>)) {
      const v = typeof value === 'object' && value ? (value as Record<string, unknown>) : {};
      const dep: Dependency = {
        extern: key.replace(/-/g, '_'),
        pkg: typeof v.package === 'string' ? v.package : key,
        features: Array.isArray(v.features) ? v.features.map(String) : [],
      };
      if (typeof v.path === 'string') dep.path = resolve(dir, v.path);
      if (v.optional === true) dep.optional = true;
      Object.assign(dep, sourceOf(value));
      if (!deps.has(dep.extern)) deps.set(dep.extern, dep);
    }
  };
  addDeps(data.dependencies);
  const target = data.target as Record<string, Record<string, unknown>> | undefined;
  if (target && typeof target === 'object') for (const t of Object.values(target)) addDeps(t?.dependencies);

  const buildDeps = Object.entries((data['build-dependencies'] as Record<string, unknown> | undefined) ?? {}).map(([k, v]) =>
    v && typeof v === 'object' && typeof (v as Record<string, unknown>).package === 'string' ? String((v as Record<string, unknown>).package) : k,
  );
  const features: Record<string, string[]> = {};
  if (data.features && typeof data.features === 'object') {
    for (const [k, v] of Object.entries(data.features as Record<string, unknown>)) {
      features[k] = Array.isArray(v) ? v.map(String) : [];
    }
  }
  return {
    name,
    lib: libName.replace(/-/g, '_'),
    dir,
    manifest,
    manifestRel: rel(root, manifest),
    manifestText: text,
    libRoot,
    binRoots,
    deps,
    buildDeps,
    features,
    rsFiles: [],
  };
}

/**
 * The features check judges a crate with, transitively: the default ones (`default = ["std"]`,
 * `std = [..]`), and those that make it a parachain at all, by enabling an optional Cumulus
 * dependency (`parachain = ["cumulus-pallet-parachain-system", ..]`, a runtime or node that also
 * builds as a standalone chain). A feature that only changes a parachain (`async-backing = []`)
 * stays as the default build has it.
 */
export function defaultFeatures(crate: Crate): Set<string> {
  const on = new Set<string>();
  const visit = (f: string) => {
    if (on.has(f) || f.includes('/') || f.startsWith('dep:')) return;
    on.add(f);
    for (const g of crate.features[f] ?? []) visit(g);
  };
  visit('default');
  for (const f of parachainFeatures(crate)) visit(f);
  return on;
}

/** Features that enable an optional Cumulus dependency: what turns the crate into a parachain. */
export function parachainFeatures(crate: Crate): string[] {
  const optional = new Set([...crate.deps.values()].filter((d) => d.optional && d.pkg.startsWith('cumulus-')).map((d) => d.pkg));
  if (optional.size === 0) return [];
  return Object.entries(crate.features)
    .filter(([, list]) => list.some((entry) => !entry.includes('?/') && optional.has(entry.replace(/^dep:/, '').split('/')[0]!)))
    .map(([name]) => name);
}

/** Line (1-based) of the first line of `text` matching `pattern`, or 1. */
export function lineOf(text: string, pattern: RegExp): number {
  const lines = text.split('\n');
  const index = lines.findIndex((l) => pattern.test(l));
  return index === -1 ? 1 : index + 1;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
