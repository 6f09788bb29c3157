// `regen` on projects with hand edits: the built CLI as a subprocess, plus an in-process
// property test over random edits and setting changes.

import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRegions } from '../src/project/fragments.js';
import { regenerate } from '../src/project/regen.js';
import { generate, readTree, removeTree, runCli, tempFolder } from './support/cli.js';
import { assertRustParses, cargoMetadata, rustfmtCheck } from './support/rust-checks.js';

const made: string[] = [];
afterAll(() => made.forEach((d) => removeTree(d)));

function phaseOneProject(name: string, flags: string[] = []): string {
  const dir = generate(name, ['--phase', '1', ...flags]);
  made.push(join(dir, '..'));
  return dir;
}

function copyProject(dir: string): string {
  const copy = join(tempFolder(), 'copy');
  made.push(join(copy, '..'));
  cpSync(dir, copy, { recursive: true });
  return copy;
}

function read(dir: string, path: string): string {
  return readFileSync(join(dir, path), 'utf8');
}

function append(dir: string, path: string, text: string): void {
  writeFileSync(join(dir, path), read(dir, path) + text);
}

/** Inserts `text` as a new line before line `lineNo` (1-based). */
function insertLine(dir: string, path: string, lineNo: number, text: string): void {
  const lines = read(dir, path).split('\n');
  lines.splice(lineNo - 1, 0, text);
  writeFileSync(join(dir, path), lines.join('\n'));
}

function expectTreeUnchanged(before: Map<string, string>, dir: string): void {
  const after = readTree(dir);
  expect([...after.keys()]).toEqual([...before.keys()]);
  for (const [path, text] of before) expect(after.get(path), path).toBe(text);
}

