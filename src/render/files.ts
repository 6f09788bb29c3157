// Which templates a project gets, and where each lands. The templates/ tree mirrors the
// generated tree; these rules are the only exceptions.

import type { Settings } from '../settings/schema.js';

/** Output path of a template path (relative, `/`-separated), or null when the project omits it. */
export function outputPathFor(templatePath: string, settings: Settings): string | null {
  // `_partials/` are pieces of other templates; `_check/` are the fixes `check` prints.
  if (templatePath.startsWith('_partials/') || templatePath.startsWith('_check/')) return null;
  if (!templatePath.endsWith('.hbs')) return null;
  const path = templatePath.slice(0, -'.hbs'.length);
  if (settings.omniNode && (path.startsWith('node/') || path === 'Dockerfile')) return null;
  if (!settings.templatePallet && path.startsWith('pallets/')) return null;
  if (path === 'zombienet/zombienet.toml' && settings.zombienetFormat !== 'toml') return null;
  if (path === 'zombienet/zombienet.json' && settings.zombienetFormat !== 'json') return null;
  // The core-assignment script the smoke test runs exists only for elastic scaling.
  if (path === 'zombienet/assign-cores.js' && settings.velocity === 1) return null;
  // npm drops files named .gitignore from published packages, so the template is `_gitignore`;
  // `_github/` and `_config/` are `.github/` and `.config/` likewise, so no tool mistakes the
  // templates for this repository's own workflows or configuration.
  return path.replace(/(^|\/)_gitignore$/, '$1.gitignore').replace(/^_(github|config)\//, '.$1/');
}

/** The README is rendered last: it points at lines of the other files. */
export const README_PATH = 'README.md';
