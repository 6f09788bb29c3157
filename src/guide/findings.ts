// What judging a step yields: the verdict the report prints, and for each fact the step read,
// where it is, what it is and what the step wants — what `upgrade` needs to edit it.

import type { FactName, StepResult } from './steps.js';

/** A stretch of a file: offsets into the file's text (as read, UTF-16 code units), and its line. */
export interface Span {
  /** Repository-relative path. */
  file: string;
  line: number;
  start: number;
  end: number;
}

/** A fact's value: a number, a boolean, source text (a type or path as written), or absent. */
export type FactValue = bigint | boolean | string | null;

export interface Target {
  /**
   * The value the step wants written: a number or boolean, a Rust path or expression, `null`
   * for "remove it" (CheckInherents). Rendered by the step's snippet as the fix shows it.
   */
  value: FactValue;
  /** Values the step also accepts as they are (step 1.1 takes any capacity ≥ 1). */
  accepts?: { min?: bigint; max?: bigint };
  /**
   * The `cfg` the item must sit under on the project's release (`feature = "experimental"` for
   * pallet-aura's SlotDuration on polkadot-v1.x), `null` when it must be unconditional;
   * absent when the step does not care.
   */
  cfg?: string | null;
}

export interface FactFinding {
  fact: FactName;
  /** Where the fact is written; null when it is missing. */
  at: Span | null;
  /** Where a missing fact belongs (the enclosing config impl, API block, function or file). */
  within: Span | null;
  current: FactValue;
  target: Target;
}

export interface Finding extends StepResult {
  /** The facts the step read, for upgrade. Empty when the step does not apply. */
  facts: FactFinding[];
}

/** The report's view of a finding (the fields `--json` prints). */
export function resultOf(finding: Finding): StepResult {
  const { id, status, file, line, message, fix } = finding;
  return { id, status, file, line, message, fix };
}
