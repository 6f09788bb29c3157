// `create-async-parachain check [directory]`: audits a Cumulus parachain repository against every
// step of the async backing guide. The audit (and the Rust parser it needs) is loaded only here,
// by a dynamic import, so the other commands never pay for it.

import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { styleFor } from '../cli/style.js';

export interface CheckOptions {
  dir: string;
  /** The phase exit code 0 stands for. */
  phase: 1 | 2 | 3;
  json: boolean;
}

/** Prints the report (stdout) and returns the exit code: 0 phase met, 1 not met, 2 read or usage error. */
export async function runCheck(options: CheckOptions): Promise<number> {
  const err = styleFor(process.stderr);
  const error = (message: string): number => {
    process.stderr.write(`${err.red('error:')} ${message}\n`);
    if (options.json) process.stdout.write(`${JSON.stringify({ ok: false, exitCode: 2, error: message })}\n`);
    return 2;
  };
  if (![1, 2, 3].includes(options.phase)) return error(`--phase must be 1, 2 or 3, not ${String(options.phase)}.`);
  const dir = resolve(options.dir);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    return error(`${dir} does not exist.`);
  }
  if (!isDir) return error(`${dir} is not a directory.`);

  const { audit, NoRuntimeError } = await import('../check/audit.js');
  let details;
  try {
    details = await audit(dir);
  } catch (e) {
    if (e instanceof NoRuntimeError) return error(e.message);
    throw e;
  }
  const met = details.report.runtimes.every((r) => r.phase >= options.phase);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(details.report, null, 2)}\n`);
    for (const p of details.problems) {
      process.stderr.write(`${err.yellow('warning:')} ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}\n`);
    }
  } else {
    const { formatReport } = await import('../check/report.js');
    process.stdout.write(formatReport(details, options.phase, styleFor(process.stdout)));
  }
  return met ? 0 : 1;
}
