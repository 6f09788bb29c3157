// Where a rendered project implements each guide step: every step is anchored by a
// `[guide <id>]` comment on the line above its code (see docs/templates.md).

import { GUIDE_STEPS, type GuideStep } from './steps.js';

export interface StepLocation {
  step: GuideStep;
  file: string;
  line: number;
}

const ANCHOR = /\[guide (prereq|\d\.\d)\]/;
// JSON has no comments: a JSON network's prerequisite is the line that opens its params.
const JSON_PREREQ = /"async_backing_params"\s*:/;

/** Every anchored step in the rendered files, in guide order, with its file and line. */
export function locateSteps(files: ReadonlyMap<string, string>): StepLocation[] {
  const found = new Map<string, { file: string; line: number }>();
  for (const [file, text] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    // Most files anchor nothing: skip them without splitting them into lines.
    if (!text.includes('[guide ') && !(file.endsWith('.json') && JSON_PREREQ.test(text))) continue;
    text.split('\n').forEach((line, index) => {
      const id = ANCHOR.exec(line)?.[1] ?? (file.endsWith('.json') && JSON_PREREQ.test(line) ? 'prereq' : undefined);
      if (id && !found.has(id)) found.set(id, { file, line: index + 1 });
    });
  }
  return GUIDE_STEPS.flatMap((step) => {
    const at = found.get(step.id);
    return at ? [{ step, ...at }] : [];
  });
}
