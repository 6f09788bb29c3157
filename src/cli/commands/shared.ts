// What every command shares: the --verbose option and how results are printed.

import type { OptionSpec } from '../args.js';
import { stderr, stdout } from '../output.js';
import { styleFor } from '../style.js';

/** Understood by every command; main.ts reads it before parsing. */
export const VERBOSE: OptionSpec = { long: 'verbose', describe: 'print stack traces on errors (also DEBUG=1)' };

export function printWarnings(warnings: readonly string[]): void {
  const err = styleFor(stderr);
  for (const warning of warnings) stderr.write(`${err.yellow('warning:')} ${warning}\n`);
}

export function printJson(document: object): void {
  stdout.write(`${JSON.stringify(document, null, 2)}\n`);
}

/** The exit codes every command shares, with what 1 means for this one. */
export function exitCodes(refused: string): [number, string][] {
  return [
    [0, 'success'],
    [1, refused],
    [2, 'usage error: unknown option, missing or extra argument'],
    [130, 'cancelled (Ctrl-C, Esc, or the terminal closed)'],
  ];
}
