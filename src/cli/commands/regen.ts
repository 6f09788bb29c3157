// `create-async-parachain regen <fragment...>`: rewrite fragments of an existing project.

import { Command, Option } from 'commander';
import { EXIT } from '../../errors.js';
import { FRAGMENT_CHOICES } from '../../project/fragment-names.js';
import type { RegenResult } from '../../project/regen.js';
import { addSettingFlags, settingsFromFlags } from '../flags.js';
import { styleFor } from '../style.js';
import { printJson, printWarnings, strict, type SetExit } from './shared.js';

export function regenCommand(setExit: SetExit): Command {
  const choices = FRAGMENT_CHOICES.join(', ');
  const regen = strict(
    new Command('regen')
      .description(`regenerate fragments of a generated project (${choices}); setting flags change the manifest's settings first`)
      .argument('<fragment...>', `fragments to rewrite: ${choices}`)
      .addOption(new Option('--dir <path>', 'the project folder (default: the nearest folder with async-parachain.json)'))
      .addOption(new Option('--dry-run', 'print a unified diff; write nothing'))
      .addOption(new Option('--force', 'replace fragments edited by hand (a copy is saved first) and allow a block-time change'))
      .addOption(new Option('--json', 'print one JSON document on stdout')),
  );
  addSettingFlags(regen);
  regen.action(async (fragments: string[], opts: Record<string, unknown>, command: Command) => {
    const { runRegen } = await import('../../commands/regen.js');
    const dryRun = Boolean(opts.dryRun);
    const result = runRegen({
      fragments,
      dir: opts.dir as string | undefined,
      flags: settingsFromFlags(command),
      force: Boolean(opts.force),
      dryRun,
    });
    printRegenResult(result, Boolean(opts.json), dryRun);
    setExit(EXIT.ok);
  });
  return regen;
}

function printRegenResult(result: RegenResult & { root: string }, json: boolean, dryRun: boolean): void {
  if (json) {
    const { diff, ...rest } = result;
    printJson({ ok: true, command: 'regen', dryRun, ...rest, ...(dryRun ? { diff } : {}) });
    return;
  }
  printWarnings(result.warnings);
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
