// After a real run, `check` judges the edited tree again: an upgrade is done only when every
// runtime it touched reads at the phase asked for. A step check cannot judge (a value computed
// at run time, say) or an edit that did not take is named here instead of being claimed done.

import { audit } from '../check/audit.js';

export interface PhaseAfter {
  path: string;
  phase: number;
  /** Steps of the wanted phase still failing or unknown: `2.5 unknown`. */
  open: string[];
}

/** Each runtime of `paths` as check reads it now, for the wanted phase. */
export async function phasesAfter(root: string, paths: readonly string[], wanted: 1 | 2 | 3): Promise<PhaseAfter[]> {
  const { report } = await audit(root, wanted);
  return report.runtimes
    .filter((r) => paths.includes(r.path))
    .map((r) => ({
      path: r.path,
      phase: r.phase,
      open: r.steps.filter((s) => Number(s.id.split('.')[0]) <= wanted && (s.status === 'fail' || s.status === 'unknown')).map((s) => `${s.id} ${s.status}`),
    }));
}
