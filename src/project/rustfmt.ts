// Runs rustfmt over generated files, on request (`--format`). The templates are rustfmt-clean on
// their own (the test suite proves it over the whole settings space), so this is a safety net: a
// missing rustfmt skips it with a warning, and there is no separate probe (a rustup start-up).

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** Formats the given `.rs` files under `dir` in place; returns false when rustfmt is not installed. */
export function formatRustFiles(dir: string, relativePaths: readonly string[]): boolean {
  if (relativePaths.length === 0) return true;
  const result = spawnSync(
    'rustfmt',
    ['--edition', '2021', '--config-path', join(dir, 'rustfmt.toml'), ...relativePaths.map((p) => join(dir, p))],
    { encoding: 'utf8' },
  );
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return false;
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`rustfmt failed on the generated code: ${(result.stderr || result.stdout).trim()}`);
  }
  return true;
}
