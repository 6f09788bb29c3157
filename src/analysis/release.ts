// The polkadot-sdk release a crate pins, read from its Cargo.lock (the crates it really resolves
// to) or, without one, from its Cargo.toml: a git branch or tag that names the release, or the
// versions of crates whose version tells the release (src/profiles/releases.ts).

import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { compatKey, releaseOfRef, SDK_RELEASE_CATALOGUE, type SdkReleaseInfo } from '../profiles/releases.js';
import { readErrorText, rel, type Crate, type Workspace } from './workspace.js';

export interface DetectedRelease {
  /** The release, or null when it cannot be told. */
  release: SdkReleaseInfo | null;
  /** What it was read from, for the report (`Cargo.lock: frame-support 25.0.0, ..`). */
  evidence: string;
  /** The file read (repository-relative), if any. */
  file: string | null;
}

type FingerprintCrate = keyof SdkReleaseInfo['crates'];
const FINGERPRINTS: readonly FingerprintCrate[] = ['cumulus-pallet-parachain-system', 'frame-support', 'pallet-aura', 'cumulus-client-consensus-aura', 'polkadot-sdk'];

/** A crate version found, and the git ref it came from, if any. */
interface Pin {
  name: string;
  version: string;
  ref?: string;
  /** From a git revision with no branch or tag: the version the repository had there. */
  gitRev?: boolean;
}

/** The release of one crate (a runtime): from the nearest Cargo.lock holding it, else its manifest. */
export function detectRelease(workspace: Workspace, crate: Crate, locks: LockCache): DetectedRelease {
  const pins: Pin[] = [];
  for (const dep of crate.deps.values()) {
    if (!FINGERPRINTS.includes(dep.pkg as FingerprintCrate)) continue;
    const ref = dep.git?.branch ?? dep.git?.tag;
    if (dep.version || ref) pins.push({ name: dep.pkg, version: dep.version ?? '', ref });
  }
  const lockPath = nearestLock(workspace, crate);
  if (lockPath) {
    const lock = locks.get(lockPath);
    const locked = lock?.reachable(crate.name) ?? [];
    if (locked.length > 0) {
      // A fork pinned by revision (through [patch]) carries the versions its branch had, which
      // lag the release: a release branch the manifest names says more.
      if (locked.every((p) => p.gitRev)) {
        const named = pins.filter((p) => p.ref && releaseOfRef(p.ref));
        if (named.length > 0) {
          const byRef = judgePins(named, crate.manifestRel);
          return { ...byRef, evidence: `${byRef.evidence} (${rel(workspace.root, lockPath)} pins these crates at a git revision, whose versions lag the release)` };
        }
      }
      return judgePins(locked, rel(workspace.root, lockPath));
    }
  }
  if (pins.length > 0) return judgePins(pins, crate.manifestRel);
  return { release: null, evidence: `no polkadot-sdk crate version found for ${crate.name} (no Cargo.lock entry, no version in ${crate.manifestRel})`, file: null };
}

function judgePins(pins: Pin[], file: string): DetectedRelease {
  // A git branch or tag that names a release says it outright.
  const refs = new Map<string, SdkReleaseInfo>();
  for (const p of pins) {
    const r = p.ref ? releaseOfRef(p.ref) : undefined;
    if (r && p.ref) refs.set(p.ref, r);
  }
  if (refs.size > 0) {
    const [ref, release] = [...refs][0]!;
    const others = [...new Set([...refs.values()].map((r) => r.id))].filter((id) => id !== release.id);
    const mixed = others.length > 0 ? `; other crates name ${others.join(', ')}` : '';
    return { release, evidence: `${file}: polkadot-sdk git ref ${ref}${mixed}`, file };
  }
  // Else the versions: the release most fingerprint crates agree on.
  const votes = new Map<SdkReleaseInfo, Pin[]>();
  const unmatched: Pin[] = [];
  for (const p of pins) {
    if (p.ref !== undefined && !p.version) continue;
    const key = compatKey(p.version);
    const release = key ? SDK_RELEASE_CATALOGUE.find((r) => r.crates[p.name as FingerprintCrate]?.includes(key)) : undefined;
    if (release) votes.set(release, [...(votes.get(release) ?? []), p]);
    else unmatched.push(p);
  }
  const ranked = [...votes].sort((a, b) => b[1].length - a[1].length);
  const best = ranked[0];
  const shown = (list: Pin[]) => [...new Map(list.map((p) => [`${p.name} ${p.version}`, p])).keys()].join(', ');
  if (!best) {
    return { release: null, evidence: `${file}: ${shown(unmatched)} match no release check knows${between(unmatched)}`, file };
  }
  const conflicting = ranked.slice(1).filter(([, list]) => list.length === best[1].length);
  if (conflicting.length > 0) {
    return { release: null, evidence: `${file}: the crate versions point at different releases (${ranked.map(([r, list]) => `${r.id}: ${shown(list)}`).join('; ')})`, file };
  }
  // The versions on polkadot-v1.x branches lagged the published ones: a git revision's are a hint.
  const hint = best[1].every((p) => p.gitRev) ? ' (versions at a git revision, which may lag the release they belong to)' : '';
  return { release: best[0], evidence: `${file}: ${shown(best[1])}${hint}`, file };
}

