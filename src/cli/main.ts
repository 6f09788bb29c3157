// Command-line entry: parses arguments, runs one command, maps every outcome to an exit code.

import { Command, CommanderError, Option } from 'commander';
import type { NewResult } from '../commands/new.js';
import { EXIT, UsageError, isRefusal } from '../errors.js';
import { FRAGMENTS } from '../project/fragments.js';
import type { RegenResult } from '../project/regen.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { addSettingFlags, settingsFromFlags } from './flags.js';
import { formatNextSteps } from './next-steps.js';
import { styleFor } from './style.js';

interface GlobalFlags {
  verbose: boolean;
  json: boolean;
}

export async function main(argv: string[]): Promise<number> {
  const flags: GlobalFlags = { verbose: argv.includes('--verbose') || process.env.DEBUG === '1', json: argv.includes('--json') };
  let exitCode: number = EXIT.ok;
  const program = buildProgram((code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, flags);
  }
}

function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command(TOOL_NAME)
    .description('Scaffold a Cumulus parachain workspace set up for asynchronous backing, at the rollout phase you choose.')
    .version(TOOL_VERSION, '-v, --version', 'print the version')
    .argument('[directory]', 'project folder; its name is the crate prefix (default: my-parachain)')
    .addOption(new Option('--config <file>', 'read settings from a JSON file (or a project manifest)'))
    .addOption(new Option('-y, --yes', 'accept defaults for every setting not given; never prompt'))
    .addOption(new Option('--dry-run', 'print the files that would be written; write nothing'))
    .addOption(new Option('--json', 'print one JSON document (settings, warnings, files) on stdout'))
    .addOption(new Option('--force', 'allow a non-empty target folder (existing files are backed up, never deleted)'))
    .addOption(new Option('--no-format', 'do not run rustfmt on the output'))
    .addOption(new Option('--verbose', 'print stack traces on errors (also DEBUG=1)'))
    .allowExcessArguments(false)
    // Options after a subcommand belong to it (regen has its own --phase, --dry-run, ...).
    .enablePositionalOptions()
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: () => {} });
  addSettingFlags(program);
  addRegenCommand(program, setExit);
  addCheckCommand(program, setExit);
  // Command modules load inside their actions: `--help`, `--version` and the wizard's first
  // question do not wait for the renderer.
  program.action(async (directory: string | undefined, opts: Record<string, unknown>, command: Command) => {
    const { runNew } = await import('../commands/new.js');
    const result = await runNew({
      directory,
      flags: settingsFromFlags(command),
      config: opts.config as string | undefined,
      yes: Boolean(opts.yes),
      dryRun: Boolean(opts.dryRun),
      json: Boolean(opts.json),
      force: Boolean(opts.force),
      format: opts.format !== false,
    });
    printNewResult(result, Boolean(opts.json));
    setExit(EXIT.ok);
  });
  return program;
}

function addRegenCommand(program: Command, setExit: (code: number) => void): void {
  const regen = program
    .command('regen')
    .description(`regenerate fragments of a generated project (${[...FRAGMENTS, 'all'].join(', ')}); setting flags change the manifest's settings first`)
    .argument('<fragment...>', `fragments to rewrite: ${[...FRAGMENTS, 'all'].join(', ')}`)
    .addOption(new Option('--dir <path>', 'the project folder (default: the nearest folder with async-parachain.json)'))
    .addOption(new Option('--dry-run', 'print a unified diff; write nothing'))
    .addOption(new Option('--force', 'replace fragments edited by hand (a copy is saved first) and allow a block-time change'))
    .addOption(new Option('--json', 'print one JSON document on stdout'))
    .addOption(new Option('--verbose', 'print stack traces on errors (also DEBUG=1)'))
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ outputError: () => {} });
  addSettingFlags(regen);
  regen.action(async (fragments: string[], opts: Record<string, unknown>, command: Command) => {
    const { runRegen } = await import('../commands/regen.js');
    const result = runRegen({
      fragments,
      dir: opts.dir as string | undefined,
      flags: settingsFromFlags(command),
      force: Boolean(opts.force),
      dryRun: Boolean(opts.dryRun),
    });
    printRegenResult(result, Boolean(opts.json), Boolean(opts.dryRun));
    setExit(EXIT.ok);
  });
}

