// The generated README's guide-step table: every link points at a line that holds its step.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GUIDE_STEPS } from '../src/guide/steps.js';
import { generate, removeTree, runCli } from './support/cli.js';

interface Row {
  id: string;
  status: string;
  file?: string;
  line?: number;
}

function stepRows(readme: string): Row[] {
  return readme
    .split('\n')
    .filter((l) => /^\| (prereq|\d\.\d) +\|/.test(l))
    .map((l) => {
      const [, id = '', , status = '', where = ''] = l.split('|').map((c) => c.trim());
      const link = /^\[([^\]:]+):(\d+)\]\(\1#L\2\)$/.exec(where);
      return { id, status, ...(link ? { file: link[1], line: Number(link[2]) } : {}) };
    });
}

/** The line a link points at holds the step's anchor (or, in JSON, the params it names). */
function expectLinksHold(dir: string, rows: Row[]): void {
  for (const row of rows.filter((r) => r.file)) {
    const line = readFileSync(join(dir, row.file!), 'utf8').split('\n')[row.line! - 1] ?? '';
    const anchor = row.file!.endsWith('.json') ? /"async_backing_params"\s*:/ : new RegExp(`\\[guide ${row.id.replace('.', '\\.')}\\]`);
    expect(line, `${row.id} → ${row.file}:${row.line}`).toMatch(anchor);
  }
}

const made: string[] = [];
afterAll(() => made.forEach((d) => removeTree(join(d, '..'))));

const CASES: [string, string[]][] = [
  ['newest release, phase 1', ['--phase', '1']],
  ['newest release, phase 2', ['--phase', '2']],
  ['newest release, phase 3', ['--phase', '3']],
  ['stable2506 phase 2', ['--sdk', 'stable2506', '--phase', '2']],
  ['stable2412 phase 1', ['--sdk', 'stable2412', '--phase', '1']],
  ['stable2412 phase 3', ['--sdk', 'stable2412', '--phase', '3']],
  ['omni-node, JSON network', ['--omni-node', '--zombienet-format', 'json']],
  ['velocity 2', ['--velocity', '2', '--block-time', '3000', '--no-template-pallet']],
];

describe.each(CASES)('README step map: %s', (_label, flags) => {
  const dir = generate('map-chain', flags);
  made.push(dir);
  const phase = Number(flags[flags.indexOf('--phase') + 1] ?? 3) || 3;
  const omni = flags.includes('--omni-node');
  const rows = stepRows(readFileSync(join(dir, 'README.md'), 'utf8'));

  it('has one row per guide step, in order', () => {
    expect(rows.map((r) => r.id)).toEqual(GUIDE_STEPS.map((s) => s.id));
  });

  it('marks every step of this phase and earlier as done, with a link', () => {
    for (const step of GUIDE_STEPS) {
      const row = rows.find((r) => r.id === step.id)!;
      if (step.side === 'node' && omni) expect(row.status, step.id).toBe('provided by polkadot-omni-node');
      else if (step.phase > phase) expect(row.status, step.id).toBe(`comes with phase ${step.phase}`);
      else {
        expect(row.status, step.id).toBe('done');
        expect(row.file, step.id).toBeDefined();
      }
    }
  });

  it('links to lines that really hold each step', () => {
    expectLinksHold(dir, rows);
  });
});

describe('README step map after regen', () => {
  it('stays right when hand edits shift lines and the phase changes', () => {
    const dir = generate('shift-chain', ['--phase', '1']);
    made.push(dir);
    // Lines added at the top of files move every anchor below them.
    for (const file of ['runtime/src/lib.rs', 'runtime/src/configs/mod.rs', 'node/src/service.rs', 'zombienet/zombienet.toml']) {
      const text = readFileSync(join(dir, file), 'utf8');
      const comment = file.endsWith('.toml') ? '#' : '//';
      writeFileSync(join(dir, file), `${comment} ours\n${comment} ours too\n${text}`);
    }
    const result = runCli(['regen', 'all', '--phase', '2', '--dir', dir]);
    expect(result.code, result.stderr).toBe(0);
    const rows = stepRows(readFileSync(join(dir, 'README.md'), 'utf8'));
    expect(rows.filter((r) => r.id.startsWith('2.')).every((r) => r.status === 'done')).toBe(true);
    expectLinksHold(dir, rows);
  });
});
