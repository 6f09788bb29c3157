// Generates projects with the built CLI over the matrix of releases × phases × project shapes
// (plus elastic-scaling and token-decimal edge cases) and checks each tree's Rust with real tools:
// every .rs file parses (macro bodies included), no `use` goes unused under any feature set
// (test/support/unused-imports.ts, on the parse tree), prettier and taplo change no Markdown,
// JSON, YAML or TOML file (test/support/formatters.ts), rustfmt --check under the project's own
// rustfmt.toml finds nothing to change (the trees are generated with --no-format, so this proves
// the templates alone are formatted), and cargo metadata accepts the workspace with the expected
// members.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { namesFor } from '../src/render/context.js';
import { PROFILES } from '../src/profiles/index.js';
import { SDK_RELEASES, type SdkRelease } from '../src/settings/schema.js';
import { BIN, ROOT } from './support/cli.js';
import { assertFormatted } from './support/formatters.js';
import { assertNoUnusedImports } from './support/unused-imports.js';
import {
  assertRustParses,
  cargoMetadata,
  requireTool,
  rustfmtCheck,
  workspaceMemberNames,
} from './support/rust-checks.js';

const run = promisify(execFile);

interface Combo {
  name: string;
  sdk: SdkRelease;
  phase: 1 | 2 | 3;
  omniNode: boolean;
  templatePallet: boolean;
  flags: string[];
  /** The flags as typed, for the test names. */
  label: string;
}

// Each release with a node, as omni-node and without the pallet, each shape in another phase so
// that every release meets every phase; elastic scaling and token decimals at the edges spread
// over the releases; elastic scaling on the releases that support it. (The node and runtime tests rustfmt every release in every phase; a full
// product here would triple this file's time for no new template path.)
function combos(): Combo[] {
  const out: Combo[] = [];
  SDK_RELEASES.forEach((sdk, i) => {
    const tag = sdk.replace('stable', 's');
    const add = (suffix: string, phase: 1 | 2 | 3, extra: string[]) => {
      const flags = ['--sdk', sdk, '--phase', String(phase), ...extra];
      out.push({
        name: `m-${tag}-p${phase}-${suffix}`,
        sdk,
        phase,
        omniNode: extra.includes('--omni-node'),
        templatePallet: !extra.includes('--no-template-pallet'),
        flags,
        label: flags.join(' '),
      });
    };
    const phase = (offset: number) => (((i + offset) % 3) + 1) as 1 | 2 | 3;
    add('default', phase(0), []);
    add('omni', phase(1), ['--omni-node']);
    add('nopallet', phase(2), ['--no-template-pallet']);
    // Elastic scaling on the releases that have it: the slot-based node and omni-node.
    if (PROFILES[sdk].caps.elasticScaling) {
      add('elastic3', 3, ['--velocity', '3']);
      add('elastic2-omni', 3, ['--velocity', '2', '--omni-node']);
    }
    add(i % 2 === 0 ? 'decimals0' : 'decimals18', phase(1), ['--token-decimals', i % 2 === 0 ? '0' : '18']);
  });
  return out;
}

const COMBOS = combos();
let workDir = '';

async function generate(combo: Combo): Promise<string> {
  const dir = path.join(workDir, combo.name);
  try {
    await run(process.execPath, [BIN, dir, '--yes', '--no-format', ...combo.flags], {
      cwd: workDir,
      timeout: 60_000,
    });
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`generating ${combo.name} (${combo.flags.join(' ')}) failed: ${e.stderr || e.message}`);
  }
  return dir;
}

/** Runs `task` over `items` with at most `limit` at a time. */
async function pool<T>(items: T[], limit: number, task: (item: T) => Promise<unknown>): Promise<void> {
  const queue = [...items];
  const workers = Array.from({ length: Math.min(limit, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await task(item);
  });
  await Promise.all(workers);
}

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, 'dist', 'cli.cjs'))) {
    throw new Error('dist/cli.cjs is missing: run `npm run build` (npm test does) before this suite.');
  }
  requireTool('rustfmt');
  requireTool('cargo');
  workDir = mkdtempSync(path.join(os.tmpdir(), 'cap-rust-matrix-'));
  await pool(COMBOS, Math.max(2, Math.min(8, os.availableParallelism())), generate);
}, 300_000);

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe.each(COMBOS)('$name ($label)', (combo) => {
  const dir = () => path.join(workDir, combo.name);

  it('every .rs file parses, macro bodies included', async () => {
    const count = await assertRustParses(dir());
    expect(count).toBeGreaterThan(combo.omniNode ? 10 : 15);
  });

  it('every Markdown, JSON, YAML and TOML file is as prettier and taplo format it', async () => {
    const checked = await assertFormatted(dir());
    expect(checked.prettier).toEqual(expect.arrayContaining(['README.md', 'async-parachain.json', '.github/workflows/ci.yml']));
    expect(checked.taplo).toEqual(expect.arrayContaining(['Cargo.toml', 'runtime/Cargo.toml', 'rust-toolchain.toml', 'rustfmt.toml', '.config/taplo.toml']));
  });

  it('has no unused imports under any feature set', async () => {
    expect(await assertNoUnusedImports(dir())).toBe(1 + (combo.omniNode ? 0 : 1) + (combo.templatePallet ? 1 : 0));
  });

  it('rustfmt --check finds nothing to change', () => {
    const files = rustfmtCheck(dir());
    expect(files.some((f) => f.endsWith(path.join('runtime', 'src', 'lib.rs')))).toBe(true);
  }, 60_000);

  it('cargo metadata accepts the workspace with the expected members', () => {
    const names = namesFor(combo.name);
    const metadata = cargoMetadata(dir());
    const expected = [
      names.runtimeCrate,
      ...(combo.omniNode ? [] : [names.nodeCrate]),
      ...(combo.templatePallet ? [names.palletCrate] : []),
    ].sort();
    expect(workspaceMemberNames(metadata)).toEqual(expected);

    const runtime = metadata.packages.find((p) => p.name === names.runtimeCrate)!;
    const dependsOnPallet = runtime.dependencies.some((d) => d.name === names.palletCrate);
    expect(dependsOnPallet).toBe(combo.templatePallet);

    if (combo.templatePallet) {
      const pallet = metadata.packages.find((p) => p.name === names.palletCrate)!;
      expect(pallet.targets.find((t) => t.kind.includes('lib'))?.name).toBe(names.palletLib);
      expect(Object.keys(pallet.features).sort()).toEqual(
        ['default', 'runtime-benchmarks', 'std', 'try-runtime'].sort(),
      );
      const frame = pallet.dependencies.find((d) => d.name === 'polkadot-sdk-frame');
      expect(frame?.features).toEqual(expect.arrayContaining(['experimental', 'runtime']));
      // Every feature the runtime forwards to the pallet exists in the pallet.
      for (const feature of Object.values(runtime.features).flat()) {
        const [crate, palletFeature] = feature.split('/');
        if (crate === names.palletCrate && palletFeature) {
          expect(Object.keys(pallet.features)).toContain(palletFeature);
        }
      }
    }
  });
});
