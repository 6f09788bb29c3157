// Cargo.toml edits: a dependency added as the manifest writes its siblings (workspace-inherited,
// a git branch, or a version of the release), its `std` feature, and a feature turned on for a
// dependency. Lines are edited as text, so comments, order and formatting stay.

import type { Crate } from '../analysis/workspace.js';
import type { UpgradeStepId } from './upgrade-steps.js';
import type { Changes } from './changes.js';
import { lineEnd, styleOf } from './edits.js';

interface Section {
  name: string;
  /** Offsets of the section's body: after its header line, up to the next header. */
  start: number;
  end: number;
}

function sections(text: string): Section[] {
  const out: Section[] = [];
  const re = /^[ \t]*\[([^\[\]\n]+)\][ \t]*(#.*)?\r?$/gm;
  let m: RegExpExecArray | null;
  let prev: Section | null = null;
  while ((m = re.exec(text))) {
    if (prev) prev.end = m.index;
    prev = { name: m[1]!.trim(), start: lineEnd(text, m.index), end: text.length };
    out.push(prev);
  }
  return out;
}

/** A `key = ..` line of a section: its offsets and text (one line only). */
function entry(text: string, section: Section, key: string): { start: number; end: number; line: string } | undefined {
  const body = text.slice(section.start, section.end);
  const m = new RegExp(`^[ \\t]*"?${key.replace(/[-.]/g, (c) => `\\${c}`)}"?[ \\t]*=.*$`, 'm').exec(body);
  if (!m) return undefined;
  const start = section.start + m.index;
  return { start, end: start + m[0].length, line: m[0].replace(/\r$/, '') };
}

/** Dependencies whose entry the new one copies, nearest in kind first. */
const SIBLINGS = ['cumulus-primitives-core', 'cumulus-pallet-parachain-system', 'cumulus-pallet-aura-ext', 'cumulus-client-consensus-aura', 'cumulus-primitives-timestamp'];

/** A manifest that holds `[workspace.dependencies]` (a virtual workspace's has no package). */
export type WorkspaceManifest = Pick<Crate, 'manifestRel' | 'manifestText'>;

export interface DependencyRequest {
  pkg: string;
  /** The release's version of it, for manifests that pin versions. */
  version: string | null;
  /** Add `"<pkg>/std"` to the crate's `std` feature (runtimes). */
  std: boolean;
  step: UpgradeStepId;
}

/** A dependency entry as written: the version it asks for, if it names one (a git entry does not). */
export interface AddedDependency {
  requirement: string | null;
}

/**
 * Adds `pkg` to `crate`'s [dependencies] as its sibling entry is written (and, for an entry
 * inherited from the workspace, to [workspace.dependencies] of `root`), with its std feature.
 * Returns null (and leaves a manual step) when the manifest's style is not one it can follow.
 */
export function addDependency(changes: Changes, crate: Crate, root: WorkspaceManifest | null, req: DependencyRequest): AddedDependency | null {
  const text = crate.manifestText;
  const deps = sections(text).find((s) => s.name === 'dependencies');
  const sibling = deps && SIBLINGS.map((k) => ({ k, e: entry(text, deps, k) })).find((x) => x.e);
  const manual = (why: string) => {
    changes.leave(req.step, crate.manifestRel, null, `${why}; add \`${req.pkg}\`${req.version ? ` ${req.version}` : ''} to its [dependencies]${req.std ? ` and "${req.pkg}/std" to its std feature` : ''}.`);
    return null;
  };
  if (!deps || !sibling?.e) return manual(`${crate.manifestRel} has no cumulus dependency written on one line to model the new one on`);
  const style = styleOf(text);
  const line = copyEntry(sibling.e.line, sibling.k, req.pkg, req.version);
  if (!line) return manual(`${crate.manifestRel} writes ${sibling.k} in a form upgrade does not copy`);
  let written = line;
  if (/workspace\s*=\s*true/.test(line)) {
    if (!root || root.manifestRel === crate.manifestRel) return manual(`${crate.manifestRel} inherits ${sibling.k} from a workspace upgrade cannot find`);
    const ws = sections(root.manifestText).find((s) => s.name === 'workspace.dependencies');
    const wsEntry = ws && entry(root.manifestText, ws, req.pkg);
    if (wsEntry) written = wsEntry.line;
    else {
      const wsSibling = ws && SIBLINGS.map((k) => ({ k, e: entry(root.manifestText, ws, k) })).find((x) => x.e);
      const wsLine = wsSibling?.e && copyEntry(wsSibling.e.line, wsSibling.k, req.pkg, req.version);
      if (!wsSibling?.e || !wsLine) return manual(`${root.manifestRel} has no [workspace.dependencies] entry upgrade can model ${req.pkg} on`);
      insertBeside(changes, req.step, root.manifestRel, root.manifestText, wsSibling.e, wsSibling.k, req.pkg, wsLine);
      written = wsLine;
    }
  }
  insertBeside(changes, req.step, crate.manifestRel, text, sibling.e, sibling.k, req.pkg, line);
  if (req.std) addToFeature(changes, req.step, crate, 'std', `${req.pkg}/std`, style.eol);
  const requirement = /\bversion\s*=\s*"([^"]*)"/.exec(written)?.[1] ?? /=\s*"([^"]*)"\s*$/.exec(written)?.[1] ?? null;
  return { requirement };
}

/** The sibling's entry with the new package's name (and the release's version when it pins one). */
function copyEntry(line: string, from: string, to: string, version: string | null): string | null {
  if (/\bpackage\s*=/.test(line)) return null;
  let out = line.replace(new RegExp(`^([ \\t]*"?)${from.replace(/-/g, '\\-')}("?)`), `$1${to}$2`);
  out = out.replace(/,?\s*features\s*=\s*\[[^\]]*\]/, '');
  const pinned = /\bversion\s*=\s*"[^"]*"/.test(out) || /=\s*"[^"]*"\s*$/.test(out);
  if (pinned) {
    if (!version) return null;
    out = out.replace(/\bversion\s*=\s*"[^"]*"/, `version = "${version}"`).replace(/=\s*"[^"]*"\s*$/, `= "${version}"`);
  }
  // `path = ".."` entries name another crate's folder: not something to copy.
  if (/\bpath\s*=/.test(out)) return null;
  return out.replace(/\{\s*,\s*/, '{ ');
}

/** The new line before or after the sibling, whichever keeps alphabetical order. */
function insertBeside(changes: Changes, step: UpgradeStepId, file: string, text: string, sibling: { start: number; end: number }, siblingKey: string, key: string, line: string): void {
  const eol = styleOf(text).eol;
  if (key < siblingKey) changes.edit(step, file, sibling.start, sibling.start, line + eol);
  else {
    const end = lineEnd(text, sibling.end);
    changes.edit(step, file, end, end, line + eol);
  }
}

/** Adds `value` to the `[features]` list `feature`, beside a cumulus sibling, as the list is written. */
export function addToFeature(changes: Changes, step: UpgradeStepId, crate: Crate, feature: string, value: string, eol: string): void {
  const text = crate.manifestText;
  const features = sections(text).find((s) => s.name === 'features');
  if (!features) return;
  const body = text.slice(features.start, features.end);
  const m = new RegExp(`^[ \\t]*${feature}[ \\t]*=[ \\t]*\\[`, 'm').exec(body);
  if (!m) return;
  const open = features.start + m.index + m[0].length;
  const close = text.indexOf(']', open);
  if (close < 0) return;
  const list = text.slice(open, close);
  if (list.includes(`"${value}"`)) return;
  const items = [...list.matchAll(/"([^"]*)"/g)].map((x) => ({ text: x[1]!, at: open + x.index! }));
  const multiline = list.includes('\n');
  const after = [...items].reverse().find((i) => i.text < value);
  const before = items.find((i) => i.text > value);
  if (multiline) {
    const anchor = after ?? before;
    if (!anchor) return;
    const lineStartAt = text.lastIndexOf('\n', anchor.at) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStartAt))![0];
    if (after) {
      const end = lineEnd(text, after.at);
      changes.edit(step, crate.manifestRel, end, end, `${indent}"${value}",${eol}`);
    } else changes.edit(step, crate.manifestRel, lineStartAt, lineStartAt, `${indent}"${value}",${eol}`);
  } else if (before) changes.edit(step, crate.manifestRel, before.at, before.at, `"${value}", `);
  else if (after) changes.edit(step, crate.manifestRel, after.at + after.text.length + 2, after.at + after.text.length + 2, `, "${value}"`);
  else changes.edit(step, crate.manifestRel, open, open, `"${value}"`);
}

