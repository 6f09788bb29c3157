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
      stdout.write(formatHelp(newProjectCommand, parsed.path, parsed.command));
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
  if (error instanceof Error && error.name === 'WizardCancelled') return fail('Cancelled; nothing was written.', EXIT.cancelled, flags, error);
  const message = error instanceof Error ? error.message : String(error);
  return fail(`Failed: ${message}`, EXIT.refused, flags, error);
}

// One sentence on stderr (a stack trace only with --verbose or DEBUG=1); with --json, also a
// JSON document on stdout so scripts always get one.
function fail(message: string, code: number, flags: GlobalFlags, error: unknown): number {
  const oneLine = message.replace(/\s*\n\s*/g, ' ').trim();
  const sentence = /[.!?)]$/.test(oneLine) ? oneLine : `${oneLine}.`;
  stderr.write(`${styleFor(stderr).red('error:')} ${sentence}\n`);
  if (flags.verbose && error instanceof Error && error.stack) stderr.write(`${error.stack}\n`);
  if (flags.json) stdout.write(`${JSON.stringify({ ok: false, exitCode: code, error: sentence })}\n`);
  return code;
}
