// Renders a whole project in memory: every file but the manifest, with the README last so its
// guide-step links point at the real lines of the other files.

import type { Settings } from '../settings/schema.js';
import { buildContext, type TemplateContext } from './context.js';
import { README_PATH, outputPathFor } from './files.js';
import { locateSteps } from '../guide/step-anchors.js';
import { GUIDE_STEPS } from '../guide/steps.js';
import { alignMarkdownTables } from './markdown-tables.js';
import { loadTemplates } from './templates.js';
import { CARGO_LOCK_PATH, lockProvenance, renderCargoLock } from './cargo-lock.js';

export type FileTree = Map<string, string>;

/**
 * Renders every file of the project except the README, keyed by output path. `cargoLock: false`
 * leaves out the Cargo.lock: for regen when the lock's dependency shape stays, and for
 * scripts/lock-data.ts, which makes the data it is rendered from.
 */
export function renderSources(settings: Settings, options: { cargoLock?: boolean } = {}): { files: FileTree; context: TemplateContext; readme: (files: FileTree) => string } {
  const templates = loadTemplates();
  const context = buildContext(settings);
  const files: FileTree = new Map();
  let readmePath: string | undefined;
  for (const templatePath of templates.paths) {
    const out = outputPathFor(templatePath, settings);
    if (out === null) continue;
    if (out === README_PATH) readmePath = templatePath;
    else files.set(out, templates.get(templatePath)(context));
  }
  // Not a template: the release's pinned packages, cut to this project's dependency graph.
  const { runtimeCrate, nodeCrate, palletCrate } = context.names;
  if (options.cargoLock !== false) files.set(CARGO_LOCK_PATH, renderCargoLock(settings, { runtime: runtimeCrate, node: nodeCrate, pallet: palletCrate }));
  if (readmePath === undefined) throw new Error('templates/README.md.hbs is missing');
  const readmeTemplate = templates.get(readmePath);
  // Tables padded as prettier prints them (the README's text is otherwise prettier-clean as written).
  const readme = (final: FileTree) =>
    alignMarkdownTables(readmeTemplate({ ...context, lock: lockProvenance(settings), guide: guideMap(final, settings) }));
  return { files, context, readme };
}

/** The README's step table: every guide step with its file and line, or why it has none. */
function guideMap(files: FileTree, settings: Settings) {
  const located = new Map(locateSteps(files).map((l) => [l.step.id, l]));
  return GUIDE_STEPS.map((step) => {
    const at = located.get(step.id);
    // A later phase's step may already have its place (e.g. the aura config that phase 3 flips).
    const later = step.phase > settings.phase;
    let status: string;
    if (step.side === 'node' && settings.omniNode) status = 'provided by polkadot-omni-node';
    else if (later) status = `comes with phase ${step.phase}`;
    else status = at ? 'done' : 'missing';
    return { id: step.id, title: step.title, found: Boolean(at), later, file: at?.file ?? '', line: at?.line ?? 0, status };
  });
}
