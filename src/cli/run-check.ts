// `create-async-parachain check [directory]`: audits a Cumulus parachain repository against every
// step of the async backing guide. The audit (and the Rust parser it needs) is loaded only here,
// by a dynamic import, so the other commands never pay for it.

import { stderr, stdout } from './output.js';
import { repositoryFolder } from './repository-folder.js';
import { styleFor } from './style.js';
import { EXIT, UsageError } from '../errors.js';

export interface CheckOptions {
  dir: string;
  /** The phase exit code 0 stands for. */
  phase: 1 | 2 | 3;
  json: boolean;
  /** Print the stacks of analysis errors. */
  verbose: boolean;
}

/**
 * Prints the report (stdout) and returns the exit code: 0 when every runtime meets the phase and
 * no relay prerequisite fails, 1 otherwise, 2 when a file could not be read (named on stderr). A
 * folder that cannot be audited throws a UsageError (exit 2), reported like every other error by main.ts.
 */
export async function runCheck(options: CheckOptions): Promise<number> {
  const err = styleFor(stderr);
  const dir = repositoryFolder(options.dir);

  const { audit, NoRuntimeError, UnreadableError } = await import('../check/audit.js');
  let details;
  try {
    details = await audit(dir, options.phase);
  } catch (e) {
    if (e instanceof NoRuntimeError || e instanceof UnreadableError) throw new UsageError(e.message, EXIT.usage);
    throw e;
  }
  if (options.json) {
    stdout.write(`${JSON.stringify(details.report, null, 2)}\n`);
    for (const p of details.problems.filter((x) => !x.read)) {
      stderr.write(`${err.yellow('warning:')} ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}\n`);
    }
  } else {
    const { formatReport } = await import('../check/report.js');
    stdout.write(formatReport(details, options.phase, styleFor(stdout)));
  }
  if (options.verbose) for (const stack of details.internalErrors) stderr.write(`${stack}\n`);
  return details.report.exitCode;
}
