// Loads the templates/ tree once per process.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { packageRoot } from '../package-root.js';

export interface TemplateTree {
  /** Template path (relative, `/`-separated) → source. */
  files: Map<string, string>;
  /** Partial name (file name without `.md.hbs`/`.hbs`) → source. */
  partials: Record<string, string>;
}

let cached: TemplateTree | undefined;

export function loadTemplates(root = join(packageRoot(), 'templates')): TemplateTree {
  if (cached) return cached;
  const files = new Map<string, string>();
  const partials: Record<string, string> = {};
  for (const absolute of walk(root)) {
    const path = relative(root, absolute).split(sep).join('/');
    const source = readFileSync(absolute, 'utf8');
    if (path.startsWith('_partials/')) {
      partials[path.slice('_partials/'.length).replace(/(\.\w+)?\.hbs$/, '')] = source;
    } else {
      files.set(path, source);
    }
  }
  cached = { files, partials };
  return cached;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));
}
