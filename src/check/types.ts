// The report `check` produces; `--json` prints exactly `CheckReport`.

import type { Finding } from '../guide/findings.js';
import type { Prerequisite } from '../guide/relay-steps.js';
import type { StallCause } from '../guide/stall-causes.js';
import type { ElasticScalingReport } from '../guide/elastic-scaling.js';
import type { StepResult } from '../guide/steps.js';
import type { TimingReport } from '../guide/timing.js';

export type { StepResult, StepStatus } from '../guide/steps.js';
export type { Evidence, Prerequisite, PrerequisiteStatus } from '../guide/relay-steps.js';
export type { StallCause } from '../guide/stall-causes.js';
export type { ElasticItem, ElasticScalingReport } from '../guide/elastic-scaling.js';
export type { TimingEntry, TimingReport } from '../guide/timing.js';


export interface RuntimeReport {
  /** Repository-relative folder of the runtime crate. */
  path: string;
  /** The runtime's package name. */
  crate: string;
  /** The polkadot-sdk release it pins (`polkadot-stable2503`), or null, and what that was read from. */
  release: { name: string | null; evidence: string };
  /** Highest phase whose runtime and node steps all pass (0 when phase 1 is not met). */
  phase: number;
  /** The relay chain prerequisite, judged apart from the phase. */
  prerequisite: Prerequisite;
  steps: StepResult[];
  /** Durations the runtime counts in its own blocks (the guide's "Timing by Block Number"). */
  timing: TimingReport;
  /** Known causes of stalled or slowed chains found in this runtime and its relay config. */
  stalls: StallCause[];
  /** Whether the runtime, its collator and its network are ready for elastic scaling, item by item. */
  elasticScaling: ElasticScalingReport;
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
  problems: { file: string; line: number | null; message: string; read?: boolean }[];
  /** Stacks of analysis errors, printed with --verbose only. */
  internalErrors: string[];
  /** Network configs read. */
  networkFiles: string[];
}
