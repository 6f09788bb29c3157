// Regenerates fragments of an existing project: renders the whole project in memory with the
// new settings, then splices only the selected regions into the files on disk. Text outside
// regions is never touched; a region edited by hand is refused unless --force, which saves a
// copy first. All files change together or not at all.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { renderSources, type FileTree } from '../render/render-project.js';
import { resolveSettings } from '../settings/resolve.js';
import { SETTINGS, type PartialSettings, type SettingKey, type Settings } from '../settings/schema.js';
import { FragmentError } from '../errors.js';
import { FRAGMENTS, type Fragment } from './fragment-names.js';
import { saveBackups, writeAllOrNothing } from './atomic-write.js';
import { findRegions, hashText, sortByFile, type Region } from './fragments.js';
import { MANIFEST_PATH, orderedSettings, serializeManifest, type Manifest } from './manifest.js';
import { readManifest } from './read-manifest.js';
import { BACKUP_DIR } from './scaffold.js';
import { TOOL_VERSION } from '../version.js';

export interface RegenRequest {
  root: string;
  /** Marked fragments to rewrite; `all` also rewrites the README. */
  fragments: readonly Fragment[] | 'all';
  flags: PartialSettings;
  force: boolean;
  dryRun: boolean;
}

export interface RegenResult {
  settings: Settings;
  warnings: string[];
  /** Files whose bytes change (or would, with --dry-run), manifest included. */
  changed: string[];
  /** Regions rewritten, as `file#region`. */
  regions: string[];
  /** Folder holding copies of hand-edited files replaced under --force. */
  backup: string | null;
  diff: string;
}

/** Settings that shape the whole tree, not just fragments: a new project is needed to change them. */
const STRUCTURAL: readonly SettingKey[] = ['name', 'sdk', 'omniNode', 'templatePallet', 'zombienetFormat'];

export function regenerate(request: RegenRequest): RegenResult {
  const { manifest, settings: before } = readManifest(request.root);
  const { settings, warnings } = resolveSettings(nextSettings(before, request.flags));
  for (const key of STRUCTURAL) {
    if (settings[key] !== before[key]) {
      throw new FragmentError(`regen cannot change ${key} (${JSON.stringify(before[key])} → ${JSON.stringify(settings[key])}): it reshapes the whole project, so generate a new one.`);
    }
  }
  if (settings.blockTimeMs !== before.blockTimeMs) {
    const change = `the block time from ${before.blockTimeMs} ms to ${settings.blockTimeMs} ms`;
    if (!request.force) {
      throw new FragmentError(`This regen changes ${change}, and changing the slot duration of a running chain bricks block production: ship it only as a planned runtime upgrade, and pass --force to proceed.`);
    }
    warnings.push(`changing ${change}: the slot duration of a running chain changes with it; ship it as a planned runtime upgrade (see the README's "Timing by block number").`);
  }
  if (settings.phase < before.phase) warnings.push(`moving back from phase ${before.phase} to phase ${settings.phase}.`);

  const all = request.fragments === 'all';
  const selected = new Set<string>(all ? FRAGMENTS : request.fragments);
  const rendered = renderSources(settings);
  const previous = renderSources(before).files;
  const current = new Map<string, string>();
  const next = new Map<string, string>();
  const edited: string[] = [];
  const rewritten: string[] = [];
  const hashes = structuredClone(manifest.fragments);

  for (const [path, text] of rendered.files) {
    const regions = findRegions(path, text);
    warnings.push(...staleRegions(path, regions, previous.get(path), selected));
    const wanted = regions.filter((r) => selected.has(r.fragment));
    if (wanted.length === 0) continue;
    const existing = readExisting(request.root, path, wanted);
    if (existing === null) {
      next.set(path, text);
      current.set(path, '');
      wanted.forEach((r) => ((hashes[path] ??= {})[r.id] = hashText(r.body)));
      rewritten.push(...wanted.map((r) => `${path}#${r.id}`));
      continue;
    }
    const splices = planSplices(path, existing, wanted, manifest, edited);
    if (splices.length === 0) continue;
    current.set(path, existing);
    next.set(path, splice(existing, splices));
    for (const { region } of splices) {
      (hashes[path] ??= {})[region.id] = hashText(region.body);
      rewritten.push(`${path}#${region.id}`);
    }
  }

  if (edited.length > 0 && !request.force) {
    const more = edited.length > 1 ? ` (and ${edited.length - 1} more)` : '';
    throw new FragmentError(`${edited[0]} was edited by hand since it was generated${more}: regen will not overwrite it; pass --force to replace it after saving a copy under ${BACKUP_DIR}/.`);
  }

  if (all) regenerateReadme(request.root, rendered.readme, current, next, hashes, manifest, edited, request.force, rewritten);

  const changedSomething = next.size > 0 || JSON.stringify(manifest.settings) !== JSON.stringify(orderedSettings(settings));
  if (changedSomething) {
    const newManifest: Manifest = { ...manifest, version: TOOL_VERSION, profile: settings.sdk, settings: orderedSettings(settings), fragments: sortByFile(hashes) };
    const manifestPath = join(request.root, MANIFEST_PATH);
    const oldText = readFileSync(manifestPath, 'utf8');
    const newText = serializeManifest(newManifest);
    if (newText !== oldText) {
      current.set(MANIFEST_PATH, oldText);
      next.set(MANIFEST_PATH, newText);
    }
  }

  const changed = [...next.keys()].filter((p) => next.get(p) !== current.get(p)).sort();
  const diff = changed.map((p) => createTwoFilesPatch(`a/${p}`, `b/${p}`, current.get(p) ?? '', next.get(p)!, '', '', { context: 3 })).join('');
  let backup: string | null = null;
  if (!request.dryRun && changed.length > 0) {
    if (edited.length > 0) backup = saveBackups(request.root, edited.map((e) => e.replace(/ \(fragment .*\)$/, '')));
    writeAllOrNothing(request.root, new Map(changed.map((p) => [p, next.get(p)!])), 'regen');
  }
  return { settings, warnings, changed, regions: rewritten, backup, diff };
}

