// The report `check` produces; `--json` prints exactly `CheckReport`.

export type StepStatus = 'pass' | 'fail' | 'n/a';

export interface StepResult {
  /** Guide step id: `prereq`, `1.1` … `3.5`. */
  id: string;
  status: StepStatus;
  /** Repository-relative file holding the evidence (or where the fix goes), or null. */
  file: string | null;
  line: number | null;
  message: string;
  /** For a failure: the guide's snippet rendered with the project's values. */
  fix: string | null;
}

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
  /** Per runtime: crate name and the node crate judged with it, for the text report. */
  runtimes: { crate: string; node: string | null }[];
  /** Files that do not parse or cannot be read (`file:line: text`). */
  problems: { file: string; line: number | null; message: string }[];
  /** Network configs read. */
  networkFiles: string[];
}
