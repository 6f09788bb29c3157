// The ecosystem's formatters over a generated tree: prettier for Markdown, JSON and YAML (its
// defaults: the project ships no prettier config), taplo (@taplo/lib) for TOML under the
// project's own `.config/taplo.toml`. The generator never loads either; the suite proves its
// output is what they would write, as it does with rustfmt for Rust.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import taploLib from '@taplo/lib';
import * as prettier from 'prettier';
import { parse as parseToml } from 'smol-toml';

type Taplo = Awaited<ReturnType<typeof taploLib.Taplo.initialize>>;
let taplo: Promise<Taplo> | undefined;

const PRETTIER = /\.(md|json|ya?ml|js)$/;

/** Every file under `dir` (relative, `/`-separated), skipping `target/`. */
function files(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return entry.name === 'target' ? [] : files(dir, rel);
    return [rel];
  });
}

/** taplo's options from a `[formatting]` table (`array_auto_expand` → `arrayAutoExpand`). */
function taploOptions(dir: string): Record<string, unknown> {
  const config = parseToml(readFileSync(path.join(dir, '.config/taplo.toml'), 'utf8')) as { formatting?: Record<string, unknown> };
  return Object.fromEntries(Object.entries(config.formatting ?? {}).map(([k, v]) => [k.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()), v]));
}

/** The first line where two texts differ, for the error message. */
function firstDifference(file: string, before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  const i = a.findIndex((line, n) => line !== b[n]);
  const at = i < 0 ? a.length : i;
  return `  ${file}:${at + 1}\n    - ${JSON.stringify(a[at])}\n    + ${JSON.stringify(b[at])}`;
}

/**
 * Throws, naming each file and its first changed line, unless prettier and taplo leave every
 * Markdown, JSON, YAML and TOML file under `dir` as it is. Returns the files checked by kind.
 */
export async function assertFormatted(dir: string): Promise<{ prettier: string[]; taplo: string[] }> {
  taplo ??= taploLib.Taplo.initialize();
  const toml = await taplo;
  const options = taploOptions(dir);
  const checked = { prettier: [] as string[], taplo: [] as string[] };
  const changed: string[] = [];
  for (const file of files(dir)) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    let formatted: string;
    if (PRETTIER.test(file)) {
      formatted = await prettier.format(text, { filepath: file });
      checked.prettier.push(file);
    } else if (file.endsWith('.toml')) {
      formatted = toml.format(text, { options });
      checked.taplo.push(file);
    } else {
      continue;
    }
    if (formatted !== text) changed.push(firstDifference(file, text, formatted));
  }
  if (changed.length > 0) throw new Error(`prettier or taplo would change files under ${dir}:\n${changed.join('\n')}`);
  return checked;
}
