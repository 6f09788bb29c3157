// `create-async-parachain upgrade`: resolves the team's choices through the settings schema,
// plans the edits (src/upgrade/plan.ts), applies them (src/upgrade/apply.ts) and prints the plan,
// the diff for --dry-run, and the manual steps; after a real run, check judges the tree again.
// Exit 0 when every runtime reads at the phase asked for, 1 when steps are left to the team (or
// on a refusal), 2 on usage errors.

import { EXIT } from '../errors.js';
import { resolveSettings } from '../settings/resolve.js';
import { applyPlan } from '../upgrade/apply.js';
import { planUpgrade } from '../upgrade/plan.js';
import { phasesAfter } from '../upgrade/verify.js';
import { parseSlotDuration, SLOT_DURATION_SETTING } from '../upgrade/slot-duration.js';
import { printJson, printWarnings } from './commands/shared.js';
import { optionKey } from './args.js';
import { settingsFromFlags } from './flags.js';
import { stdout } from './output.js';
import { repositoryFolder } from './repository-folder.js';
import { styleFor } from './style.js';

export interface UpgradeCliOptions {
  dir: string;
  phase: 1 | 2 | 3;
  options: Readonly<Record<string, string | boolean>>;
}

export async function runUpgrade({ dir, phase, options }: UpgradeCliOptions): Promise<number> {
  const root = repositoryFolder(dir);

  // Capacity, velocity and authoring duration: the schema's flags, defaults and rules for the phase.
  const flags = settingsFromFlags(options);
  // Velocity above 1 in phase 3 is elastic scaling: the schema checks it with the offset and the
  // capacity; plan.ts refuses a chain on a release without it.
  const given = { phase, capacity: flags.capacity, velocity: flags.velocity, relayParentOffset: flags.relayParentOffset, authoringMs: flags.authoringMs };
  const resolved = resolveSettings(given);
  const { settings } = resolved;
  // The schema's velocity warning speaks of a generated network; an upgrade's is the team's own.
  const warnings = resolved.warnings.filter((w) => !w.startsWith(`velocity ${settings.velocity} is elastic scaling`));
  if (phase === 3 && settings.velocity > 1) {
    warnings.push(`velocity ${settings.velocity} is elastic scaling: the parachain needs ${settings.velocity} relay cores; on a live relay chain it holds one, so buy and assign ${settings.velocity - 1} more on the Coretime chain (create-async-parachain's README, section upgrade), and run every collator with the slot-based collator first.`);
  }
  const slotRaw = options[optionKey(SLOT_DURATION_SETTING.flag)];
  const slotDurationMs = typeof slotRaw === 'string' ? parseSlotDuration(slotRaw, settings.blockTimeMs) : undefined;
  if (slotDurationMs !== undefined) warnings.push(SLOT_DURATION_SETTING.warn(slotDurationMs));
  if (phase >= 2 && settings.authoringMs <= 500) {
    warnings.push(`authoring duration ${settings.authoringMs} ms is the basic collator's; check expects more than 500 ms with the lookahead collator (the guide uses 2000).`);
  }

  const plan = await planUpgrade({
    root,
    runtime: typeof options.runtime === 'string' ? options.runtime : undefined,
    targets: {
      phase,
      capacity: settings.capacity,
      velocity: settings.velocity,
      capacityGiven: flags.capacity !== undefined,
      velocityGiven: flags.velocity !== undefined,
      authoringGiven: flags.authoringMs !== undefined,
      authoringMs: settings.authoringMs,
      slotDurationMs,
      relayParentOffset: settings.velocity > 1 ? settings.relayParentOffset : undefined,
    },
  });
  const dryRun = options.dryRun === true;
  const applied = await applyPlan(plan, { dryRun, force: options.force === true });
  const after = dryRun ? [] : await phasesAfter(root, plan.runtimes.map((r) => r.path), phase);
  const short = after.filter((a) => a.phase < phase);
  const code = plan.manual.length > 0 || short.length > 0 ? EXIT.refused : EXIT.ok;

  if (options.json === true) {
    printJson({
      ok: code === 0,
      command: 'upgrade',
      phase,
      dryRun,
      exitCode: code,
      runtimes: plan.runtimes.map((r) => {
        const a = after.find((x) => x.path === r.path);
        return { path: r.path, crate: r.crate, release: r.release, phaseBefore: r.phaseBefore, ...(a ? { phaseAfter: a.phase, open: a.open } : {}), applied: r.applied.map((x) => x.id), met: r.met };
      }),
      manual: plan.manual,
      files: applied.files,
      backup: applied.backup,
      notes: plan.notes,
      timing: plan.timing,
      warnings,
      ...(dryRun ? { diff: applied.diff } : {}),
    });
    return code;
  }
  printWarnings(warnings);
  const out = styleFor(stdout);
  for (const r of plan.runtimes) {
    stdout.write(`${out.bold(r.path)} (${r.crate}, ${r.release}): phase ${r.phaseBefore} → ${phase}\n`);
    for (const a of r.applied) stdout.write(`  ${out.green('edit')}   ${a.id} ${a.title}\n`);
    if (r.met.length > 0) stdout.write(`  ${out.dim(`already met: ${r.met.join(', ')}`)}\n`);
  }
  for (const n of plan.notes) stdout.write(`note: ${n}\n`);
  if (plan.timing.length > 0) {
    stdout.write(`\nTiming by block number (the block time changes; durations counted in blocks change with it):\n`);
    for (const t of plan.timing) stdout.write(`  ${t}\n`);
  }
  if (plan.manual.length > 0) {
    stdout.write(`\n${out.yellow('Manual steps')} (not applied; upgrade could not make these edits safely):\n`);
    for (const m of plan.manual) {
      stdout.write(`  ${m.step} ${m.file ?? ''}${m.line ? `:${m.line}` : ''}: ${m.reason}\n`);
      if (m.snippet) stdout.write(`${m.snippet.replace(/^/gm, '      ')}\n`);
    }
  }
  if (dryRun) {
    stdout.write(applied.diff === '' ? '\nNothing would change.\n' : `\n${applied.diff}`);
  } else if (applied.files.length === 0) {
    stdout.write('\nNo file changed.\n');
  } else {
    const copies = applied.backup ? ` Copies of the files it changed are in ${applied.backup}.` : '';
    stdout.write(`\n${out.green('Done.')} ${applied.files.length} files changed or added: ${applied.files.join(', ')}.${copies}\n`);
  }
  for (const a of short) {
    stdout.write(`${out.yellow('Not yet phase ' + phase)}: check reads ${a.path} at phase ${a.phase} after the edits (${a.open.join(', ') || 'see check'}).\n`);
  }
  return code;
}