/** Where unmatched versions fall among the known releases, by frame-support's major version. */
function between(pins: Pin[]): string {
  const major = pins.filter((p) => p.name === 'frame-support').map((p) => Number(compatKey(p.version))).find((n) => Number.isFinite(n));
  if (major === undefined) return ' (polkadot-v1.0.0 … polkadot-stable2512)';
  const keyed = SDK_RELEASE_CATALOGUE.map((r) => ({ r, fs: Number(r.crates['frame-support'][0]) }));
  const below = keyed.filter((k) => k.fs < major).pop();
  const above = keyed.find((k) => k.fs > major);
  if (below && above) return `: they fall between ${below.r.id} and ${above.r.id}, crates published apart from those releases`;
  return below ? `: they are newer than ${below.r.id}` : `: they are older than ${above!.r.id}`;
}

function nearestLock(workspace: Workspace, crate: Crate): string | undefined {
  const byDir = new Map(workspace.lockFiles.map((l) => [dirname(l), l]));
  for (let d = crate.dir; d.startsWith(workspace.root); d = dirname(d)) {
    const lock = byDir.get(d);
    if (lock) return lock;
    if (d === workspace.root || dirname(d) === d) break;
  }
  return undefined;
}

/** Cargo.lock files, each read and indexed once per audit. */
export class LockCache {
  private readonly locks = new Map<string, Lockfile | null>();
  /** Locks that could not be read (absolute path, why). */
  readonly readErrors: { file: string; message: string }[] = [];

  get(path: string): Lockfile | null {
    if (!this.locks.has(path)) {
      let lock: Lockfile | null = null;
      try {
        lock = new Lockfile(readFileSync(path, 'utf8'));
      } catch (error) {
        this.readErrors.push({ file: path, message: readErrorText(error) });
      }
      this.locks.set(path, lock);
    }
    return this.locks.get(path)!;
  }
}

interface LockPackage {
  name: string;
  version: string;
  source: string | null;
  dependencies: string[];
}

/** A Cargo.lock's packages and their dependency edges (read with a scan, not a TOML parser: locks are large). */
class Lockfile {
  private readonly byName = new Map<string, LockPackage[]>();

  constructor(text: string) {
    for (const block of text.split(/^\[\[package\]\]\s*$/m).slice(1)) {
      const name = /^name = "([^"]+)"/m.exec(block)?.[1];
      const version = /^version = "([^"]+)"/m.exec(block)?.[1];
      if (!name || !version) continue;
      const source = /^source = "([^"]+)"/m.exec(block)?.[1] ?? null;
      const depsText = /^dependencies = \[([\s\S]*?)\]/m.exec(block)?.[1] ?? '';
      const dependencies = [...depsText.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
      const pkg: LockPackage = { name, version, source, dependencies };
      const list = this.byName.get(name);
      if (list) list.push(pkg);
      else this.byName.set(name, [pkg]);
    }
  }

  /** The fingerprint crates the package `root` depends on, directly or not. */
  reachable(root: string): Pin[] {
    const start = this.byName.get(root);
    if (!start) return [];
    const pins: Pin[] = [];
    const seen = new Set<LockPackage>();
    const queue = [...start];
    while (queue.length > 0) {
      const pkg = queue.shift()!;
      if (seen.has(pkg)) continue;
      seen.add(pkg);
      if (FINGERPRINTS.includes(pkg.name as FingerprintCrate)) {
        const ref = gitRef(pkg.source);
        pins.push({ name: pkg.name, version: pkg.version, ref, gitRev: !ref && pkg.source?.startsWith('git+') === true });
        // The SDK's own crates need not be walked further.
        continue;
      }
      for (const dep of pkg.dependencies) {
        const [name, version] = dep.split(' ');
        const candidates = this.byName.get(name!) ?? [];
        const chosen = version ? candidates.filter((c) => c.version === version) : candidates;
        queue.push(...chosen);
      }
    }
    return pins;
  }
}

/** `git+https://github.com/paritytech/polkadot-sdk?branch=release-polkadot-v1.9.0#feeec7b` → the branch. */
function gitRef(source: string | null): string | undefined {
  if (!source?.startsWith('git+')) return undefined;
  const m = /[?&](?:branch|tag)=([^#&]+)/.exec(source);
  return m ? decodeURIComponent(m[1]!) : undefined;
}
