// The report `check` produces; `--json` prints exactly `CheckReport`.

import type { Finding } from '../guide/findings.js';
import type { StepResult } from '../guide/steps.js';

export type { StepResult, StepStatus } from '../guide/steps.js';


export interface RuntimeReport {
  /** Repository-relative folder of the runtime crate. */
  path: string;
  /** The runtime's package name. */
  crate: string;
  /** The polkadot-sdk release it pins (`polkadot-stable2503`), or null, and what that was read from. */
  release: { name: string | null; evidence: string };
  /** Highest phase whose runtime and node steps all pass (0 when phase 1 is not met). */
  phase: number;
  steps: StepResult[];
}

export interface CheckReport {
  /** Whether the check succeeded (exit code 0). */
  ok: boolean;
  command: 'check';
  /** Lowest phase over the runtimes. */
  phase: number;
  exitCode: number;
  runtimes: RuntimeReport[];
}

/** What the human-readable report adds around the JSON document. */
export interface AuditDetails {
  report: CheckReport;
  /**
   * Per runtime: the node crate judged with it, for the text report, and the findings behind
   * its steps (the facts upgrade edits).
   */
  runtimes: { node: string | null; findings: Finding[] }[];
  /** Files that do not parse or cannot be read (`file:line: text`). */
  problems: { file: string; line: number | null; message: string }[];
  /** Stacks of analysis errors, printed with --verbose only. */
  internalErrors: string[];
  /** Network configs read. */
  networkFiles: string[];
}