/**
 * Declares feature `name` = `values` in `crate`'s [features] (after its last entry, or in a new
 * [features] table), or adds the values to the list when the feature is already declared.
 */
export function declareFeature(changes: Changes, step: UpgradeStepId, crate: Crate, name: string, values: string[]): void {
  const text = crate.manifestText;
  const eol = styleOf(text).eol;
  if (name in crate.features) {
    for (const v of values) if (!crate.features[name]!.includes(v)) addToFeature(changes, step, crate, name, v, eol);
    return;
  }
  const line = `${name} = [${values.map((v) => `"${v}"`).join(', ')}]`;
  const features = sections(text).find((s) => s.name === 'features');
  if (!features) {
    const sep = text === '' || text.endsWith('\n') ? '' : eol;
    changes.edit(step, crate.manifestRel, text.length, text.length, `${sep}${eol}[features]${eol}${line}${eol}`);
    return;
  }
  // After the section's last non-blank line, so blank lines before the next table stay.
  const body = text.slice(features.start, features.end);
  const end = features.start + body.replace(/\s+$/, '').length;
  const at = end === features.start ? features.start : lineEnd(text, end - 1);
  const lastLineEnds = at > 0 && text[at - 1] === '\n';
  changes.edit(step, crate.manifestRel, at, at, lastLineEnds ? `${line}${eol}` : `${eol}${line}`);
}

