// The human-readable `check` report: one block per runtime, one line per guide step, with the
// evidence and, for a failure, the fix.

import { GUIDE_STEPS } from '../guide/steps.js';
import type { AuditDetails, StepResult } from './types.js';

/** The colours the report uses (the CLI's style for stdout provides them). */
export type ReportStyle = Record<'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan', (text: string) => string>;

export function formatReport(details: AuditDetails, wanted: number, style: ReportStyle): string {
  const out: string[] = [];
  const { report } = details;
  report.runtimes.forEach((runtime, index) => {
    const names = details.runtimes[index]!;
    const node = names.node ? `, node ${names.node}` : ', no node crate';
    const met = runtime.phase >= wanted;
    out.push(style.bold(`Runtime ${runtime.path} (${runtime.crate}${node}): phase ${runtime.phase} of 3 met`) + (met ? '' : style.dim(` (--phase ${wanted} wanted)`)));
    const release = runtime.release.name ?? 'unknown';
    out.push(`  SDK release: ${release} ${style.dim(`(${runtime.release.evidence})`)}`);
    out.push('');
    for (const step of runtime.steps) out.push(...formatStep(step, style));
    out.push('');
  });

  if (details.problems.length > 0) {
    out.push(style.yellow('Files that could not be read or parsed (their steps may be misjudged):'));
    for (const p of details.problems) out.push(`  ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
    out.push('');
  }

  const behind = report.runtimes.filter((r) => r.phase < wanted);
  if (behind.length === 0) {
    out.push(style.green(`Every runtime meets phase ${wanted}.`));
  } else {
    const count = (r: (typeof behind)[number], status: string) => r.steps.filter((s) => s.status === status && phaseOfStep(s.id) <= wanted && s.id !== 'prereq').length;
    const plural = (n: number, what: string) => `${n} step${n === 1 ? '' : 's'} ${what}`;
    const why = (r: (typeof behind)[number]) => [count(r, 'fail') > 0 ? plural(count(r, 'fail'), 'to fix') : '', count(r, 'unknown') > 0 ? plural(count(r, 'unknown'), 'to check by hand') : ''].filter(Boolean).join(', ');
    out.push(style.red(behind.map((r) => `${r.path} meets phase ${r.phase}, not ${wanted} (${why(r)})`).join('; ') + '.'));
  }
  return out.join('\n') + '\n';
}

function phaseOfStep(id: string): number {
  return GUIDE_STEPS.find((s) => s.id === id)?.phase ?? 0;
}

function formatStep(step: StepResult, style: ReportStyle): string[] {
  const title = GUIDE_STEPS.find((s) => s.id === step.id)?.title ?? '';
  const status = step.status === 'pass' ? style.green('pass') : step.status === 'fail' ? style.red('FAIL') : step.status === 'unknown' ? style.yellow('????') : style.dim('n/a ');
  const lines = [`  ${step.id.padEnd(6)} ${status}  ${title}`];
  const where = step.file ? `${step.file}${step.line ? `:${step.line}` : ''}: ` : '';
  lines.push(`                ${style.dim(where)}${step.message}`);
  if (step.fix) {
    lines.push(`                ${style.cyan('fix:')}`);
    for (const l of step.fix.split('\n')) lines.push(`                  ${l.replace(/\t/g, '    ')}`);
  }
  return lines;
}
