// `check` on the code shapes real chains have, one hand-written fixture per shape (named after
// it), each judged as a parachain engineer reading the code would.

import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { audit } from '../src/check/audit.js';
import type { AuditDetails, RuntimeReport } from '../src/check/types.js';
import { copyFixture, editFile as edit, ROOT, removeTree } from './support/cli.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'check');
const temps: string[] = [];
afterAll(() => temps.forEach(removeTree));

function copy(name: string): string {
  const dir = copyFixture(join(FIXTURES, name));
  temps.push(dirname(dir));
  return dir;
}

async function only(dir: string): Promise<{ details: AuditDetails; r: RuntimeReport }> {
  const details = await audit(dir.includes('/') ? dir : join(FIXTURES, dir));
  expect(details.report.runtimes).toHaveLength(1);
  expect(details.internalErrors).toEqual([]);
  return { details, r: details.report.runtimes[0]! };
}

const step = (r: RuntimeReport, id: string) => r.steps.find((s) => s.id === id)!;
const failing = (r: RuntimeReport) => r.steps.filter((s) => s.status === 'fail' || s.status === 'unknown').map((s) => `${s.id}: ${s.message}`);

describe('check: configs in macro_rules!', () => {
  it('expands the runtime\'s own macros and judges the configs they write, pointing into the macro', async () => {
    const { details, r } = await only('configs-in-macro-rules');
    expect(failing(r)).toEqual([]);
    expect(r.phase).toBe(3);
    expect(step(r, '1.5')).toMatchObject({ status: 'pass', file: 'runtime/src/macros.rs', line: 15 });
    expect(step(r, '1.4').file).toBe('runtime/src/macros.rs');
    // Constants written by a macro with a repetition (`consts! { A: u32 = 3, .. }`).
    expect(step(r, '3.2').message).toContain('capacity is 3');
    expect(details.problems).toEqual([]);
  });

  it('follows the values the invocation passes in', async () => {
    const dir = copy('configs-in-macro-rules');
    edit(join(dir, 'runtime/src/lib.rs'), 'allow_multiple = true', 'allow_multiple = false');
    const { r } = await only(dir);
    expect(step(r, '3.1')).toMatchObject({ status: 'fail', file: 'runtime/src/macros.rs', line: 14 });
    expect(r.phase).toBe(2);
  });
});

describe('check: a local macro_rules! construct_runtime shadowing frame_support\'s', () => {
  it('reads the pallets through the local macro, and Aura::slot_duration() as the slot Aura uses', async () => {
    const { details, r } = await only('local-construct-runtime-macro');
    expect(details.problems).toEqual([]);
    expect(step(r, '1.6')).toMatchObject({ status: 'pass' });
    expect(step(r, '1.6').message).toContain('returns 12000 ms');
    // A phase-1 runtime: every phase-1 step passes, phase 3 is still to do.
    expect(r.phase).toBe(2);
    expect(step(r, '3.1').status).toBe('fail');
  });
});

describe('check: runtime APIs in a macro that wraps impl_runtime_apis!', () => {
  it('finds AuraApi and AuraUnincludedSegmentApi in the wrapper\'s body', async () => {
    const { details, r } = await only('apis-in-wrapping-macro');
    expect(failing(r)).toEqual([]);
    expect(step(r, '1.6')).toMatchObject({ file: 'runtime/src/lib.rs', line: 59 });
    expect(step(r, '1.7')).toMatchObject({ file: 'runtime/src/lib.rs', line: 69 });
    expect(details.problems).toEqual([]);
  });
});
