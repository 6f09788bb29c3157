// `create-async-parachain check [directory]`: audit a parachain repository.

import { Command, Option } from 'commander';
import { UsageError } from '../../errors.js';
import { strict, type SetExit } from './shared.js';

export function checkCommand(setExit: SetExit): Command {
  return strict(
    new Command('check')
      .description('audit a Cumulus parachain repository against every step of the async backing guide')
      .argument('[directory]', 'the repository to audit (default: the current folder)')
      .addOption(new Option('--phase <n>', 'the phase exit code 0 stands for (default: 3; one of 1, 2, 3)'))
      .addOption(new Option('--json', 'print the report as one JSON document')),
  ).action(async (directory: string | undefined, opts: Record<string, unknown>) => {
    const phase = opts.phase === undefined ? '3' : String(opts.phase);
    if (!/^[123]$/.test(phase)) throw new UsageError(`Invalid --phase ${JSON.stringify(phase)}: expected one of 1, 2, 3.`);
    // The audit and its Rust parser load only for this command.
    const { runCheck } = await import('../../commands/check.js');
    setExit(await runCheck({ dir: directory ?? process.cwd(), phase: Number(phase) as 1 | 2 | 3, json: Boolean(opts.json) }));
  });
}
