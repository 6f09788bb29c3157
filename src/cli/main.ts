// Command-line entry: parses arguments, runs one command, maps every outcome to an exit code.

import { CommanderError } from 'commander';
import { EXIT, UsageError, isRefusal } from '../errors.js';
import { checkCommand } from './commands/check.js';
import { newProjectCommand } from './commands/new.js';
import { regenCommand } from './commands/regen.js';
import { styleFor } from './style.js';

interface GlobalFlags {
  verbose: boolean;
  json: boolean;
}

export async function main(argv: string[]): Promise<number> {
  const flags: GlobalFlags = { verbose: argv.includes('--verbose') || process.env.DEBUG === '1', json: argv.includes('--json') };
  let exitCode: number = EXIT.ok;
  const setExit = (code: number) => (exitCode = code);
  const program = newProjectCommand(setExit).addCommand(regenCommand(setExit)).addCommand(checkCommand(setExit));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, flags);
  }
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
  if (error instanceof Error && error.name === 'WizardCancelled') return fail('Cancelled; nothing was written.', EXIT.cancelled, flags, error);
  const message = error instanceof Error ? error.message : String(error);
  return fail(`Failed: ${message}`, EXIT.refused, flags, error);
}

// One sentence on stderr (a stack trace only with --verbose or DEBUG=1); with --json, also a
// JSON document on stdout so scripts always get one.
function fail(message: string, code: number, flags: GlobalFlags, error: unknown): number {
  const oneLine = message.replace(/\s*\n\s*/g, ' ').trim();
  const sentence = /[.!?)]$/.test(oneLine) ? oneLine : `${oneLine}.`;
  process.stderr.write(`${styleFor(process.stderr).red('error:')} ${sentence}\n`);
  if (flags.verbose && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  if (flags.json) process.stdout.write(`${JSON.stringify({ ok: false, exitCode: code, error: sentence })}\n`);
  return code;
}