// Regions left out of this regen whose text the new settings would change.
function staleRegions(path: string, regions: Region[], before: string | undefined, selected: Set<string>): string[] {
  if (before === undefined) return [];
  const old = new Map(findRegions(path, before).map((r) => [r.id, r.body]));
  return regions
    .filter((r) => !selected.has(r.fragment) && old.has(r.id) && old.get(r.id) !== r.body)
    .map((r) => `${path}: fragment ${r.id} still has the old settings; run regen ${r.fragment} to update it.`);
}

/** Manifest settings plus flags; settings that were at their derived default follow the new inputs. */
function nextSettings(before: Settings, flags: PartialSettings): PartialSettings {
  const given: Record<string, unknown> = { ...before, ...flags };
  for (const spec of SETTINGS) {
    if (!spec.defaultText || spec.key in flags) continue;
    // A derived setting still at the default its inputs gave it was never chosen by the user.
    if (before[spec.key] === spec.defaultOf(before)) delete given[spec.key];
  }
  return given as PartialSettings;
}

function readExisting(root: string, path: string, wanted: Region[]): string | null {
  const absolute = join(root, path);
  if (existsSync(absolute)) return readFileSync(absolute, 'utf8');
  // A whole-file fragment (a JSON network) can be recreated; a file with regions holds user text.
  if (wanted.length === 1 && wanted[0]!.beginLine === 0) return null;
  throw new FragmentError(`${path} is missing: regen rewrites the marked regions of existing files and cannot restore the rest of it.`);
}

interface Splice {
  region: Region;
  old: Region;
}

function planSplices(path: string, existing: string, wanted: Region[], manifest: Manifest, edited: string[]): Splice[] {
  const found = findRegions(path, existing);
  const splices: Splice[] = [];
  for (const region of wanted) {
    const old = found.find((r) => r.id === region.id);
    if (!old) {
      throw new FragmentError(`${path} has no markers for fragment ${region.id}: restore its "async-parachain:begin ${region.id}" and "async-parachain:end ${region.id}" lines, or regenerate the project.`);
    }
    if (old.body === region.body) continue;
    const recorded = manifest.fragments[path]?.[region.id];
    if (recorded !== hashText(old.body)) edited.push(`${path} (fragment ${region.id})`);
    splices.push({ region, old });
  }
  return splices;
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

// The README maps guide steps to lines, so it is rendered from the files as they will be.
function regenerateReadme(
  root: string,
  readme: (files: FileTree) => string,
  current: Map<string, string>,
  next: Map<string, string>,
  hashes: Manifest['fragments'],
  manifest: Manifest,
  edited: string[],
  force: boolean,
  rewritten: string[],
): void {
  const path = 'README.md';
  const absolute = join(root, path);
  const tree: FileTree = new Map();
  for (const file of Object.keys(manifest.fragments)) {
    const text = next.get(file) ?? (existsSync(join(root, file)) ? readFileSync(join(root, file), 'utf8') : undefined);
    if (text !== undefined) tree.set(file, text);
  }
  const text = readme(tree);
  const existing = existsSync(absolute) ? readFileSync(absolute, 'utf8') : null;
  if (existing === text) return;
  const recorded = manifest.fragments[path]?.readme;
  if (existing !== null && recorded !== hashText(existing)) {
    if (!force) {
      throw new FragmentError(`${path} was edited by hand since it was generated: regen all will not overwrite it; pass --force to replace it after saving a copy under ${BACKUP_DIR}/.`);
    }
    edited.push(`${path} (fragment readme)`);
  }
  current.set(path, existing ?? '');
  next.set(path, text);
  (hashes[path] ??= {}).readme = hashText(text);
  rewritten.push(`${path}#readme`);
}
