// Which polkadot-sdk release a repository's relay chain runs, when its network config does not
// name the binary's release: the relay binary its scripts and CI fetch, and the release the
// parachain itself pins (teams run a relay of the release they build against).

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { releaseNamedIn, releaseOfParachainsCrate } from '../profiles/relay-chains.js';
import { rel } from './workspace.js';

export interface ReleaseHint {
  release: string;
  /** What names it, for evidence. */
  source: string;
  file: string;
  line: number;
}

/** The folder of the Cargo workspace a crate builds in: where its nearest Cargo.lock is (else the repository). */
export function projectRoot(root: string, crateDir: string): string {
  for (let dir = crateDir; dir.startsWith(root); dir = dirname(dir)) {
    if (existsSync(join(dir, 'Cargo.lock'))) return dir;
    if (dir === root) break;
  }
  return root;
}

/**
 * The release a crate pins, from the nearest Cargo.lock: polkadot-runtime-parachains' git branch
 * or tag, else its crates.io version.
 */
export function pinnedRelease(root: string, crateDir: string): ReleaseHint | undefined {
  const lock = join(projectRoot(root, crateDir), 'Cargo.lock');
  let text: string;
  try {
    text = readFileSync(lock, 'utf8');
  } catch {
    return undefined;
  }
  return releaseInLock(text, rel(root, lock));
}

function releaseInLock(text: string, file: string): ReleaseHint | undefined {
  const at = text.indexOf('\nname = "polkadot-runtime-parachains"\n');
  if (at >= 0) {
    const end = text.indexOf('\n\n', at + 1);
    const block = text.slice(at + 1, end < 0 ? undefined : end);
    const version = /^version = "([^"]+)"/m.exec(block)?.[1];
    const source = /^source = "([^"]+)"/m.exec(block)?.[1] ?? '';
    const line = text.slice(0, at + 1).split('\n').length;
    const git = /[?&](?:branch|tag)=([^#&"]+)/.exec(source)?.[1];
    // A git checkout carries the repository's own version numbers, not crates.io's: its branch or tag names the release.
    const release = git ? releaseNamedIn(git) : version ? releaseOfParachainsCrate(version) : undefined;
    if (release) return { release, source: git ? `polkadot-runtime-parachains from ${git}` : `polkadot-runtime-parachains ${version}`, file, line };
  }
  // Older locks: any polkadot(-sdk) git source names its branch.
  const git = /source = "git\+https:\/\/github\.com\/paritytech\/polkadot(?:-sdk)?\?(?:branch|tag)=([^#"]+)/.exec(text);
  const release = git ? releaseNamedIn(git[1]!) : undefined;
  return release && git ? { release, source: `paritytech git ${git[1]}`, file, line: text.slice(0, git.index).split('\n').length } : undefined;
}

/** Variables that hold the relay binary's release (`POLKADOT_VERSION: stable2407`, `POLKADOT_V=v1.1.0`). */
const RELEASE_VARIABLE = /\b((?:POLKADOT|RELAY)[A-Z0-9_]*(?:VERSION|_V|TAG|RELEASE))\s*[:=]\s*["']?([\w.-]+)/gi;
/** Lines that fetch or build a polkadot binary of a named release. */
const FETCHES_POLKADOT = /releases\/download\/polkadot-|parity\/polkadot:|release-polkadot-|polkadot-sdk\.git/;

/**
 * Relay releases the repository's CI workflows and scripts fetch or build (`.github/workflows`,
 * shell scripts, Makefiles, Dockerfiles at the top level or in `scripts/`).
 */
export function scriptedRelayReleases(root: string): ReleaseHint[] {
  const files: string[] = [];
  const list = (dir: string, keep: (name: string) => boolean): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const n of names.sort()) if (keep(n)) files.push(join(dir, n));
  };
  const script = (n: string): boolean => /\.sh$|^Makefile$|^Dockerfile|^docker-compose.*\.ya?ml$/.test(n);
  list(join(root, '.github', 'workflows'), (n) => /\.ya?ml$/.test(n));
  list(root, script);
  list(join(root, 'scripts'), script);
  const hints: ReleaseHint[] = [];
  for (const abs of files) {
    let text: string;
    try {
      text = readFileSync(abs, 'utf8');
    } catch {
      continue;
    }
    if (!/polkadot/i.test(text)) continue;
    const file = rel(root, abs);
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      for (const m of line.matchAll(RELEASE_VARIABLE)) {
        const release = releaseNamedIn(m[2]!);
        if (release) hints.push({ release, source: `${m[1]} = ${m[2]}`, file, line: i + 1 });
      }
      if (FETCHES_POLKADOT.test(line)) {
        const release = releaseNamedIn(line);
        if (release) hints.push({ release, source: line.trim().slice(0, 100), file, line: i + 1 });
      }
    });
  }
  return hints;
}
