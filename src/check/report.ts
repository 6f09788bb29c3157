// The human-readable `check` report: one block per runtime, one line per guide step, with the
// evidence and, for a failure, the fix.

import { GUIDE_STEPS } from '../guide/steps.js';
import type { AuditDetails, Prerequisite, RuntimeReport, StepResult } from './types.js';

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
    out.push(...formatPrerequisite(runtime.prerequisite, style));
    for (const step of runtime.steps) out.push(...formatStep(step, style));
    out.push(...formatStalls(runtime, style), ...formatElasticScaling(runtime, style), ...formatTiming(runtime, style));
    out.push('');
  });

  if (details.problems.length > 0) {
    out.push(style.yellow('Files that could not be read or parsed (their steps may be misjudged):'));
    for (const p of details.problems) out.push(`  ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
    out.push('');
  }

  const behind = report.runtimes.filter((r) => r.phase < wanted);
  const relayFails = report.runtimes.filter((r) => r.prerequisite.status === 'fail');
  if (behind.length === 0) {
    out.push(style.green(`Every runtime meets phase ${wanted}.`));
  } else {
    const count = (r: (typeof behind)[number], status: string) => r.steps.filter((s) => s.status === status && phaseOfStep(s.id) <= wanted && s.id !== 'prereq').length;
    const plural = (n: number, what: string) => `${n} step${n === 1 ? '' : 's'} ${what}`;
    const why = (r: (typeof behind)[number]) => [count(r, 'fail') > 0 ? plural(count(r, 'fail'), 'to fix') : '', count(r, 'unknown') > 0 ? plural(count(r, 'unknown'), 'to check by hand') : ''].filter(Boolean).join(', ');
    out.push(style.red(behind.map((r) => `${r.path} meets phase ${r.phase}, not ${wanted} (${why(r)})`).join('; ') + '.'));
  }
  if (relayFails.length > 0) {
    out.push(style.red(`The relay chain prerequisite fails for ${relayFails.map((r) => r.path).join(', ')}: its network runs without async backing.`));
  }
  return out.join('\n') + '\n';
}

function phaseOfStep(id: string): number {
  return GUIDE_STEPS.find((s) => s.id === id)?.phase ?? 0;
}

/** The relay prerequisite: its verdict, the evidence it rests on, and a fix for a failure. */
function formatPrerequisite(p: Prerequisite, style: ReportStyle): string[] {
  const status = p.status === 'pass' ? style.green('pass') : p.status === 'fail' ? style.red('FAIL') : style.yellow('??? ');
  const lines = [`  ${'relay'.padEnd(6)} ${status}  Relay chain: async_backing_params and scheduler lookahead (judged apart from the phase)`];
  lines.push(`                ${p.message}`);
  for (const e of p.evidence) lines.push(`                ${style.dim(`${e.file ? `${e.file}${e.line ? `:${e.line}` : ''}: ` : ''}${e.message}`)}`);
  if (p.fix) {
    lines.push(`                ${style.cyan('fix:')}`);
    for (const l of p.fix.split('\n')) lines.push(`                  ${l}`);
  }
  return lines;
}

function formatStalls(runtime: RuntimeReport, style: ReportStyle): string[] {
  if (runtime.stalls.length === 0) return [];
  const lines = ['', `  ${style.bold('Known causes of a stalled or slowed chain:')}`];
  for (const c of runtime.stalls) {
    lines.push(`    ${style.red('!')} ${c.file ? style.dim(`${c.file}${c.line ? `:${c.line}` : ''}: `) : ''}${c.message}`);
    lines.push(`      ${style.dim(`(${c.source})`)}`);
  }
  return lines;
}

/** Elastic scaling readiness: one line per item. */
function formatElasticScaling(runtime: RuntimeReport, style: ReportStyle): string[] {
  const e = runtime.elasticScaling;
  if (e.items.length === 0) return [];
  const verdict = e.ready === 'yes' ? style.green('ready') : e.ready === 'no' ? style.red('not ready') : style.yellow('unknown');
  const setting = e.enabled ? `velocity ${e.velocity}, relay parent offset ${e.relayParentOffset ?? '?'}` : `velocity ${e.velocity ?? '?'}: not in use`;
  const lines = ['', `  ${style.bold(`Elastic scaling (${setting}):`)} ${e.enabled ? verdict : ''}`.trimEnd()];
  if (!e.enabled) {
    // Most chains run one core: name what elastic scaling would take, the details are in --json.
    const todo = e.items.filter((i) => i.status !== 'pass' && i.id !== 'velocity').map((i) => i.id);
    lines.push(`    ${style.dim(todo.length > 0 ? `to enable it, besides a higher velocity: ${todo.join(', ')} (details in --json)` : 'everything else it needs is in place')}`);
    return lines;
  }
  for (const item of e.items) {
    const status = item.status === 'pass' ? style.green('pass') : item.status === 'fail' ? style.red('FAIL') : style.yellow('??? ');
    const where = item.file ? style.dim(`${item.file}${item.line ? `:${item.line}` : ''}: `) : '';
    lines.push(`    ${status}  ${item.id}: ${where}${item.message}`);
  }
  return lines;
}

/** The durations counted in blocks, and what a shorter block time does to them. */
function formatTiming(runtime: RuntimeReport, style: ReportStyle): string[] {
  const t = runtime.timing;
  if (t.findings.length === 0) return [];
  const now = t.blockTimeMs === null ? 'an unknown block time' : `${t.blockTimeMs / 1000} s blocks`;
  const lines = ['', `  ${style.bold(`Timing by block number (at ${now}${t.shorterBlockTimeMs !== null ? `; effects at ${t.shorterBlockTimeMs / 1000} s` : ''}):`)}`];
  for (const f of t.findings) {
    const value = f.blocks === null ? '? blocks' : `${f.blocks} ${f.basis === 'relay' ? 'relay ' : ''}blocks${f.duration ? ` = ${f.duration}` : ''}`;
    lines.push(`    ${f.name}: ${value}  ${style.dim(`${f.file}:${f.line}`)}`);
    lines.push(`      ${style.dim(f.effect)}`);
  }
  return lines;
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
