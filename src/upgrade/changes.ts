// What planning an upgrade collects: the edits, the steps left to the team (with the snippet
// for their release and the place it belongs), and notes for the plan's reader.

import type { Edit } from './edits.js';
import type { UpgradeStepId } from './upgrade-steps.js';

export type { UpgradeStepId };

export interface ManualStep {
  step: UpgradeStepId;
  /** Repository-relative file and line the code belongs at, when known. */
  file: string | null;
  line: number | null;
  /** Why upgrade left it to the team, in one sentence. */
  reason: string;
  /** The code for the project's release, rendered from the guide's fix. */
  snippet: string | null;
}

export class Changes {
  readonly edits: Edit[] = [];
  readonly manual: ManualStep[] = [];
  readonly notes: string[] = [];

  edit(step: UpgradeStepId, file: string, start: number, end: number, text: string): void {
    this.edits.push({ step, file, start, end, text });
  }

  /** A new file (a script beside a network config): written whole, never over an existing file. */
  create(step: UpgradeStepId, file: string, text: string): void {
    this.edits.push({ step, file, start: 0, end: 0, text, create: true });
  }

  leave(step: UpgradeStepId, file: string | null, line: number | null, reason: string, snippet: string | null = null): void {
    if (this.manual.some((m) => m.step === step && m.file === file && m.line === line && m.reason === reason)) return;
    this.manual.push({ step, file, line, reason, snippet });
  }

  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }
}
