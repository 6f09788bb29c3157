// `create-async-parachain [directory]`: a new project.

import { basename, resolve } from 'node:path';
import { existsSync, readdirSync } from 'node:fs';
import { readConfigFile } from '../settings/config-file.js';
import { parseSettingValue, resolveSettings } from '../settings/resolve.js';
import { specOf, type PartialSettings, type Settings } from '../settings/schema.js';
import { UsageError } from '../errors.js';
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
  target: string;
  files: string[];
  replaced: string[];
  dryRun: boolean;
}

/** Settings from --config, then flags (flags win), then the positional directory's name. */
function givenSettings(options: NewOptions): PartialSettings {
  const fromConfig = options.config ? readConfigFile(options.config) : {};
  const given: PartialSettings = { ...fromConfig, ...options.flags };
  if (options.directory !== undefined) {
    given.name = parseSettingValue(specOf('name'), basename(resolve(options.directory)), 'flag') as string;
  }
  return given;
}

function isNonEmptyFolder(path: string): boolean {
  try {
    return existsSync(path) && readdirSync(path).length > 0;
  } catch {
    return true;
  }
}

export async function runNew(options: NewOptions): Promise<NewResult> {
  let given = givenSettings(options);
  // The target follows the directory argument when given, else the (possibly prompted) name.
  const targetOf = (name: string) => (options.directory !== undefined ? resolve(options.directory) : resolve(name));
  let force = options.force;
  if (!options.yes) {
    if (!process.stdin.isTTY) {
      throw new UsageError('No terminal to ask questions on: pass --yes to accept defaults for every setting not given (or run in a terminal).', 1);
    }
    const { askSettings } = await import('./wizard.js');
    // The prompts write through process.stdout; what we print afterwards must follow them.
    useStreams();
    const answers = await askSettings(given, { targetIsNonEmpty: (name) => !options.force && isNonEmptyFolder(targetOf(name)) });
    given = answers.settings;
    force = force || answers.proceedIntoNonEmpty;
  }
  const { settings, warnings } = resolveSettings(given);
  // Loaded after the wizard, so the first question does not wait for the renderer.
  const { planScaffold, scaffoldProject } = await import('../project/scaffold.js');
  const target = targetOf(settings.name);
  if (options.dryRun) {
    const plan = planScaffold(settings, target, { force });
    return { settings, warnings, target: plan.target, files: plan.files, replaced: plan.replaced, dryRun: true };
  }
  const written = await scaffoldProject(settings, target, { format: options.format, force });
  const skipped = written.formatSkipped ? ['rustfmt is not on PATH, so --format was skipped; the files are as generated (already rustfmt-clean).'] : [];
  return { settings, warnings: [...warnings, ...skipped], target: written.target, files: written.files, replaced: written.replaced, dryRun: false };
}
