// The root command: `create-async-parachain [directory]` makes a new project.

import type { NewResult } from '../run-new.js';
import { EXIT } from '../../errors.js';
import { TOOL_NAME, TOOL_VERSION } from '../../version.js';
import type { CommandSpec, ParsedCommand } from '../args.js';
import { SETTING_OPTIONS, settingsFromFlags } from '../flags.js';
import { stdout } from '../output.js';
import { styleFor } from '../style.js';
import { checkCommand } from './check.js';
import { upgradeCommand } from './upgrade.js';
import { regenCommand } from './regen.js';
import { exitCodes, printJson, printWarnings, VERBOSE } from './shared.js';

export const newProjectCommand: CommandSpec = {
  name: TOOL_NAME,
  description: 'Scaffold a Cumulus parachain workspace set up for asynchronous backing, at the rollout phase you choose.',
  version: TOOL_VERSION,
  arguments: [{ name: 'directory', describe: 'project folder; its name is the crate prefix (default: my-parachain)', required: false }],
  options: [
    { long: 'config', value: 'file', describe: 'read settings from a JSON file (or a project manifest)' },
    { long: 'yes', short: 'y', describe: 'accept defaults for every setting not given; never prompt' },
    { long: 'dry-run', describe: 'print the files that would be written; write nothing' },
    { long: 'json', describe: 'print one JSON document (settings, warnings, files) on stdout' },
    { long: 'force', describe: 'allow a non-empty target folder (existing files are backed up, never deleted)' },
    // The templates are proven rustfmt-clean for every valid setting (see the README's Speed section),
    // so rustfmt is a safety net that runs only when asked for.
    { long: 'format', negatable: true, describe: 'also run rustfmt on the output (off by default: the output is already rustfmt-clean)' },
    VERBOSE,
    ...SETTING_OPTIONS,
  ],
  commands: [regenCommand, checkCommand, upgradeCommand],
  exitCodes: exitCodes('invalid settings (named with where each came from), or the target folder refused'),
  examples: [
    ['npx create-async-parachain my-chain', 'ask for every setting, then write my-chain/'],
    ['npx create-async-parachain my-chain --yes --phase 1', 'phase 1 with defaults for the rest, no questions'],
    ['npx create-async-parachain acme --yes --omni-node --json', 'a runtime-only project; one JSON document on stdout'],
    ['npx create-async-parachain acme --config async-parachain.json --phase 3', "another project's settings, at phase 3"],
  ],
  run: runNewCommand,
};

async function runNewCommand({ args, options }: ParsedCommand): Promise<number> {
  const yes = options.yes === true;
  // A run that will ask questions fetches the wizard alongside the command, not after it.
  if (!yes && process.stdin.isTTY) void import('../wizard.js');
  const { runNew } = await import('../run-new.js');
  const result = await runNew({
    directory: args[0],
    flags: settingsFromFlags(options),
    config: options.config as string | undefined,
    yes,
    dryRun: options.dryRun === true,
    force: options.force === true,
    format: options.format === true,
  });
  await printNewResult(result, options.json === true);
  return EXIT.ok;
}

async function printNewResult(result: NewResult, json: boolean): Promise<void> {
  const { settings } = result;
  if (json) {
    const { target, warnings, files, replaced, dryRun } = result;
    printJson({ ok: true, command: 'new', dryRun, target, settings, warnings, files, replaced });
    return;
  }
  printWarnings(result.warnings.filter((w) => !result.shownWarnings.includes(w)));
  const summary = `${settings.name} (phase ${settings.phase}, ${settings.sdk}, para ID ${settings.paraId})`;
  if (result.dryRun) {
    stdout.write(`Would write ${result.files.length} files for ${summary} into ${result.target}:\n`);
    for (const file of result.files) stdout.write(`  ${file}\n`);
    for (const file of result.replaced) stdout.write(`  (replaces ${file}, backed up first)\n`);
    return;
  }
  const out = styleFor(stdout);
  stdout.write(`${out.green('Done.')} Wrote ${result.files.length} files for ${summary} into ${result.target}.\n`);
  if (result.replaced.length > 0) {
    stdout.write(`Replaced ${result.replaced.length} existing files; their old versions are in .async-parachain/backup/.\n`);
  }
  const { formatNextSteps } = await import('../next-steps.js');
  stdout.write(`\n${formatNextSteps(settings, result.target)}\n`);
}
