// crates.io's index as cargo caches it (CARGO_HOME/registry/index/*/.cache): each version's
// checksum, yank state and publish time, read after cargo has resolved (it caches what it reads).

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface IndexVersion {
  vers: string;
  cksum: string;
  yanked: boolean;
  pubtime?: string;
}
export function indexVersions(name: string): IndexVersion[] {
  const registryIndex = join(process.env.CARGO_HOME ?? join(homedir(), '.cargo'), 'registry', 'index');
  const lower = name.toLowerCase();
  const prefix = lower.length <= 2 ? String(lower.length) : lower.length === 3 ? `3/${lower[0]}` : `${lower.slice(0, 2)}/${lower.slice(2, 4)}`;
  for (const index of existsSync(registryIndex) ? readdirSync(registryIndex) : []) {
    const file = join(registryIndex, index, '.cache', prefix, lower);
    if (!existsSync(file)) continue;
    // Cargo's cache file: a header, then NUL-separated pairs of version and JSON line.
    return readFileSync(file, 'latin1')
      .split('\0')
      .filter((part) => part.startsWith('{'))
      .map((json) => JSON.parse(Buffer.from(json, 'latin1').toString('utf8')) as IndexVersion);
  }
  return [];
}

/** The versions one semver-compatible range spans: `1.x`, `0.3.x`, `0.0.4`. */
export function semverRange(version: string): string {
  const [major, minor, patch] = version.split(/[.+-]/).map(Number) as [number, number, number];
  return major > 0 ? `${major}` : minor > 0 ? `0.${minor}` : `0.0.${patch}`;
}
