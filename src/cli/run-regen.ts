// `create-async-parachain regen <fragment...>`: rewrite fragments of an existing project.

import { UsageError, quote } from '../errors.js';
import { FRAGMENT_CHOICES, type Fragment } from '../project/fragment-names.js';
import { findProjectRoot } from '../project/read-manifest.js';
import { regenerate, type RegenResult } from '../project/regen.js';
import type { PartialSettings } from '../settings/schema.js';

export interface RegenOptions {
  fragments: string[];
  dir?: string;
  flags: PartialSettings;
  force: boolean;
  dryRun: boolean;
}

export function parseFragments(names: string[]): Fragment[] | 'all' {
  if (names.length === 0) throw new UsageError(`regen needs at least one fragment: ${FRAGMENT_CHOICES.join(', ')}.`);
  for (const name of names) {
    if (!(FRAGMENT_CHOICES as readonly string[]).includes(name)) {
      throw new UsageError(`Unknown fragment ${quote(name)}: expected one of ${FRAGMENT_CHOICES.join(', ')}.`);
    }
  }
  return names.includes('all') ? 'all' : [...new Set(names)].sort() as Fragment[];
}

export function runRegen(options: RegenOptions): RegenResult & { root: string } {
  const fragments = parseFragments(options.fragments);
  const root = findProjectRoot(options.dir ?? process.cwd(), options.dir !== undefined);
  const result = regenerate({ root, fragments, flags: options.flags, force: options.force, dryRun: options.dryRun });
  return { ...result, root };
}
