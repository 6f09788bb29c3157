// The root command: `create-async-parachain [directory]` makes a new project.

import { Command, Option } from 'commander';
import type { NewResult } from '../../commands/new.js';
import { EXIT } from '../../errors.js';
import { TOOL_NAME, TOOL_VERSION } from '../../version.js';
import { addSettingFlags, settingsFromFlags } from '../flags.js';
import { styleFor } from '../style.js';
import { printJson, printWarnings, strict, type SetExit } from './shared.js';

export function newProjectCommand(setExit: SetExit): Command {
  const program = strict(
    new Command(TOOL_NAME)
      .description('Scaffold a Cumulus parachain workspace set up for asynchronous backing, at the rollout phase you choose.')
      .version(TOOL_VERSION, '-v, --version', 'print the version')
      .argument('[directory]', 'project folder; its name is the crate prefix (default: my-parachain)')
      .addOption(new Option('--config <file>', 'read settings from a JSON file (or a project manifest)'))
      .addOption(new Option('-y, --yes', 'accept defaults for every setting not given; never prompt'))
      .addOption(new Option('--dry-run', 'print the files that would be written; write nothing'))
      .addOption(new Option('--json', 'print one JSON document (settings, warnings, files) on stdout'))
      .addOption(new Option('--force', 'allow a non-empty target folder (existing files are backed up, never deleted)'))
      .addOption(new Option('--no-format', 'do not run rustfmt on the output')),
  )
    // Options after a subcommand belong to it (regen has its own --phase, --dry-run, ...).
    .enablePositionalOptions()
    .showSuggestionAfterError(true);
  addSettingFlags(program);
  // The command's module loads inside the action: `--help`, `--version` and the wizard's first
  // question do not wait for the renderer.
  program.action(async (directory: string | undefined, opts: Record<string, unknown>, command: Command) => {
    // A run that will ask questions fetches the wizard alongside the command, not after it.
    if (!opts.yes && process.stdin.isTTY) void import('../wizard.js');
    const { runNew } = await import('../../commands/new.js');
    const result = await runNew({
      directory,
      flags: settingsFromFlags(command),
      config: opts.config as string | undefined,
      yes: Boolean(opts.yes),
      dryRun: Boolean(opts.dryRun),
      force: Boolean(opts.force),
      format: opts.format !== false,
    });
    await printNewResult(result, Boolean(opts.json));
    setExit(EXIT.ok);
  });
  return program;
}

async function printNewResult(result: NewResult, json: boolean): Promise<void> {
  const { settings } = result;
  if (json) {
    const { target, warnings, files, replaced, dryRun } = result;
    printJson({ ok: true, command: 'new', dryRun, target, settings, warnings, files, replaced });
    return;
  }
  printWarnings(result.warnings);
  const summary = `${settings.name} (phase ${settings.phase}, ${settings.sdk}, para ID ${settings.paraId})`;
  if (result.dryRun) {
    process.stdout.write(`Would write ${result.files.length} files for ${summary} into ${result.target}:\n`);
    for (const file of result.files) process.stdout.write(`  ${file}\n`);
    for (const file of result.replaced) process.stdout.write(`  (replaces ${file}, backed up first)\n`);
    return;
  }
  const out = styleFor(process.stdout);
  process.stdout.write(`${out.green('Done.')} Wrote ${result.files.length} files for ${summary} into ${result.target}.\n`);
  if (result.replaced.length > 0) {
    process.stdout.write(`Replaced ${result.replaced.length} existing files; their old versions are in .async-parachain/backup/.\n`);
  }
  const { formatNextSteps } = await import('../next-steps.js');
  process.stdout.write(`\n${formatNextSteps(settings, result.target)}\n`);
}
