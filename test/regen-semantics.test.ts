// Issue 17, items 11–18, and the Aura slot rule of issue 14: what regen does with files a team
// has lived with (CRLF checkouts, lines added around markers, edited fragments, a renamed
// manifest), and that the manifest always describes the files. The built CLI, as a subprocess.

import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRegions, hashText } from '../src/project/fragments.js';
import { generate, readTree, removeTree, runCli, tempFolder } from './support/cli.js';

const made: string[] = [];
afterAll(() => made.forEach(removeTree));

function project(name: string, flags: string[]): string {
  const dir = generate(name, flags);
  made.push(join(dir, '..'));
  return dir;
}
function copy(dir: string): string {
  const target = join(tempFolder(), 'copy');
  made.push(join(target, '..'));
  cpSync(dir, target, { recursive: true });
  return target;
}
const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8');
const write = (dir: string, path: string, text: string) => writeFileSync(join(dir, path), text);

/** Inserts `line` as the first line inside the region `id` of `path`. */
function editInside(dir: string, path: string, id: string, line: string): void {
  const text = read(dir, path);
  const region = findRegions(path, text).find((r) => r.id === id)!;
  const lines = text.split('\n');
  lines.splice(region.beginLine, 0, line);
  write(dir, path, lines.join('\n'));
}

function expectUnchanged(before: Map<string, string>, dir: string): void {
  const after = readTree(dir);
  expect([...after.keys()]).toEqual([...before.keys()]);
  for (const [path, text] of before) expect(after.get(path), path).toBe(text);
}

let phaseOne: string;
beforeAll(() => {
  phaseOne = project('semantics-chain', ['--phase', '1']);
});

describe('11. CRLF checkouts', () => {
  it('are not taken as hand edits, and every file is written back in its own line endings', () => {
    const lf = copy(phaseOne);
    const crlf = copy(phaseOne);
    const files = ['node/src/service.rs', 'runtime/src/lib.rs', 'README.md', 'zombienet/zombienet.toml', 'async-parachain.json'];
    for (const file of files) write(crlf, file, read(crlf, file).replace(/\n/g, '\r\n'));
    expect(runCli(['regen', 'all', '--phase', '2', '--dir', lf]).code).toBe(0);
    const result = runCli(['regen', 'all', '--phase', '2', '--dir', crlf]);
    expect(result.code, result.stderr).toBe(0);
    for (const file of files) {
      const text = read(crlf, file);
      expect(text.replace(/\r\n/g, ''), `${file} has a bare \\n`).not.toContain('\n');
      expect(text, file).toBe(read(lf, file).replace(/\n/g, '\r\n'));
    }
    // Files the regen did not touch keep their endings too (LF here).
    expect(read(crlf, 'runtime/src/apis.rs')).toBe(read(lf, 'runtime/src/apis.rs'));
  });
});

