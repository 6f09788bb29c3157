// `create-async-parachain regen <fragment...>`: rewrite fragments of an existing project.

import { EXIT } from '../../errors.js';
import { FRAGMENT_CHOICES } from '../../project/fragment-names.js';
import type { RegenResult } from '../../project/regen.js';
import type { CommandSpec, ParsedCommand } from '../args.js';
import { SETTING_OPTIONS, settingsFromFlags } from '../flags.js';
import { stdout } from '../output.js';
import { styleFor } from '../style.js';
import { printJson, printWarnings, VERBOSE } from './shared.js';

const choices = FRAGMENT_CHOICES.join(', ');

export const regenCommand: CommandSpec = {
  name: 'regen',
  description: `regenerate fragments of a generated project (${choices}); setting flags change the manifest's settings first`,
  arguments: [{ name: 'fragment', describe: `fragments to rewrite: ${choices}`, required: true, variadic: true }],
  options: [
    { long: 'dir', value: 'path', describe: 'the project folder (default: the nearest folder with async-parachain.json)' },
    { long: 'dry-run', describe: 'print a unified diff; write nothing' },
    { long: 'force', describe: 'replace fragments edited by hand (a copy is saved first) and allow a block-time change' },
    { long: 'json', describe: 'print one JSON document on stdout' },
    VERBOSE,
    ...SETTING_OPTIONS,
  ],
  run: runRegenCommand,
};

async function runRegenCommand({ args, options }: ParsedCommand): Promise<number> {
  const { runRegen } = await import('../run-regen.js');
  const dryRun = options.dryRun === true;
  const result = runRegen({
    fragments: args,
    dir: options.dir as string | undefined,
    flags: settingsFromFlags(options),
    force: options.force === true,
    dryRun,
  });
  printRegenResult(result, options.json === true, dryRun);
  return EXIT.ok;
}

function printRegenResult(result: RegenResult & { root: string }, json: boolean, dryRun: boolean): void {
  if (json) {
    const { diff, ...rest } = result;
    printJson({ ok: true, command: 'regen', dryRun, ...rest, ...(dryRun ? { diff } : {}) });
    return;
  }
  printWarnings(result.warnings);
  if (dryRun) {
    stdout.write(result.diff === '' ? 'Nothing would change.\n' : result.diff);
    return;
  }
  if (result.changed.length === 0) {
    stdout.write('Everything is up to date; no file changed.\n');
    return;
  }
  for (const region of result.regions) stdout.write(`rewrote ${region}\n`);
  if (result.backup) stdout.write(`Saved the hand-edited files under ${result.backup} before replacing them.\n`);
  stdout.write(`${styleFor(stdout).green('Done.')} ${result.changed.length} files changed (phase ${result.settings.phase}).\n`);
}
