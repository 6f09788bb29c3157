// Regenerates fragments of an existing project: renders the whole project in memory with the
// old and the new settings, then splices into the files on disk only the selected regions whose
// generated text changes. Text outside regions is never touched; a region edited by hand whose
// generated text changes is a conflict (refused unless --force, which saves a copy first); a
// region edited by hand whose generated text stays the same is left as the user wrote it. All
// files change together or not at all, each in its own line endings.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { renderSources, type FileTree } from '../render/render-project.js';
import { CARGO_LOCK_PATH, lockShape } from '../render/cargo-lock.js';
import { carryOver, originsOf, resolveSettings } from '../settings/resolve.js';
import type { PartialSettings, SettingKey, Settings } from '../settings/schema.js';
import { FragmentError, quote } from '../errors.js';
import { FRAGMENTS, type Fragment } from './fragment-names.js';
import { findRegions, hashText, sortByFile, type Region } from './fragments.js';
import { BACKUP_DIR, describeWriteError, writeWithBackups } from './atomic-write.js';
import { MANIFEST_PATH, orderedSettings, serializeManifest, type Manifest } from './manifest.js';
import { checkCrateNames, readManifest } from './read-manifest.js';
import { TOOL_VERSION } from '../version.js';

export interface RegenRequest {
  root: string;
  /** Marked fragments to rewrite; `all` also rewrites an edited README. */
  fragments: readonly Fragment[] | 'all';
  flags: PartialSettings;
  force: boolean;
  dryRun: boolean;
}

/** A region of a file, as messages and `--json` name it. */
export interface FragmentRef {
  file: string;
  fragment: string;
}

export interface RegenResult {
  settings: Settings;
  warnings: string[];
  /** Files whose bytes change (or would, with --dry-run), manifest included. */
  changed: string[];
  /** Regions rewritten, as `file#region`. */
  regions: string[];
  /** Regions edited by hand whose generated text changes: replaced with --force, else refused. */
  conflicts: FragmentRef[];
  /** Folder holding copies of hand-edited files replaced under --force. */
  backup: string | null;
  diff: string;
  /** With --dry-run: the sentence a real run would refuse with (exit 1), or null. */
  refusal: string | null;
}

/** Settings that shape the whole tree, not just fragments: a new project is needed to change them. */
const STRUCTURAL: readonly SettingKey[] = ['name', 'sdk', 'omniNode', 'templatePallet', 'zombienetFormat'];

/** A file as read from the project: its text with `\n` line ends, and whether it had `\r\n`. */
interface DiskText {
  text: string;
  crlf: boolean;
}

function readDisk(absolute: string): DiskText | null {
  if (!existsSync(absolute)) return null;
  const raw = readFileSync(absolute, 'utf8');
  const crlf = raw.includes('\r\n');
  return { text: crlf ? raw.replace(/\r\n/g, '\n') : raw, crlf };
}

