// `create-async-parachain upgrade [directory] --phase N`: edit an existing parachain so its
// runtimes meet phase N of the async backing guide.

import { UsageError } from '../../errors.js';
import { SETTINGS } from '../../settings/schema.js';
import { SLOT_DURATION_SETTING } from '../../upgrade/slot-duration.js';
import type { CommandSpec, OptionSpec, ParsedCommand } from '../args.js';
import { SETTING_OPTIONS } from '../flags.js';
import { VERBOSE } from './shared.js';

/** The choices a team makes where the guide leaves one: the schema's own flags (velocity above 1 and the offset: elastic scaling). */
const CHOICES = ['capacity', 'velocity', 'relayParentOffset', 'authoringMs'] as const;
const choiceFlags = new Set(SETTINGS.filter((s) => (CHOICES as readonly string[]).includes(s.key)).map((s) => s.flag));

export const upgradeCommand: CommandSpec = {
  name: 'upgrade',
  description: "edit an existing Cumulus parachain so its runtimes meet a phase of the async backing guide (with --velocity above 1, elastic scaling), as a patch to review",
  arguments: [{ name: 'directory', describe: 'the repository to upgrade (default: the current folder)', required: false }],
  options: [
    { long: 'phase', value: 'n', describe: 'the phase to reach: 1, 2 or 3 (required)' },
    { long: 'runtime', value: 'path', describe: 'upgrade only this runtime crate (its folder)' },
    ...SETTING_OPTIONS.filter((o) => choiceFlags.has(o.long)),
    { long: SLOT_DURATION_SETTING.flag, value: 'ms', describe: SLOT_DURATION_SETTING.describe } satisfies OptionSpec,
    { long: 'dry-run', describe: 'print the diff and the manual steps; write nothing' },
    { long: 'force', describe: 'edit files that have uncommitted changes in git' },
    { long: 'json', describe: 'print one JSON document on stdout' },
    VERBOSE,
  ],
  run: runUpgradeCommand,
};

async function runUpgradeCommand({ args, options }: ParsedCommand): Promise<number> {
  if (options.phase === undefined) throw new UsageError('upgrade needs --phase: 1, 2 or 3 (the phase of the guide to reach).');
  const phase = String(options.phase);
  if (!/^[123]$/.test(phase)) throw new UsageError(`Invalid --phase ${JSON.stringify(phase)}: expected one of 1, 2, 3.`);
  // The analysis, the Rust parser and the edits load only for this command.
  const { runUpgrade } = await import('../run-upgrade.js');
  return runUpgrade({
    dir: args[0] ?? process.cwd(),
    phase: Number(phase) as 1 | 2 | 3,
    options,
  });
}
