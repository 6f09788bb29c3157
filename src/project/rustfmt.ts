// Runs rustfmt over generated files as a safety net. The templates are rustfmt-clean on their
// own (the test suite proves it), so a missing rustfmt only skips this step.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export function rustfmtAvailable(): boolean {
  const probe = spawnSync('rustfmt', ['--version'], { stdio: 'ignore' });
  return probe.status === 0;
}

/** Formats the given `.rs` files under `dir` in place, with the project's rustfmt.toml. */
export function formatRustFiles(dir: string, relativePaths: readonly string[]): void {
  if (relativePaths.length === 0) return;
  const result = spawnSync(
    'rustfmt',
    ['--edition', '2021', '--config-path', join(dir, 'rustfmt.toml'), ...relativePaths.map((p) => join(dir, p))],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(`rustfmt failed on the generated code: ${(result.stderr || result.stdout).trim()}`);
  }
}
