// Fragment regions: the marked parts of generated files that `regen` may rewrite. Everything
// outside a region belongs to the user.

import { contentHash } from './content-hash.js';
import { FragmentError, quote } from '../errors.js';
import { FRAGMENTS, type Fragment } from './fragment-names.js';
import { CARGO_LOCK_PATH } from '../render/cargo-lock.js';

export interface Region {
  /** `<fragment>/<name>`, unique within its file; a whole-file fragment is just `<fragment>`. */
  id: string;
  fragment: Fragment;
  /** 1-based line numbers of the begin and end markers (0 for a whole-file region). */
  beginLine: number;
  endLine: number;
  /** The text between the markers (or the whole file), with its line breaks. */
  body: string;
}

const MARKER = /^\s*(\/\/|#)\s*async-parachain:(begin|end)\s+(\S+)\s*$/;

/**
 * Files that are one whole fragment: JSON has no comments to hold markers, the README describes
 * the rest of the tree, and Cargo.lock is cargo's. Every other file shows its regions by markers,
 * and text outside them is the user's.
 */
export function wholeFileFragment(path: string): Fragment | null {
  if (path === 'README.md') return 'readme';
  // The lock goes with the fragment that chooses the runtime's Cargo features (regen.ts writes it
  // only when the dependency graph it locks changes).
  if (path === CARGO_LOCK_PATH) return 'async-backing';
  if (path.startsWith('zombienet/') && path.endsWith('.json')) return 'zombienet';
  // The core-assignment script of elastic scaling is ours from top to bottom.
  if (path === 'zombienet/assign-cores.js') return 'zombienet';
  return null;
}

/** Finds every region of a file; throws a FragmentError for unbalanced or unknown markers. */
export function findRegions(path: string, text: string): Region[] {
  const whole = wholeFileFragment(path);
  if (whole) return [{ id: whole, fragment: whole, beginLine: 0, endLine: 0, body: text }];
  if (!text.includes('async-parachain:')) return [];
  const lines = text.split('\n');
  const regions: Region[] = [];
  let open: { id: string; fragment: Fragment; line: number } | null = null;
  lines.forEach((line, index) => {
    const match = MARKER.exec(line);
    if (!match) return;
    const [, , kind, id = ''] = match;
    const lineNo = index + 1;
    if (kind === 'begin') {
      if (open) throw new FragmentError(`${path}:${open.line}: region ${open.id} has no end marker before region ${id} begins at line ${lineNo}.`);
      const fragment = id.split('/')[0] as Fragment;
      if (!(FRAGMENTS as readonly string[]).includes(fragment)) throw new FragmentError(`${path}:${lineNo}: unknown fragment ${quote(fragment)} in marker.`);
      if (regions.some((r) => r.id === id)) throw new FragmentError(`${path}:${lineNo}: region ${id} appears twice.`);
      open = { id, fragment, line: lineNo };
    } else {
      if (!open || open.id !== id) throw new FragmentError(`${path}:${lineNo}: end marker for ${id} has no matching begin marker.`);
      const body = lines.slice(open.line, index).join('\n');
      regions.push({ id, fragment: open.fragment, beginLine: open.line, endLine: lineNo, body });
      open = null;
    }
  });
  if (open) {
    const { id, line } = open as { id: string; line: number };
    throw new FragmentError(`${path}:${line}: region ${id} has no end marker.`);
  }
  return regions;
}

/** The fingerprint the manifest records for a region's text. */
export function hashText(text: string): string {
  return contentHash(text);
}

/** `{ file: { regionId: hash } }` for every file that has regions. */
export function fragmentHashes(files: ReadonlyMap<string, string>): Record<string, Record<string, string>> {
  const result: Record<string, Record<string, string>> = {};
  for (const [path, text] of files) {
    const regions = findRegions(path, text);
    if (regions.length === 0) continue;
    result[path] = Object.fromEntries(regions.map((r) => [r.id, hashText(r.body)]));
  }
  return sortByFile(result);
}

/** One key order for the manifest's fragment map, wherever it is written. */
export function sortByFile<T>(byFile: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(byFile).sort().map((k) => [k, byFile[k]!]));
}