describe('regen all takes a hand-edited phase-1 project to phase 3', () => {
  let dir: string;
  const edits: [string, string][] = [
    ['runtime/src/lib.rs', '\n/// Our own helper, kept by regen.\npub const OUR_OWN_LIB_CONSTANT: u32 = 7;\n'],
    ['node/src/service.rs', '\n/// Our own node helper, kept by regen.\npub fn our_own_service_helper() -> u32 {\n\t42\n}\n'],
    ['runtime/Cargo.toml', '\n# our own note in the runtime manifest\n'],
    ['Cargo.toml', '\n# our own note in the workspace manifest\n'],
    ['zombienet/zombienet.toml', '\n# our own note in the network file\n'],
  ];

  beforeAll(() => {
    dir = phaseOneProject('edited-chain');
    for (const [path, text] of edits) append(dir, path, text);
  });

  it('moves to phase 2 without touching the runtime or any edit', () => {
    const runtimeBefore = read(dir, 'runtime/src/lib.rs');
    const result = runCli(['regen', 'all', '--phase', '2', '--dir', dir]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(read(dir, 'runtime/src/lib.rs')).toBe(runtimeBefore);
    expect(read(dir, 'node/src/service.rs')).toMatch(/collators::lookahead::\{self as aura, Params as AuraParams\}/);
    for (const [path, text] of edits) expect(read(dir, path), path).toContain(text);
  });

  it('moves to phase 3 without --force, keeping its 12 s Aura slot, every edit and every phase-3 value', () => {
    const result = runCli(['regen', 'all', '--phase', '3', '--dir', dir]);
    expect(result.code, result.stderr).toBe(0);
    // The block time changes (a warning about durations counted in blocks); the slot does not.
    expect(result.stderr).toMatch(/warning: the block time changes from 12000 ms to 6000 ms/);
    expect(result.stderr).not.toMatch(/slot duration/);
    for (const [path, text] of edits) expect(read(dir, path), path).toContain(text);
    const lib = read(dir, 'runtime/src/lib.rs');
    expect(lib).toMatch(/UNINCLUDED_SEGMENT_CAPACITY: u32 = 3;/);
    expect(lib).toMatch(/MILLI_SECS_PER_BLOCK: u64 = 6000;/);
    expect(lib).toMatch(/pub const SLOT_DURATION: u64 = 12000;/);
    expect(lib).toMatch(/WEIGHT_REF_TIME_PER_SECOND\.saturating_mul\(2\)/);
    const configs = read(dir, 'runtime/src/configs/mod.rs');
    expect(configs).toMatch(/type AllowMultipleBlocksPerSlot = ConstBool<true>;/);
    expect(configs).toMatch(/type SlotDuration = ConstU64<SLOT_DURATION>;/);
    // Two blocks share each 12 s slot, so their timestamps may be as close as 0 ms, in any build.
    expect(configs).toMatch(/^\ttype MinimumPeriod = ConstU64<0>;$/m);
    expect(configs).not.toMatch(/MinimumPeriod = ConstU64<\{ SLOT_DURATION \/ 2 \}>/);
    expect(read(dir, 'runtime/Cargo.toml')).not.toMatch(/^experimental = /m);
    const manifest = JSON.parse(read(dir, 'async-parachain.json'));
    expect(manifest.settings).toMatchObject({ phase: 3, capacity: 3, blockTimeMs: 6000, slotDurationMs: 12000, authoringMs: 2000 });
    const readme = read(dir, 'README.md');
    expect(readme).toMatch(/\*\*3 of 3\*\*/);
    expect(readme).toMatch(/\| Aura slot +\| 12000 ms, kept from before async backing: 2 blocks per slot +\|/);
    expect(readme).not.toMatch(/\| Aura slot +\| 6000/);
  });

  it('reads back as phase 3 by check, the 12 s slot shared by two 6 s blocks', () => {
    const result = runCli(['check', dir, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const [runtime] = JSON.parse(result.stdout).runtimes;
    expect(runtime.phase).toBe(3);
    expect(runtime.steps.find((s: { id: string }) => s.id === '3.3').message).toMatch(/SLOT_DURATION = 12000 .*a longer slot than the block time, kept on purpose with AllowMultipleBlocksPerSlot/);
  });

  it('leaves a tree that the parser, rustfmt and cargo metadata accept', async () => {
    await assertRustParses(dir);
    rustfmtCheck(dir);
    cargoMetadata(dir);
  });

  it('changes no byte when run again with unchanged settings', () => {
    const before = readTree(dir);
    const result = runCli(['regen', 'all', '--dir', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/no file changed/);
    expectTreeUnchanged(before, dir);
  });
});

describe('edited fragments', () => {
  let base: string;
  beforeAll(() => {
    base = phaseOneProject('guarded-chain');
  });

  it('refuses to overwrite a fragment edited by hand, naming file and fragment', () => {
    const dir = copyProject(base);
    const text = read(dir, 'zombienet/zombienet.toml');
    const region = findRegions('zombienet/zombienet.toml', text)[0]!;
    insertLine(dir, 'zombienet/zombienet.toml', region.beginLine + 1, '# tuned by hand');
    const before = readTree(dir);
    const result = runCli(['regen', 'zombienet', '--collators', '3', '--dir', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`regen would replace a fragment edited by hand since generated: zombienet/zombienet.toml (fragment ${region.id}); pass --force`);
    expectTreeUnchanged(before, dir);
  });

  it('with --force saves the edited text, then replaces it', () => {
    const dir = copyProject(base);
    const region = findRegions('zombienet/zombienet.toml', read(dir, 'zombienet/zombienet.toml'))[0]!;
    insertLine(dir, 'zombienet/zombienet.toml', region.beginLine + 1, '# tuned by hand');
    const result = runCli(['regen', 'zombienet', '--collators', '3', '--force', '--dir', dir, '--json']);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc.backup).toMatch(/^\.async-parachain\/backup\//);
    expect(read(dir, join(doc.backup, 'zombienet/zombienet.toml'))).toContain('# tuned by hand');
    expect(read(dir, 'zombienet/zombienet.toml')).not.toContain('# tuned by hand');
    expect(JSON.parse(read(dir, 'async-parachain.json')).settings.collators).toBe(3);
  });

  it('--dry-run prints a unified diff and writes nothing', () => {
    const dir = copyProject(base);
    const before = readTree(dir);
    const result = runCli(['regen', 'all', '--phase', '2', '--dry-run', '--dir', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^--- a\/node\/src\/service\.rs/m);
    expect(result.stdout).toMatch(/^\+\+\+ b\/node\/src\/service\.rs/m);
    expect(result.stdout).toMatch(/^-.*collators::basic/m);
    expect(result.stdout).toMatch(/^\+.*collators::lookahead/m);
    expectTreeUnchanged(before, dir);
  });

  it('refuses a partial regen that would leave other fragments at the old settings, naming them', () => {
    const dir = copyProject(base);
    const before = readTree(dir);
    const result = runCli(['regen', 'zombienet', '--para-id', '2600', '--dir', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/runtime\/src\/genesis_config_presets\.rs \(fragment chain\/\S+\)[^\n]*outside the fragments asked for: add chain to the command/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expectTreeUnchanged(before, dir);
  });
});

describe('damaged projects are refused with nothing written', () => {
  let base: string;
  beforeAll(() => {
    base = phaseOneProject('damaged-chain');
  });

  const damages: [string, (dir: string) => void, RegExp][] = [
    ['a missing manifest', (d) => removeTree(join(d, 'async-parachain.json')), /No async-parachain\.json in .*--dir/],
    ['a manifest that is not JSON', (d) => writeFileSync(join(d, 'async-parachain.json'), '{ "tool": '), /manifest .* is not valid JSON/],
    ['a manifest without fragments', (d) => writeFileSync(join(d, 'async-parachain.json'), JSON.stringify({ tool: 'create-async-parachain', version: '0.1.0', settings: {} })), /manifest .* is damaged/],
    ['a manifest from a newer tool', (d) => {
      const m = JSON.parse(read(d, 'async-parachain.json'));
      writeFileSync(join(d, 'async-parachain.json'), JSON.stringify({ ...m, version: '99.0.0' }));
    }, /made by create-async-parachain 99\.0\.0, newer than this/],
    ['a manifest with an invalid setting', (d) => {
      const m = JSON.parse(read(d, 'async-parachain.json'));
      writeFileSync(join(d, 'async-parachain.json'), JSON.stringify({ ...m, settings: { ...m.settings, capacity: 40 } }));
    }, /manifest's settings are invalid: Invalid "capacity" in the manifest \S+async-parachain\.json: got 40, expected an integer from 1 to 16\./],
    ['a removed end marker', (d) => {
      const text = read(d, 'runtime/src/lib.rs');
      writeFileSync(join(d, 'runtime/src/lib.rs'), text.replace(/^\s*\/\/ async-parachain:end async-backing\/\S+\n/m, ''));
    }, /runtime\/src\/lib\.rs:\d+: region async-backing\/\S+ has no end marker/],
    ['removed markers of a region', (d) => {
      const text = read(d, 'node/src/service.rs');
      writeFileSync(join(d, 'node/src/service.rs'), text.replace(/^.*async-parachain:(begin|end) collator\/imports\n/gm, ''));
    }, /node\/src\/service\.rs has no markers for fragment collator\/imports/],
  ];

  it.each(damages)('%s', (_label, damage, message) => {
    const dir = copyProject(base);
    damage(dir);
    const before = readTree(dir);
    const result = runCli(['regen', 'all', '--phase', '2', '--dir', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expectTreeUnchanged(before, dir);
  });

  it('refuses an unknown fragment as a usage error', () => {
    const result = runCli(['regen', 'runtime', '--dir', base]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Unknown fragment "runtime"/);
  });

  it('refuses settings that reshape the project', () => {
    const before = readTree(base);
    const result = runCli(['regen', 'all', '--sdk', 'stable2412', '--dir', base]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/regen cannot change sdk/);
    expectTreeUnchanged(before, base);
  });
});

describe('property: edits outside fragments survive any regen', () => {
  let base: string;
  beforeAll(() => {
    base = phaseOneProject('property-chain');
  });

  it('keeps every inserted line across random setting changes', () => {
    const candidates = ['runtime/src/lib.rs', 'runtime/src/configs/mod.rs', 'node/src/service.rs', 'runtime/Cargo.toml', 'zombienet/zombienet.toml'];
    const change = fc.record(
      {
        phase: fc.constantFrom(1, 2, 3),
        paraId: fc.integer({ min: 2000, max: 5000 }),
        collators: fc.integer({ min: 1, max: 6 }),
        validators: fc.integer({ min: 2, max: 6 }),
        tokenSymbol: fc.constantFrom('UNIT', 'ACME', 'DOT2'),
        maxCandidateDepth: fc.integer({ min: 3, max: 6 }),
      },
      { requiredKeys: [] },
    );
    const edit = fc.record({ file: fc.constantFrom(...candidates), at: fc.nat(), tag: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 6, maxLength: 6 }) });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), change, (edits, flags) => {
        const dir = copyProject(base);
        const inserted: [string, string][] = [];
        for (const { file, at, tag } of edits) {
          const text = read(dir, file);
          const lines = text.split('\n');
          const inside = new Set(findRegions(file, text).flatMap((r) => range(r.beginLine, r.endLine)));
          // Line positions where a new line lands outside every region.
          const free = range(1, lines.length).filter((n) => !inside.has(n) || !inside.has(n - 1));
          const lineNo = free[at % free.length]!;
          const marker = `${file.endsWith('.rs') ? '//' : '#'} user edit ${tag}`;
          insertLine(dir, file, lineNo, marker);
          inserted.push([file, marker]);
        }
        regenerate({ root: dir, fragments: 'all', flags, force: true, dryRun: false });
        for (const [file, marker] of inserted) expect(read(dir, file), file).toContain(marker);
        removeTree(join(dir, '..'));
      }),
      { numRuns: 25 },
    );
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
