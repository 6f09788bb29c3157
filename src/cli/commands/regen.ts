// `create-async-parachain regen <fragment...>`: rewrite fragments of an existing project.

import { EXIT } from '../../errors.js';
import { FRAGMENT_CHOICES } from '../../project/fragment-names.js';
import { findProjectRoot, readManifest } from '../../project/read-manifest.js';
import type { RegenResult } from '../../project/regen.js';
import type { CommandSpec, OptionSpec, ParsedCommand } from '../args.js';
import { SETTING_OPTIONS, settingOptions, settingsFromFlags } from '../flags.js';
import { stderr, stdout } from '../output.js';
import { styleFor } from '../style.js';
import { exitCodes, printJson, printWarnings, VERBOSE } from './shared.js';

const choices = FRAGMENT_CHOICES.join(', ');

const REGEN_OPTIONS: readonly OptionSpec[] = [
  { long: 'dir', value: 'path', describe: 'the project folder (default: the nearest folder with async-parachain.json)' },
  { long: 'dry-run', describe: 'print a unified diff and every conflict; write nothing (exit 1 where a real run would refuse)' },
  { long: 'force', describe: 'replace fragments edited by hand (a copy is saved first under .async-parachain/backup/)' },
  { long: 'json', describe: 'print one JSON document on stdout' },
  VERBOSE,
];

export const regenCommand: CommandSpec = {
  name: 'regen',
  description: `regenerate fragments of a generated project (${choices}); setting flags change the manifest's settings first, and a running chain keeps its Aura slot unless --slot-duration changes it`,
  arguments: [{ name: 'fragment', describe: `fragments to rewrite: ${choices}`, required: true, variadic: true }],
  options: [...REGEN_OPTIONS, ...SETTING_OPTIONS],
  examples: [
    ['npx create-async-parachain regen all --phase 2', 'phase 1 → 2: the node moves to the lookahead collator'],
    ['npx create-async-parachain regen all --phase 3', 'phase 2 → 3: async backing on, 6 s blocks; the chain keeps its 12 s slot'],
    ['npx create-async-parachain regen zombienet --collators 4 --dry-run', 'the diff it would make, nothing written'],
  ],
  exitCodes: exitCodes('invalid settings, a fragment edited by hand (see --force), or a dry run that a real run would refuse'),
  helpWith: (argv) => ({ ...regenCommand, options: [...REGEN_OPTIONS, ...settingOptions(projectSettings(argv))] }),
  run: runRegenCommand,
};

// `regen --help` inside a project (or with --dir) shows the project's values, not new-project defaults.
function projectSettings(argv: readonly string[]) {
  const at = argv.findIndex((a) => a === '--dir' || a.startsWith('--dir='));
  const dir = at < 0 ? undefined : argv[at]!.startsWith('--dir=') ? argv[at]!.slice('--dir='.length) : argv[at + 1];
  try {
    return readManifest(findProjectRoot(dir ?? process.cwd(), dir !== undefined)).settings;
  } catch {
    return undefined;
  }
}

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
  return result.refusal ? EXIT.refused : EXIT.ok;
}

function printRegenResult(result: RegenResult & { root: string }, json: boolean, dryRun: boolean): void {
  if (json) {
    const { diff, refusal, ...rest } = result;
    const ok = refusal === null;
    printJson({ ok, command: 'regen', dryRun, ...(ok ? {} : { exitCode: EXIT.refused, error: refusal }), ...rest, ...(dryRun ? { diff } : {}) });
    return;
  }
  printWarnings(result.warnings);
  if (dryRun) {
    stdout.write(result.diff === '' ? 'Nothing would change.\n' : result.diff);
    if (result.refusal) stderr.write(`${styleFor(stderr).red('error:')} A real run would refuse: ${result.refusal}\n`);
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
