// What every command shares: strict parsing, errors reported by main.ts, and the exit code the
// action leaves behind.

import { Option, type Command } from 'commander';
import { styleFor } from '../style.js';

/** Where an action records its exit code (commander itself knows only success or throw). */
export type SetExit = (code: number) => void;

/** Unknown flags and extra arguments are usage errors; main.ts prints every error itself. */
export function strict(command: Command): Command {
  return command
    .addOption(new Option('--verbose', 'print stack traces on errors (also DEBUG=1)'))
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ outputError: () => {} });
}

export function printWarnings(warnings: readonly string[]): void {
  const err = styleFor(process.stderr);
  for (const warning of warnings) process.stderr.write(`${err.yellow('warning:')} ${warning}\n`);
}

export function printJson(document: object): void {
  process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
}
