// The guide's step model: every step described once, and the findings it yields carry what
// upgrade edits (where each fact is written, its value, what the step wants).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../src/check/audit.js';
import type { AuditDetails } from '../src/check/types.js';
import type { Finding } from '../src/guide/findings.js';
import { GUIDE_STEPS, phaseOf } from '../src/guide/steps.js';
import { ROOT } from './support/cli.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'check');

function finding(details: AuditDetails, index: number, id: string): Finding {
  const f = details.runtimes[index]!.findings.find((x) => x.id === id);
  if (!f) throw new Error(`no finding ${id}`);
  return f;
}

/** The text a span covers, read from the fixture. */
function spanText(root: string, span: { file: string; start: number; end: number }): string {
  return readFileSync(join(root, span.file), 'utf8').slice(span.start, span.end);
}

describe('the guide step model', () => {
  it('describes every step once, with its side, the facts it reads and its fix', () => {
    expect(new Set(GUIDE_STEPS.map((s) => s.id)).size).toBe(GUIDE_STEPS.length);
    for (const s of GUIDE_STEPS) {
      expect(s.reads.length, s.id).toBeGreaterThan(0);
      expect(s.side).toBe(s.id === 'prereq' ? 'relay' : s.id.startsWith('2.') ? 'node' : 'runtime');
    }
  });

  it('counts a phase met only when its steps pass or do not apply; unknown is not a pass', () => {
    const all = (status: 'pass' | 'unknown' | 'n/a' | 'fail') => GUIDE_STEPS.map((s) => ({ id: s.id, status }));
    expect(phaseOf(all('pass'))).toBe(3);
    expect(phaseOf(all('n/a'))).toBe(3);
    expect(phaseOf(all('unknown'))).toBe(0);
    const later = GUIDE_STEPS.map((s) => ({ id: s.id, status: s.phase === 3 ? ('unknown' as const) : ('pass' as const) }));
    expect(phaseOf(later)).toBe(2);
  });
});

describe('findings carry what upgrade edits', () => {
  const root = join(FIXTURES, 'sync-2023');
  let details: AuditDetails;
  beforeAll(async () => {
    details = await audit(root);
  });

  it('a failing runtime step: the span of the fact, its value and the target', () => {
    const f = finding(details, 0, '1.8');
    expect(f.status).toBe('fail');
    const fact = f.facts.find((x) => x.fact === 'checkInherents')!;
    expect(fact.at).toMatchObject({ file: 'runtime/src/lib.rs', line: 205 });
    // The span lies inside register_validate_block!'s body, mapped back to the file.
    expect(spanText(root, fact.at!)).toBe('CheckInherents = CheckInherents');
    expect(fact.target.value).toBeNull();
  });

  it('a missing item: no span of its own, the place it belongs instead', () => {
    const f = finding(details, 0, '1.5');
    const slot = f.facts.find((x) => x.fact === 'auraSlotDuration')!;
    expect(slot.at).toBeNull();
    expect(slot.current).toBeNull();
    expect(spanText(root, slot.within!)).toMatch(/^impl pallet_aura::Config for Runtime \{/);
    // The fixture pins polkadot-v1.1.0, whose pallet-aura has SlotDuration only under its
    // experimental feature: the target carries the guide's cfg.
    expect(slot.target).toEqual({ value: 12000n, cfg: 'feature = "experimental"' });
    const allow = f.facts.find((x) => x.fact === 'allowMultipleBlocksPerSlot')!;
    expect(spanText(root, allow.at!)).toBe('type AllowMultipleBlocksPerSlot = ConstBool<false>;');
    expect(allow.current).toBe(false);
  });

  it('a node step: the field and its evaluated value, and the range the guide accepts', () => {
    const f = finding(details, 0, '2.5');
    const duration = f.facts.find((x) => x.fact === 'authoringDuration')!;
    expect(spanText(root, duration.at!)).toBe('Duration::from_millis(500)');
    expect(duration.current).toBe(500n);
    expect(duration.target).toEqual({ value: 2000n, accepts: { min: 501n, max: 2000n } });
    expect(f.facts.find((x) => x.fact === 'paraBackend')).toMatchObject({ at: null, current: null });
  });

  it('a passing step still locates its facts (a constant in another file)', async () => {
    const multi = join(FIXTURES, 'multi-runtime');
    const d = await audit(multi);
    const f = finding(d, 0, '3.2');
    expect(f.status).toBe('pass');
    const capacity = f.facts.find((x) => x.fact === 'capacity')!;
    expect(capacity.at).toMatchObject({ file: 'primitives/constants/src/consensus.rs', line: 13 });
    expect(spanText(multi, capacity.at!)).toMatch(/UNINCLUDED_SEGMENT_CAPACITY: u32 = 1 \+ 2;$/);
    expect(capacity.current).toBe(3n);
  });
});

describe('the phase leaves the relay prerequisite out', () => {
  it('is met by the runtime and node steps alone', () => {
    const steps = GUIDE_STEPS.map((s) => ({ id: s.id, status: s.side === 'relay' ? ('fail' as const) : ('pass' as const) }));
    expect(phaseOf(steps)).toBe(3);
  });
});