describe('12. files whose fragment shows begin/end markers', () => {
  it('keep text outside the markers of the smoke test, with or without --force', () => {
    for (const force of [[], ['--force']]) {
      const dir = copy(phaseOne);
      write(dir, 'zombienet/smoke.zndsl', `${read(dir, 'zombienet/smoke.zndsl')}# our own check\ncollator-01: is up\n`);
      const result = runCli(['regen', 'zombienet', '--collators', '3', '--dir', dir, ...force]);
      expect(result.code, result.stderr).toBe(0);
      const smoke = read(dir, 'zombienet/smoke.zndsl');
      expect(smoke).toContain('collator-03: is up');
      expect(smoke).toMatch(/# our own check\ncollator-01: is up\n$/);
    }
  });
});

describe('12. a smoke test recorded as one whole fragment (by an earlier version)', () => {
  it('is judged by that record: unedited, it is rewritten without a conflict', () => {
    const dir = copy(phaseOne);
    const manifest = JSON.parse(read(dir, 'async-parachain.json'));
    manifest.fragments['zombienet/smoke.zndsl'] = { zombienet: hashText(read(dir, 'zombienet/smoke.zndsl')) };
    write(dir, 'async-parachain.json', `${JSON.stringify(manifest, null, 2)}\n`);
    const result = runCli(['regen', 'zombienet', '--collators', '3', '--dir', dir]);
    expect(result.code, result.stderr).toBe(0);
    expect(read(dir, 'zombienet/smoke.zndsl')).toContain('collator-03: is up');
    expect(JSON.parse(read(dir, 'async-parachain.json')).fragments['zombienet/smoke.zndsl']).toEqual({ 'zombienet/smoke': expect.any(String) });
  });
});

describe('13. a hand-edited fragment whose generated text this regen does not change', () => {
  it('neither blocks regen all nor is overwritten by --force', () => {
    for (const force of [[], ['--force']]) {
      const dir = copy(phaseOne);
      // Phase 2 changes only the node: the runtime's fragments keep their generated text.
      editInside(dir, 'runtime/src/lib.rs', 'async-backing/params', '\t// tuned for our collators');
      const result = runCli(['regen', 'all', '--phase', '2', '--dir', dir, ...force]);
      expect(result.code, result.stderr).toBe(0);
      expect(read(dir, 'runtime/src/lib.rs')).toContain('\t// tuned for our collators\n');
      expect(read(dir, 'node/src/service.rs')).toContain('collators::lookahead');
      expect(result.stdout).not.toContain('Saved the hand-edited files');
    }
  });
});

describe('14–15. conflicts: a dry run previews them, and every one is named', () => {
  let edited: string;
  beforeAll(() => {
    edited = copy(phaseOne);
    editInside(edited, 'node/src/service.rs', 'collator/imports', '// our import note');
    editInside(edited, 'zombienet/zombienet.toml', 'zombienet/network', '# our network note');
    write(edited, 'README.md', `${read(edited, 'README.md')}\nOur own notes.\n`);
  });

  it('--dry-run shows the diff, lists every conflict and exits 1, writing nothing', () => {
    const before = readTree(edited);
    const result = runCli(['regen', 'all', '--phase', '2', '--collators', '3', '--dry-run', '--dir', edited]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^\+\+\+ b\/node\/src\/service\.rs/m);
    expect(result.stdout).toMatch(/^-\/\/ our import note/m);
    expect(result.stderr).toMatch(/A real run would refuse: regen would replace 3 fragments edited by hand since generated: /);
    for (const name of ['node/src/service.rs (fragment collator/imports)', 'zombienet/zombienet.toml (fragment zombienet/network)', 'README.md'])
      expect(result.stderr).toContain(name);
    expectUnchanged(before, edited);
  });

  it('--dry-run --force previews the same diff and exits 0', () => {
    const result = runCli(['regen', 'all', '--phase', '2', '--collators', '3', '--dry-run', '--force', '--dir', edited]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^-\/\/ our import note/m);
  });

  it('a real run names every conflict in one sentence, and in --json', () => {
    const before = readTree(edited);
    const text = runCli(['regen', 'all', '--phase', '2', '--collators', '3', '--dir', edited]);
    expect(text.code).toBe(1);
    expect(text.stderr.trim().split('\n')).toHaveLength(1);
    expect(text.stderr).not.toMatch(/and \d+ more/);
    const json = runCli(['regen', 'all', '--phase', '2', '--collators', '3', '--json', '--dir', edited]);
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.stdout);
    expect(doc).toMatchObject({ ok: false, exitCode: 1 });
    expect(doc.conflicts).toEqual([
      { file: 'node/src/service.rs', fragment: 'collator/imports' },
      { file: 'zombienet/zombienet.toml', fragment: 'zombienet/network' },
      { file: 'README.md', fragment: 'readme' },
    ]);
    expectUnchanged(before, edited);
  });
});

