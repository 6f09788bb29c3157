// The templates/ tree as compiled templates, loaded once per process. The bundle carries every
// template precompiled (scripts/build.mjs), so it never reads or compiles a template at run
// time; run from the source tree, templates are read from templates/ and compiled on first use.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { packageRoot } from '../package-root.js';
import { compile, createEnvironment, type CompiledTemplate, type TemplateSource } from './handlebars.js';
import { PRECOMPILED } from './precompiled.js';

export interface TemplateSet {
  /** Template paths under templates/ (partials excluded), in code-unit order. */
  paths: string[];
  /** The compiled template at a path; throws for an unknown path. */
  get(path: string): CompiledTemplate;
}

const PARTIALS = '_partials/';
let cached: TemplateSet | undefined;

export function loadTemplates(): TemplateSet {
  if (cached) return cached;
  const sources = PRECOMPILED ? new Map(Object.entries(PRECOMPILED)) : readTemplateSources();
  const partials: Record<string, TemplateSource> = {};
  const paths: string[] = [];
  for (const [path, source] of sources) {
    if (path.startsWith(PARTIALS)) partials[partialName(path)] = source;
    else paths.push(path);
  }
  const hb = createEnvironment(partials);
  const compiled = new Map<string, CompiledTemplate>();
  cached = {
    paths,
    get(path) {
      let template = compiled.get(path);
      if (!template) {
        const source = sources.get(path);
        if (source === undefined) throw new Error(`no template ${path}`);
        template = compile(hb, source, path);
        compiled.set(path, template);
      }
      return template;
    },
  };
  return cached;
}

/** `_partials/readme-network.md.hbs` → `readme-network`. */
export function partialName(path: string): string {
  return path.slice(PARTIALS.length).replace(/(\.\w+)?\.hbs$/, '');
}

/** Every `.hbs` file under templates/, keyed by its `/`-separated path, in code-unit order. */
export function readTemplateSources(root = join(packageRoot(), 'templates')): Map<string, string> {
  const sources = new Map<string, string>();
  for (const absolute of walk(root)) {
    const path = relative(root, absolute).split(sep).join('/');
    if (path.endsWith('.hbs')) sources.set(path, readFileSync(absolute, 'utf8'));
  }
  return sources;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));
}
