// `create-async-parachain check [directory]`: audit a parachain repository.

import type { CommandSpec, ParsedCommand } from '../args.js';
import { UsageError } from '../../errors.js';
import { VERBOSE } from './shared.js';

export const checkCommand: CommandSpec = {
  name: 'check',
  description: 'audit a Cumulus parachain repository against every step of the async backing guide',
  arguments: [{ name: 'directory', describe: 'the repository to audit (default: the current folder)', required: false }],
  options: [
    { long: 'phase', value: 'n', describe: 'the phase exit code 0 stands for (default: 3; one of 1, 2, 3)' },
    { long: 'json', describe: 'print the report as one JSON document' },
    VERBOSE,
  ],
  run: runCheckCommand,
};

async function runCheckCommand({ args, options }: ParsedCommand): Promise<number> {
  const phase = options.phase === undefined ? '3' : String(options.phase);
  if (!/^[123]$/.test(phase)) throw new UsageError(`Invalid --phase ${JSON.stringify(phase)}: expected one of 1, 2, 3.`);
  // The audit and its Rust parser load only for this command.
  const { runCheck } = await import('../run-check.js');
  return runCheck({ dir: args[0] ?? process.cwd(), phase: Number(phase) as 1 | 2 | 3, json: options.json === true, verbose: options.verbose === true || process.env.DEBUG === '1' });
}