export function regenerate(request: RegenRequest): RegenResult {
  const { manifest, settings: before, origins } = readManifest(request.root);
  checkCrateNames(request.root, before);
  const { settings, warnings } = resolveSettings(carryOver(before, request.flags, true), {
    ...origins,
    ...originsOf(request.flags, { source: 'flag' }),
  });
  for (const key of STRUCTURAL) {
    if (settings[key] !== before[key]) {
      throw new FragmentError(`regen cannot change ${key} (${quote(before[key])} → ${quote(settings[key])}): it reshapes the whole project, so generate a new one.`);
    }
  }
  warnings.push(...changeWarnings(before, settings));

  const all = request.fragments === 'all';
  const selected = new Set<string>(all ? FRAGMENTS : request.fragments);
  // The lock follows only the settings its dependency shape follows (structural today, so regen
  // leaves it alone); it is rendered only when those change.
  const cargoLock = lockShape(before) !== lockShape(settings) || before.sdk !== settings.sdk || before.name !== settings.name;
  const rendered = renderSources(settings, { cargoLock });
  const previous = renderSources(before, { cargoLock }).files;
  const edit = new PendingEdits(request.root);
  const conflicts: FragmentRef[] = [];
  const left: FragmentRef[] = [];
  const rewritten: string[] = [];
  const hashes = structuredClone(manifest.fragments);

  for (const [path, text] of rendered.files) {
    const regions = findRegions(path, text);
    if (regions.length === 0) continue;
    const old = previous.get(path);
    const generatedBefore = new Map(old === undefined ? [] : findRegions(path, old).map((r) => [r.id, r.body]));
    const generationChanges = (r: Region) => generatedBefore.get(r.id) !== r.body;
    // Regions left out of this regen whose generated text the new settings change.
    for (const r of regions) if (!selected.has(r.fragment) && generatedBefore.has(r.id) && generationChanges(r)) left.push({ file: path, fragment: r.id });
    // The lock is cargo's and the team's (`cargo update`, new dependencies): regen writes it only
    // when the dependency graph it was generated for changes, never to restore or refresh it.
    if (path === CARGO_LOCK_PATH && !regions.some(generationChanges)) continue;
    const wanted = regions.filter((r) => selected.has(r.fragment));
    if (wanted.length === 0) continue;
    const disk = edit.read(path);
    if (disk === null) {
      // A whole-file fragment (a JSON network) can be recreated; a file with regions holds user text.
      if (!(wanted.length === 1 && wanted[0]!.beginLine === 0)) {
        throw new FragmentError(`${path} is missing: regen rewrites the marked regions of existing files and cannot restore the rest of it.`);
      }
      edit.set(path, text);
      hashes[path] = { [wanted[0]!.id]: hashText(text) };
      rewritten.push(`${path}#${wanted[0]!.id}`);
      continue;
    }
    const found = findRegions(path, disk.text);
    const splices: Splice[] = [];
    for (const region of wanted) {
      const current = found.find((r) => r.id === region.id);
      if (!current) {
        throw new FragmentError(`${path} has no markers for fragment ${region.id}: restore its "async-parachain:begin ${region.id}" and "async-parachain:end ${region.id}" lines, or regenerate the project.`);
      }
      if (current.body === region.body) continue;
      const edited = !matchesRecorded(manifest, path, current, disk.text);
      // The user's version of a fragment whose generated text stays the same is theirs to keep.
      if (edited && !generationChanges(region)) continue;
      if (edited) conflicts.push({ file: path, fragment: region.id });
      splices.push({ region, old: current });
    }
    if (splices.length === 0) continue;
    edit.set(path, splice(disk.text, splices));
    const fileHashes = (hashes[path] = keepRegions(hashes[path], found));
    for (const { region } of splices) {
      fileHashes[region.id] = hashText(region.body);
      rewritten.push(`${path}#${region.id}`);
    }
  }

  const readme = regenerateReadme(rendered.readme, edit, hashes, manifest, all);
  if (readme.conflict) conflicts.push(readme.conflict);
  if (readme.rewritten) rewritten.push(readme.rewritten);
  if (readme.left) warnings.push(`README.md was edited by hand, so it still describes the old settings; run regen all --force to replace it (a copy is saved first).`);

  const refusals = [
    ...(left.length > 0 ? [leftSentence(left, selected)] : []),
    ...(conflicts.length > 0 && !request.force ? [conflictSentence(conflicts)] : []),
  ];
  if (refusals.length > 0 && !request.dryRun) {
    throw new FragmentError(refusals.join(' '), { conflicts, left });
  }

  const manifestChanges = edit.size() > 0 || JSON.stringify(manifest.settings) !== JSON.stringify(orderedSettings(settings));
  if (manifestChanges) {
    const next: Manifest = { ...manifest, version: TOOL_VERSION, profile: settings.sdk, settings: orderedSettings(settings), fragments: sortByFile(hashes) };
    edit.set(MANIFEST_PATH, serializeManifest(next));
  }

  const changed = edit.changedPaths();
  const diff = changed.map((p) => createTwoFilesPatch(`a/${p}`, `b/${p}`, edit.before(p), edit.after(p), '', '', { context: 3 })).join('');
  let backup: string | null = null;
  if (!request.dryRun && changed.length > 0) {
    try {
      backup = writeWithBackups(request.root, edit.bytes(changed), conflicts.map((c) => c.file));
    } catch (error) {
      throw describeWriteError(error, `Cannot write the regenerated files in ${request.root}`, 'every file was left as it was');
    }
  }
  return { settings, warnings, changed, regions: rewritten, conflicts, backup, diff, refusal: refusals.length > 0 ? refusals.join(' ') : null };
}

/** The files a regen reads and the new text of those it changes, each kept in its own line endings. */
class PendingEdits {
  private readonly disk = new Map<string, DiskText | null>();
  private readonly next = new Map<string, string>();
  constructor(private readonly root: string) {}

  read(path: string): DiskText | null {
    if (!this.disk.has(path)) this.disk.set(path, readDisk(join(this.root, path)));
    return this.disk.get(path)!;
  }
  /** The file's text as this regen leaves it (`\n` line ends), or as it is. */
  current(path: string): string | undefined {
    return this.next.get(path) ?? this.read(path)?.text;
  }
  set(path: string, text: string): void {
    this.read(path);
    this.next.set(path, text);
  }
  size(): number {
    return this.next.size;
  }
  changedPaths(): string[] {
    return [...this.next.keys()].filter((p) => this.next.get(p) !== this.read(p)?.text).sort();
  }
  before(path: string): string {
    return this.read(path)?.text ?? '';
  }
  after(path: string): string {
    return this.next.get(path)!;
  }
  /** New texts to write, in each file's own line endings. */
  bytes(paths: readonly string[]): Map<string, string> {
    return new Map(paths.map((p) => [p, this.read(p)?.crlf ? this.after(p).replace(/\n/g, '\r\n') : this.after(p)]));
  }
}