/** Turns on `feature` of dependency `pkg` in `crate`'s manifest (or the workspace's entry it inherits). */
export function enableDependencyFeature(changes: Changes, step: UpgradeStepId, crate: Crate, pkg: string, feature: string): boolean {
  if ([...crate.deps.values()].some((d) => d.pkg === pkg && d.features.includes(feature))) return true;
  const text = crate.manifestText;
  const deps = sections(text).find((s) => s.name === 'dependencies');
  const e = deps && entry(text, deps, pkg);
  if (!e) {
    changes.leave(step, crate.manifestRel, null, `turn on feature "${feature}" of ${pkg} in ${crate.manifestRel} (upgrade cannot find its one-line entry).`);
    return false;
  }
  if (new RegExp(`"${feature}"`).test(e.line)) return true;
  const features = /features\s*=\s*\[([^\]]*)\]/.exec(e.line);
  if (features) {
    const at = e.start + features.index + features[0].length - 1;
    const sep = features[1]!.trim() === '' ? '' : features[1]!.trim().endsWith(',') ? ' ' : ', ';
    changes.edit(step, crate.manifestRel, at, at, `${sep}"${feature}"`);
    return true;
  }
  const brace = e.line.lastIndexOf('}');
  if (brace < 0) {
    changes.leave(step, crate.manifestRel, null, `turn on feature "${feature}" of ${pkg} in ${crate.manifestRel}.`);
    return false;
  }
  const before = e.line.slice(0, brace).replace(/\s+$/, '');
  const at = e.start + before.length;
  changes.edit(step, crate.manifestRel, at, at, `, features = ["${feature}"]`);
  return true;
}
