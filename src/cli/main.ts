// Command-line entry: parses arguments, runs one command, maps every outcome to an exit code.

import { EXIT, isRefusal, isUsageError } from '../errors.js';
import { parseArgs } from './args.js';
import { newProjectCommand } from './commands/new.js';
import { stderr, stdout } from './output.js';
import { styleFor } from './style.js';

interface GlobalFlags {
  verbose: boolean;
  json: boolean;
}

export async function main(argv: string[]): Promise<number> {
  const flags: GlobalFlags = { verbose: argv.includes('--verbose') || process.env.DEBUG === '1', json: argv.includes('--json') };
  try {
    const parsed = parseArgs(newProjectCommand, argv);
    if (parsed.kind === 'version') {
      stdout.write(`${parsed.version}\n`);
      return EXIT.ok;
    }
    if (parsed.kind === 'help') {
      const { formatHelp } = await import('./help.js');
      const command = parsed.command.helpWith?.(argv) ?? parsed.command;
      stdout.write(formatHelp(newProjectCommand, parsed.path, command));
      return EXIT.ok;
    }
    return await parsed.command.run(parsed);
  } catch (error) {
    return reportError(error, flags);
  }
}

function reportError(error: unknown, flags: GlobalFlags): number {
  if (isUsageError(error)) return fail(error.message, error.exitCode, flags, error);
  if (isRefusal(error)) return fail(error.message, EXIT.refused, flags, error);
  if (error instanceof Error && error.name === 'WizardCancelled') {
    // The user's own choice, not an error: one plain line.
    if (flags.verbose && error.stack) stderr.write(`${error.stack}\n`);
    stderr.write('Cancelled; nothing was written.\n');
    if (flags.json) printJsonError({ ok: false, exitCode: EXIT.cancelled, error: 'Cancelled; nothing was written.' });
    return EXIT.cancelled;
  }
  if (error instanceof Error && error.name === 'OutputError') {
    // Standard output is what failed: nothing more goes to it.
    return fail(error.message, EXIT.refused, { ...flags, json: false }, error);
  }
  const message = error instanceof Error ? error.message : String(error);
  return fail(`Failed: ${message}`, EXIT.refused, flags, error);
}

// One sentence on stderr (a stack trace only with --verbose or DEBUG=1); with --json, also a
// JSON document on stdout so scripts always get one, with the error's details (every conflict).
function fail(message: string, code: number, flags: GlobalFlags, error: unknown): number {
  const oneLine = message.replace(/\s*\n\s*/g, ' ').trim();
  const sentence = /[.!?)]$/.test(oneLine) ? oneLine : `${oneLine}.`;
  stderr.write(`${styleFor(stderr).red('error:')} ${sentence}\n`);
  if (flags.verbose && error instanceof Error && error.stack) stderr.write(`${error.stack}\n`);
  const details = (error as { details?: Record<string, unknown> } | undefined)?.details;
  if (flags.json) printJsonError({ ok: false, exitCode: code, error: sentence, ...details });
  return code;
}

function printJsonError(document: object): void {
  try {
    stdout.write(`${JSON.stringify(document)}\n`);
  } catch {
    // Standard output failed too; the sentence on stderr stands.
  }
}