/**
 * Whether a region on disk is what was generated. A file that used to be one whole fragment
 * (smoke.zndsl before its markers counted) is judged by the hash recorded for the whole file.
 */
function matchesRecorded(manifest: Manifest, path: string, region: Region, fileText: string): boolean {
  const recorded = manifest.fragments[path];
  if (recorded?.[region.id] !== undefined) return recorded[region.id] === hashText(region.body);
  const whole = recorded?.[region.fragment];
  return whole !== undefined && whole === hashText(fileText);
}

/** A file's recorded hashes, without those of regions the file no longer has. */
function keepRegions(recorded: Record<string, string> | undefined, found: Region[]): Record<string, string> {
  const ids = new Set(found.map((r) => r.id));
  return Object.fromEntries(Object.entries(recorded ?? {}).filter(([id]) => ids.has(id)));
}

function listRefs(refs: readonly FragmentRef[]): string {
  return refs.map((r) => (r.fragment === 'readme' ? r.file : `${r.file} (fragment ${r.fragment})`)).join(', ');
}

function conflictSentence(conflicts: readonly FragmentRef[]): string {
  const count = conflicts.length === 1 ? 'a fragment' : `${conflicts.length} fragments`;
  return `regen would replace ${count} edited by hand since generated: ${listRefs(conflicts)}; pass --force to replace them after saving a copy under ${BACKUP_DIR}/.`;
}

// A partial regen never leaves the project half at the new settings: the manifest must describe the files.
function leftSentence(left: readonly FragmentRef[], selected: ReadonlySet<string>): string {
  const missing = FRAGMENTS.filter((f) => !selected.has(f) && left.some((r) => r.fragment.split('/')[0] === f));
  return `The new settings also change ${listRefs(left)}, outside the fragments asked for: add ${missing.join(' ')} to the command (or run regen all), so the project does not stay half at the old settings.`;
}

function changeWarnings(before: Settings, after: Settings): string[] {
  const warnings: string[] = [];
  if (after.slotDurationMs !== before.slotDurationMs) {
    warnings.push(
      `changing the Aura slot duration from ${before.slotDurationMs} ms to ${after.slotDurationMs} ms can halt a running chain (pallet_aura requires it not to change while the chain runs, and a longer slot makes slot numbers go down): ship it only as a planned runtime upgrade.`,
    );
  }
  if (after.blockTimeMs !== before.blockTimeMs) {
    warnings.push(
      `the block time changes from ${before.blockTimeMs} ms to ${after.blockTimeMs} ms: durations counted in blocks (MINUTES, HOURS, DAYS, block numbers stored on chain) change length with it; see "Timing by block number" in the README.`,
    );
  }
  if (after.phase < before.phase) warnings.push(`moving back from phase ${before.phase} to phase ${after.phase}.`);
  return warnings;
}

interface Splice {
  region: Region;
  old: Region;
}

// Replaces each region's body; regions are applied bottom-up so earlier line numbers hold.
function splice(text: string, splices: Splice[]): string {
  if (splices.length === 1 && splices[0]!.old.beginLine === 0) return splices[0]!.region.body;
  const lines = text.split('\n');
  for (const { region, old } of [...splices].sort((a, b) => b.old.beginLine - a.old.beginLine)) {
    const body = region.body === '' ? [] : region.body.split('\n');
    lines.splice(old.beginLine, old.endLine - old.beginLine - 1, ...body);
  }
  return lines.join('\n');
}

interface ReadmeOutcome {
  rewritten?: string;
  conflict?: FragmentRef;
  /** Edited by hand and out of date, left as it is by a partial regen. */
  left?: boolean;
}

// The README shows the settings and maps guide steps to lines, so it is rendered from the files
// as this regen leaves them. An edited README is replaced only by `regen all` (a conflict).
function regenerateReadme(
  readme: (files: FileTree) => string,
  edit: PendingEdits,
  hashes: Manifest['fragments'],
  manifest: Manifest,
  all: boolean,
): ReadmeOutcome {
  const path = 'README.md';
  const tree: FileTree = new Map();
  for (const file of Object.keys(manifest.fragments)) {
    const text = edit.current(file);
    if (text !== undefined) tree.set(file, text);
  }
  const text = readme(tree);
  const existing = edit.read(path);
  if (existing?.text === text) return {};
  const edited = existing !== null && manifest.fragments[path]?.readme !== hashText(existing.text);
  if (edited && !all) return { left: true };
  edit.set(path, text);
  (hashes[path] ??= {}).readme = hashText(text);
  return { rewritten: `${path}#readme`, ...(edited ? { conflict: { file: path, fragment: 'readme' } } : {}) };
}