describe('16. a partial regen never leaves a false phase', () => {
  it('regen consensus --phase 3 --force is refused, naming the fragments the phase also changes', () => {
    const dir = copy(phaseOne);
    const before = readTree(dir);
    const result = runCli(['regen', 'consensus', '--phase', '3', '--force', '--dir', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/outside the fragments asked for: add async-backing collator zombienet to the command \(or run regen all\)/);
    expect(result.stderr).toContain('runtime/src/lib.rs (fragment async-backing/block-times)');
    expectUnchanged(before, dir);
    expect(JSON.parse(read(dir, 'async-parachain.json')).settings.phase).toBe(1);
  });
});

describe('17. a name changed by hand in the manifest', () => {
  it('is refused, naming the Cargo.toml it disagrees with', () => {
    const dir = copy(phaseOne);
    const manifest = JSON.parse(read(dir, 'async-parachain.json'));
    write(dir, 'async-parachain.json', JSON.stringify({ ...manifest, settings: { ...manifest.settings, name: 'other' } }, null, 2));
    const before = readTree(dir);
    const result = runCli(['regen', 'all', '--dir', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'error: The manifest\'s name "other" disagrees with runtime/Cargo.toml, whose package is "semantics-chain-runtime": set "name" to "semantics-chain" in async-parachain.json (or rename the crates back to other-runtime).',
    );
    expectUnchanged(before, dir);
  });
});

describe('18. a setting change updates every file that shows it, or names the ones it left', () => {
  it('regen chain --para-id is refused while the network still shows the old para ID', () => {
    const dir = copy(phaseOne);
    const result = runCli(['regen', 'chain', '--para-id', '3000', '--dir', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/zombienet\/zombienet\.toml \(fragment zombienet\/network\).*add zombienet to the command/);
  });

  it('regen chain zombienet --para-id also updates the README', () => {
    const dir = copy(phaseOne);
    const result = runCli(['regen', 'chain', 'zombienet', '--para-id', '3000', '--dir', dir]);
    expect(result.code, result.stderr).toBe(0);
    const readme = read(dir, 'README.md');
    expect(readme).toMatch(/\| Para ID +\| 3000 +\|/);
    expect(readme).not.toMatch(/\b2000\b/);
  });

  it('a README edited by hand is left, and named', () => {
    const dir = copy(phaseOne);
    write(dir, 'README.md', `${read(dir, 'README.md')}\nOur notes.\n`);
    const result = runCli(['regen', 'chain', 'zombienet', '--para-id', '3000', '--dir', dir]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/warning: README\.md was edited by hand, so it still describes the old settings; run regen all --force to replace it/);
    expect(read(dir, 'README.md')).toMatch(/Our notes\.\n$/);
  });
});

describe('the Aura slot of a live chain (issue 14)', () => {
  it('a new phase-3 project uses slot = block time, as the reference template does', () => {
    const dir = project('slot-new', ['--phase', '3']);
    expect(read(dir, 'runtime/src/lib.rs')).toMatch(/pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;/);
    expect(JSON.parse(read(dir, 'async-parachain.json')).settings.slotDurationMs).toBe(6000);
    expect(read(dir, 'README.md')).toMatch(/\| Aura slot +\| 6000 ms, one block per slot +\|/);
  });

  it('--slot-duration changes the slot of a live chain explicitly, with a warning', () => {
    const dir = copy(phaseOne);
    const result = runCli(['regen', 'all', '--phase', '3', '--slot-duration', '6000', '--dir', dir]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/warning: changing the Aura slot duration from 12000 ms to 6000 ms can halt a running chain/);
    expect(read(dir, 'runtime/src/lib.rs')).toMatch(/pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;/);
    expect(JSON.parse(read(dir, 'async-parachain.json')).settings).toMatchObject({ blockTimeMs: 6000, slotDurationMs: 6000 });
  });

  it('a slot that is not a multiple of the block time, or differs from it before phase 3, is refused', () => {
    const parent = tempFolder();
    made.push(parent);
    const cases: [string[], string][] = [
      [['--phase', '3', '--slot-duration', '9000'], 'Invalid --slot-duration 9000: must be a multiple of the block time (6000).'],
      [['--phase', '1', '--slot-duration', '24000'], 'Invalid --slot-duration 24000: must be the block time (12000) in phase 1: one block per slot until phase 3 lets blocks share a slot.'],
    ];
    for (const [flags, message] of cases) {
      const result = runCli([join(parent, 'bad-slot'), '--yes', ...flags]);
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(`error: ${message}`);
    }
  });

  it('a manifest from before the setting existed keeps the slot its block time gave it', () => {
    const dir = copy(phaseOne);
    const manifest = JSON.parse(read(dir, 'async-parachain.json'));
    delete manifest.settings.slotDurationMs;
    write(dir, 'async-parachain.json', `${JSON.stringify(manifest, null, 2)}\n`);
    expect(runCli(['regen', 'all', '--phase', '3', '--dir', dir]).code).toBe(0);
    expect(read(dir, 'runtime/src/lib.rs')).toMatch(/pub const SLOT_DURATION: u64 = 12000;/);
  });
});
