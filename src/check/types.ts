// The report `check` produces; `--json` prints exactly `CheckReport`.

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
  /** Highest phase fully met (0 when phase 1 is not). */
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
  /** Lowest phase over the runtimes. */
  phase: number;
  runtimes: RuntimeReport[];
}

/** What the human-readable report adds around the JSON document. */
export interface AuditDetails {
  report: CheckReport;
  /** Per runtime: crate name and the node crate judged with it, for the text report. */
  runtimes: { crate: string; node: string | null }[];
  /** Files that do not parse or cannot be read (`file:line: text`); `read`: a read error (exit 2). */
  problems: { file: string; line: number | null; message: string; read?: boolean }[];
  /** Network configs read. */
  networkFiles: string[];
}