function addCheckCommand(program: Command, setExit: (code: number) => void): void {
  program
    .command('check')
    .description('audit a Cumulus parachain repository against every step of the async backing guide')
    .argument('[directory]', 'the repository to audit (default: the current folder)')
    .addOption(new Option('--phase <n>', 'the phase exit code 0 stands for (default: 3; one of 1, 2, 3)'))
    .addOption(new Option('--json', 'print the report as one JSON document'))
    .addOption(new Option('--verbose', 'print stack traces on errors (also DEBUG=1)'))
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ outputError: () => {} })
    .action(async (directory: string | undefined, opts: Record<string, unknown>) => {
      const phase = opts.phase === undefined ? '3' : String(opts.phase);
      if (!/^[123]$/.test(phase)) throw new UsageError(`Invalid --phase ${JSON.stringify(phase)}: expected one of 1, 2, 3.`);
      const { runCheck } = await import('../commands/check.js');
      setExit(await runCheck({ dir: directory ?? process.cwd(), phase: Number(phase) as 1 | 2 | 3, json: Boolean(opts.json) }));
    });
}

function printRegenResult(result: RegenResult & { root: string }, json: boolean, dryRun: boolean): void {
  if (json) {
    const { diff, ...rest } = result;
    process.stdout.write(`${JSON.stringify({ ok: true, command: 'regen', dryRun, ...rest, ...(dryRun ? { diff } : {}) }, null, 2)}\n`);
    return;
  }
  const err = styleFor(process.stderr);
  for (const warning of result.warnings) process.stderr.write(`${err.yellow('warning:')} ${warning}\n`);
  if (dryRun) {
    process.stdout.write(result.diff === '' ? 'Nothing would change.\n' : result.diff);
    return;
  }
  if (result.changed.length === 0) {
    process.stdout.write('Everything is up to date; no file changed.\n');
    return;
  }
  for (const region of result.regions) process.stdout.write(`rewrote ${region}\n`);
  if (result.backup) process.stdout.write(`Saved the hand-edited files under ${result.backup} before replacing them.\n`);
  process.stdout.write(`${styleFor(process.stdout).green('Done.')} ${result.changed.length} files changed (phase ${result.settings.phase}).\n`);
}

function printNewResult(result: NewResult, json: boolean): void {
  if (json) {
    const doc = {
      ok: true,
      command: 'new',
      dryRun: result.dryRun,
      target: result.target,
      settings: result.settings,
      warnings: result.warnings,
      files: result.files,
      replaced: result.replaced,
    };
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return;
  }
  const err = styleFor(process.stderr);
  const out = styleFor(process.stdout);
  for (const warning of result.warnings) process.stderr.write(`${err.yellow('warning:')} ${warning}\n`);
  const { settings } = result;
  const summary = `${settings.name} (phase ${settings.phase}, ${settings.sdk}, para ID ${settings.paraId})`;
  if (result.dryRun) {
    process.stdout.write(`Would write ${result.files.length} files for ${summary} into ${result.target}:\n`);
    for (const file of result.files) process.stdout.write(`  ${file}\n`);
    for (const file of result.replaced) process.stdout.write(`  (replaces ${file}, backed up first)\n`);
    return;
  }
  process.stdout.write(`${out.green('Done.')} Wrote ${result.files.length} files for ${summary} into ${result.target}.\n`);
  if (result.replaced.length > 0) {
    process.stdout.write(`Replaced ${result.replaced.length} existing files; their old versions are in .async-parachain/backup/.\n`);
  }
  process.stdout.write(`\n${formatNextSteps(settings, result.target)}\n`);
}

function reportError(error: unknown, flags: GlobalFlags): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
      return EXIT.ok;
    }
    return fail(error.message.replace(/^error: /, ''), EXIT.usage, flags, error);
  }
  if (error instanceof UsageError) return fail(error.message, error.exitCode, flags, error);
  if (isRefusal(error)) return fail(error.message, EXIT.refused, flags, error);
  if (isCancel(error)) return fail('Cancelled; nothing was written.', EXIT.cancelled, flags, error);
  const message = error instanceof Error ? error.message : String(error);
  return fail(`Failed: ${message}`, EXIT.refused, flags, error);
}

function isCancel(error: unknown): boolean {
  return error instanceof Error && error.name === 'WizardCancelled';
}

function fail(message: string, code: number, flags: GlobalFlags, error: unknown): number {
  const oneLine = message.replace(/\s*\n\s*/g, ' ').trim();
  const sentence = /[.!?)]$/.test(oneLine) ? oneLine : `${oneLine}.`;
  process.stderr.write(`${styleFor(process.stderr).red('error:')} ${sentence}\n`);
  if (flags.verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  if (flags.json) process.stdout.write(`${JSON.stringify({ ok: false, exitCode: code, error: sentence })}\n`);
  return code;
}
