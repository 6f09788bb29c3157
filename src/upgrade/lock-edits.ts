// Cargo.lock edits: a dependency that upgrade adds to a workspace crate is recorded in the lock as
// cargo itself would (`cargo update --workspace` adds the same line), so a team that builds with
// `--locked` gets a patch that builds. Only an edge to a package already in the lock is written;
// a package the lock lacks needs resolving against the registry, which is left to the team.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Changes } from './changes.js';
import type { UpgradeStepId } from './upgrade-steps.js';
import { styleOf } from './edits.js';

interface LockPackage {
  name: string;
  version: string;
  source: string | null;
  /** The `dependencies = [ .. ]` list: offsets of its body (after `[`, before `]`). */
  deps: { open: number; close: number } | null;
}

export interface LockEdge {
  /** Repository-relative manifest that holds the workspace (or the crate's own when it has none). */
  workspaceManifestRel: string;
  /** The workspace crate that gained the dependency. */
  member: string;
  pkg: string;
  /** The version the manifest asks for, when upgrade wrote one (caret requirement). */
  version: string | null;
  step: UpgradeStepId;
}

/** Adds `edge.pkg` to the member's `dependencies` in the workspace's Cargo.lock, when there is one. */
export function recordInLock(changes: Changes, root: string, edge: LockEdge): void {
  const lockRel = join(dirname(edge.workspaceManifestRel), 'Cargo.lock');
  const path = join(root, lockRel);
  if (!existsSync(path)) return; // cargo writes a new lock on the first build
  const text = readFileSync(path, 'utf8');
  const manual = (why: string) =>
    changes.leave(edge.step, lockRel, null, `${why}; run \`cargo update --workspace\` to record ${edge.pkg} for ${edge.member} without updating any other crate.`);
  // Format 1 (before 2020) writes every dependency with its version and source; cargo rewrites it anyway.
  if (/^\[metadata\]/m.test(text)) return manual(`${lockRel} is in cargo's first lock format, which upgrade does not edit`);
  const packages = lockPackages(text);
  const member = packages.find((p) => p.name === edge.member && p.source === null);
  if (!member) return manual(`${lockRel} has no entry for ${edge.member}`);
  const candidates = packages.filter((p) => p.name === edge.pkg && (edge.version === null || caretMatches(edge.version, p.version)));
  if (candidates.length !== 1) {
    return manual(candidates.length === 0 ? `${lockRel} does not hold ${edge.pkg}${edge.version ? ` ${edge.version}` : ''} yet` : `${lockRel} holds more than one ${edge.pkg} that could be meant`);
  }
  const id = encodedId(candidates[0]!, packages);
  if (!member.deps) return manual(`${lockRel} lists no dependencies for ${edge.member}`);
  const body = text.slice(member.deps.open, member.deps.close);
  const entries = [...body.matchAll(/"([^"]*)"/g)].map((m) => ({ id: m[1]!, at: member.deps!.open + m.index! }));
  if (entries.some((e) => e.id.split(' ')[0] === edge.pkg)) return;
  const eol = styleOf(text).eol;
  const next = entries.find((e) => e.id.split(' ')[0]! > edge.pkg);
  if (next) {
    const lineStart = text.lastIndexOf('\n', next.at) + 1;
    changes.edit(edge.step, lockRel, lineStart, lineStart, ` "${id}",${eol}`);
  } else {
    // After the last entry: before the line that closes the list.
    const lineStart = text.lastIndexOf('\n', member.deps.close) + 1;
    changes.edit(edge.step, lockRel, lineStart, lineStart, ` "${id}",${eol}`);
  }
}

/** The `[[package]]` tables of a lock in format 2 or later, with the span of each dependency list. */
function lockPackages(text: string): LockPackage[] {
  const out: LockPackage[] = [];
  const starts = [...text.matchAll(/^\[\[package\]\][ \t]*\r?$/gm)].map((m) => m.index!);
  starts.forEach((start, i) => {
    const end = starts[i + 1] ?? text.length;
    const table = text.slice(start, end);
    const field = (key: string) => new RegExp(`^${key}[ \\t]*=[ \\t]*"([^"]*)"`, 'm').exec(table)?.[1] ?? null;
    const name = field('name');
    const version = field('version');
    if (!name || !version) return;
    const list = /^dependencies[ \t]*=[ \t]*\[/m.exec(table);
    let deps: LockPackage['deps'] = null;
    if (list) {
      const open = start + list.index + list[0].length;
      const close = text.indexOf(']', open);
      if (close > 0 && close < end) deps = { open, close };
    }
    out.push({ name, version, source: field('source'), deps });
  });
  return out;
}

/** How cargo names a package in a dependency list: by name alone unless other versions or sources share it. */
function encodedId(p: LockPackage, all: LockPackage[]): string {
  const sameName = all.filter((q) => q.name === p.name);
  if (sameName.length === 1) return p.name;
  const sameVersion = sameName.filter((q) => q.version === p.version);
  if (sameVersion.length === 1 || !p.source) return `${p.name} ${p.version}`;
  return `${p.name} ${p.version} (${p.source.replace(/#.*$/, '')})`;
}

/** Whether `version` satisfies the caret requirement `requirement` (cargo's default for "x.y.z"). */
export function caretMatches(requirement: string, version: string): boolean {
  const parse = (v: string) => v.split(/[-+]/)[0]!.split('.').map((n) => Number(n));
  const req = parse(requirement);
  const ver = parse(version);
  if (req.some(Number.isNaN) || ver.some(Number.isNaN)) return false;
  const [rMajor = 0, rMinor = 0, rPatch = 0] = req;
  const [vMajor = 0, vMinor = 0, vPatch = 0] = ver;
  // The leftmost non-zero part of the requirement must stay the same, and the version be no lower.
  if (vMajor !== rMajor) return false;
  if (rMajor === 0 && req.length > 1 && vMinor !== rMinor) return false;
  if (rMajor === 0 && rMinor === 0 && req.length > 2 && vPatch !== rPatch) return false;
  return vMinor > rMinor || (vMinor === rMinor && vPatch >= rPatch);
}
