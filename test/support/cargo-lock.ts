// Reads a Cargo.lock into packages whose dependencies point at each other, resolving each
// dependency string ("name", "name version", "name version (source)") as cargo does. Used by the
// lock checker of the suite and by scripts/lock-data.ts.

import { parse } from 'smol-toml';
import type { LockPackage } from '../../src/render/cargo-lock-format.js';

export interface ParsedLock {
  version: number;
  packages: LockPackage[];
}

interface RawPackage {
  name: string;
  version: string;
  source?: string;
  checksum?: string;
  dependencies?: string[];
}

/** Throws with a sentence naming the package when a dependency string matches no entry, or several. */
export function parseCargoLock(text: string): ParsedLock {
  const doc = parse(text) as { version?: number; package?: RawPackage[] };
  const raw = doc.package ?? [];
  const packages: LockPackage[] = raw.map((p) => ({
    name: p.name,
    version: p.version,
    ...(p.source === undefined ? {} : { source: p.source }),
    ...(p.checksum === undefined ? {} : { checksum: p.checksum }),
    dependencies: [],
  }));
  const byName = new Map<string, LockPackage[]>();
  for (const p of packages) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
  raw.forEach((p, i) => {
    packages[i]!.dependencies = (p.dependencies ?? []).map((spec) => {
      const match = /^(\S+)(?: (\S+))?(?: \((.+)\))?$/.exec(spec);
      if (!match) throw new Error(`${p.name} ${p.version}: cannot read dependency ${JSON.stringify(spec)}`);
      const [, name, version, source] = match;
      const candidates = (byName.get(name!) ?? []).filter((c) => (version === undefined || c.version === version) && (source === undefined || withoutPrecise(c.source) === source));
      if (candidates.length !== 1) {
        throw new Error(`${p.name} ${p.version}: dependency ${JSON.stringify(spec)} matches ${candidates.length} packages of the lock, not one`);
      }
      return candidates[0]!;
    });
  });
  return { version: doc.version ?? 1, packages };
}

// A dependency names a git source without its commit (`#…`), as cargo writes it.
function withoutPrecise(source: string | undefined): string | undefined {
  return source?.replace(/#.*$/, '');
}

/** `name version`, how messages name a package. */
export function packageLabel(p: { name: string; version: string }): string {
  return `${p.name} ${p.version}`;
}
