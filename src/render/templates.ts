// The templates/ tree as render functions, loaded once per process. Every template is a program
// (src/render/template-program.ts) rendered by src/render/template-runner.ts. The bundle carries
// the programs as JSON text (scripts/build.mjs) and parses each on first use; run from the source
// tree, templates are read from templates/ and compiled on first use by the same compiler.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { packageRoot } from '../package-root.js';
import { COMPILER, PRECOMPILED } from './precompiled.js';
import { partialName, runProgram, type Program } from './template-runner.js';

export type CompiledTemplate = (context: object) => string;

export interface TemplateSet {
  /** Template paths under templates/ (partials excluded), in code-unit order. */
  paths: string[];
  /** The template at a path, ready to render; throws for an unknown path. */
  get(path: string): CompiledTemplate;
}

let cached: TemplateSet | undefined;

export function loadTemplates(): TemplateSet {
  if (cached) return cached;
  // Program JSON in the bundle, template sources from the source tree.
  const texts = PRECOMPILED ? new Map(Object.entries(PRECOMPILED)) : readTemplateSources();
  const partialPaths = new Map<string, string>();
  const paths: string[] = [];
  for (const path of texts.keys()) {
    const name = partialName(path);
    if (name === undefined) paths.push(path);
    else partialPaths.set(name, path);
  }
  const partialNames = new Set(partialPaths.keys());
  const toProgram = (text: string): Program => (COMPILER ? COMPILER(text, partialNames) : (JSON.parse(text) as Program));

  const programs = new Map<string, Program>();
  const programAt = (path: string): Program => {
    let program = programs.get(path);
    if (!program) {
      const text = texts.get(path);
      if (text === undefined) throw new Error(`no template ${path}`);
      program = withTemplateName(path, () => toProgram(text));
      programs.set(path, program);
    }
    return program;
  };
  const partials = (name: string): Program => {
    const path = partialPaths.get(name);
    if (path === undefined) throw new Error(`no partial ${name}`);
    return programAt(path);
  };

  const templates = new Map<string, CompiledTemplate>();
  cached = {
    paths,
    get(path) {
      let template = templates.get(path);
      if (!template) {
        const program = programAt(path);
        template = (context) => withTemplateName(path, () => runProgram(program, context, partials));
        templates.set(path, template);
      }
      return template;
    },
  };
  return cached;
}

function withTemplateName<T>(path: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new Error(`template ${path}: ${(error as Error).message}`);
  }
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
