// The report `check` produces; `--json` prints exactly `CheckReport`.

import type { Finding } from '../guide/findings.js';
import type { StepResult } from '../guide/steps.js';

export type { StepResult, StepStatus } from '../guide/steps.js';


export interface RuntimeReport {
  /** Repository-relative folder of the runtime crate. */
  path: string;
  /** Highest phase fully met (0 when phase 1 is not). */
  phase: number;
  steps: StepResult[];
}

export interface CheckReport {
  /** Lowest phase over the runtimes. */
  phase: number;
  runtimes: RuntimeReport[];
}

/** What the human-readable report adds around the JSON document. */
export interface AuditDetails {
  report: CheckReport;
  /**
   * Per runtime: crate name and the node crate judged with it, for the text report, and the
   * findings behind its steps (the facts upgrade edits).
   */
  runtimes: { crate: string; node: string | null; findings: Finding[] }[];
  /** Files that do not parse or cannot be read (`file:line: text`). */
  problems: { file: string; line: number | null; message: string }[];
  /** Network configs read. */
  networkFiles: string[];
}
