// `--slot-duration MS`: the one setting `upgrade` takes that the settings schema does not have
// yet. It is written as a schema entry is (flag, kind, rule, warning) so it folds into the
// schema's `slotDurationMs` entry (src/settings/schema.ts, branch cli-fixes) once that lands; the
// rule is SPEC §1.1's: a multiple of the block time, and changing a live chain's slot warns.

import { SettingsError } from '../errors.js';

export const SLOT_DURATION_SETTING = {
  flag: 'slot-duration',
  kind: { type: 'int', min: 500, max: 60000 } as const,
  describe: "change the Aura slot duration to MS (default: keep the chain's slot; changing a running chain's slot can halt it)",
  rule: (slotMs: number, blockTimeMs: number): string | undefined => (slotMs % blockTimeMs !== 0 ? `a multiple of the block time (${blockTimeMs} ms)` : undefined),
  warn: (slotMs: number): string =>
    `--slot-duration changes the Aura slot to ${slotMs} ms: on a running chain this must ship as a planned runtime upgrade, coordinated with the collators, or block production stops.`,
};

/** Parses the flag's value; throws a SettingsError naming the flag, the value and what is allowed. */
export function parseSlotDuration(raw: string, blockTimeMs: number): number {
  const { min, max } = SLOT_DURATION_SETTING.kind;
  const n = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new SettingsError(`Invalid --slot-duration ${JSON.stringify(raw)}: expected an integer from ${min} to ${max}.`);
  const allowed = SLOT_DURATION_SETTING.rule(n, blockTimeMs);
  if (allowed) throw new SettingsError(`Invalid --slot-duration ${n}: must be ${allowed}.`);
  return n;
}
