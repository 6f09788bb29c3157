// `create-async-parachain [directory]`: a new project.

import { basename, dirname, join, resolve } from 'node:path';
import { existsSync, readdirSync } from 'node:fs';
import { readConfigFile } from '../settings/config-file.js';
import { carryOver, fillDefaults, originsOf, parseSettingValue, resolveSettings, type Origins } from '../settings/resolve.js';
import { specOf, type PartialSettings, type Settings } from '../settings/schema.js';
import { SettingsError, UsageError } from '../errors.js';
import { useStreams } from './output.js';

export interface NewOptions {
  directory?: string;
  flags: PartialSettings;
  config?: string;
  yes: boolean;
  dryRun: boolean;
  force: boolean;
  format: boolean;
}

export interface NewResult {
  settings: Settings;
  warnings: string[];
  /** Warnings the wizard already showed; the text output does not repeat them. */
  shownWarnings: string[];
  target: string;
  files: string[];
  replaced: string[];
  dryRun: boolean;
}

interface Given {
  settings: PartialSettings;
  origins: Origins;
  /** Why the directory argument is not a valid project name (the wizard asks for another). */
  nameProblem?: string;
}

/**
 * Settings from --config, then flags (flags win), then the directory argument's name. A manifest
 * given as --config is a project's settings: its derived settings follow the flags, as regen's do.
 */
function givenSettings(options: NewOptions): Given {
  const config = options.config ? readConfigFile(options.config) : undefined;
  let settings: PartialSettings = { ...config?.settings, ...options.flags };
  if (config?.isManifest) settings = carryOver(fillDefaults(config.settings), options.flags, false);
  const origins: Origins = {};
  for (const [key, origin] of Object.entries({ ...config?.origins, ...originsOf(options.flags, { source: 'flag' }) })) {
    if (key in settings) (origins as Record<string, unknown>)[key] = origin;
  }
  if (options.directory === undefined) return { settings, origins };
  if (options.directory === '') {
    throw new UsageError('The directory argument is empty: name the project folder, or pass "." for the current one.');
  }
  try {
    settings.name = parseSettingValue(specOf('name'), basename(resolve(options.directory)), 'flag') as string;
    // The name's own rules (no shadowed SDK crate) are checked now, before any question.
    resolveSettings({ name: settings.name });
    origins.name = { source: 'flag' };
    return { settings, origins };
  } catch (error) {
    // Asked again in the wizard; without one, the refusal stands.
    if (!(error instanceof SettingsError) || options.yes) throw error;
    delete settings.name;
    return { settings, origins, nameProblem: error.message };
  }
}

function isNonEmptyFolder(path: string): boolean {
  try {
    return existsSync(path) && readdirSync(path).length > 0;
  } catch {
    return true;
  }
}

export async function runNew(options: NewOptions): Promise<NewResult> {
  let { settings: given, origins, nameProblem } = givenSettings(options);
  // The target follows the directory argument; a name asked for again lands beside it.
  const argumentTarget = options.directory !== undefined ? resolve(options.directory) : undefined;
  const targetOf = (name: string) =>
    argumentTarget === undefined ? resolve(name) : basename(argumentTarget) === name ? argumentTarget : join(dirname(argumentTarget), name);
  let force = options.force;
  let shownWarnings: string[] = [];
  if (!options.yes) {
    if (!process.stdin.isTTY) {
      throw new UsageError('No terminal to ask questions on: pass --yes to accept defaults for every setting not given (or run in a terminal).', 1);
    }
    const { askSettings } = await import('./wizard.js');
    // The prompts write through process.stderr; what we print afterwards must follow them.
    useStreams();
    const answers = await askSettings(given, {
      origins,
      nameProblem,
      targetIsNonEmpty: (name) => !options.force && isNonEmptyFolder(targetOf(name)),
    });
    given = answers.settings;
    origins = answers.origins;
    shownWarnings = answers.shownWarnings;
    force = force || answers.proceedIntoNonEmpty;
  }
  const { settings, warnings } = resolveSettings(given, origins);
  // Loaded after the wizard, so the first question does not wait for the renderer.
  const { planScaffold, scaffoldProject } = await import('../project/scaffold.js');
  const target = targetOf(settings.name);
  if (options.dryRun) {
    const plan = planScaffold(settings, target, { force });
    return { settings, warnings, shownWarnings, target: plan.target, files: plan.files, replaced: plan.replaced, dryRun: true };
  }
  const written = await scaffoldProject(settings, target, { format: options.format, force });
  const skipped = written.formatSkipped ? ['rustfmt is not on PATH, so --format was skipped; the files are as generated (already rustfmt-clean).'] : [];
  return {
    settings,
    warnings: [...warnings, ...skipped],
    shownWarnings,
    target: written.target,
    files: written.files,
    replaced: written.replaced,
    dryRun: false,
  };
}
