// Property: over random projects (a 2023-style chain written with random indentation, line
// endings and extra comments between its items) and random choices (phase, capacity, authoring
// duration), upgrade changes nothing outside its edits, byte for byte, what it inserts is written
// in the file's own indentation and line endings, and check reads the phase asked for.

import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { audit } from '../src/check/audit.js';
import { applyPlan } from '../src/upgrade/apply.js';
import { planUpgrade } from '../src/upgrade/plan.js';
import type { Edit } from '../src/upgrade/edits.js';
import { copyUpgradeFixture } from './support/upgrade-fixtures.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 6);

interface Variant {
  indent: 'tab' | 2 | 4;
  crlf: boolean[];
  comments: number[];
  phase: 1 | 2 | 3;
  authoringMs: number;
  capacity: number;
}

const variantArb: fc.Arbitrary<Variant> = fc.record({
  indent: fc.constantFrom('tab' as const, 2 as const, 4 as const),
  crlf: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  comments: fc.array(fc.nat({ max: 60 }), { maxLength: 6 }),
  phase: fc.constantFrom(1 as const, 2 as const, 3 as const),
  // What check takes as an async-backing authoring duration (the schema also allows 100..500).
  authoringMs: fc.integer({ min: 501, max: 2000 }),
  capacity: fc.integer({ min: 2, max: 16 }),
});

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) {
        if (e !== '.async-parachain') walk(p);
      } else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** The fixture rewritten in the variant's style (Rust files only change their whitespace and comments). */
function makeProject(v: Variant): string {
  const dir = copyUpgradeFixture('sync-backing-basic-collator');
  rmSync(join(dir, 'rustfmt.toml'));
  const rust = files(dir).filter((f) => f.endsWith('.rs') || f.endsWith('.toml'));
  rust.forEach((file, i) => {
    let text = readFileSync(join(dir, file), 'utf8');
    if (file.endsWith('.rs')) {
      if (v.indent !== 'tab') text = text.replace(/^\t+/gm, (tabs) => ' '.repeat(tabs.length * (v.indent as number)));
      // Comments before top-level items, at lines picked by the variant.
      const lines = text.split('\n');
      const tops = lines.map((l, k) => (/^(impl|pub const|const|parameter_types|construct_runtime|fn|async fn)\b/.test(l) ? k : -1)).filter((k) => k >= 0);
      for (const pick of [...new Set(v.comments.map((c) => tops[c % Math.max(tops.length, 1)]))].filter((k): k is number => k !== undefined).sort((a, b) => b - a)) {
        lines.splice(pick, 0, `// a team's own note before line ${pick}`);
      }
      text = lines.join('\n');
    }
    if (v.crlf[i % v.crlf.length]) text = text.replace(/\n/g, '\r\n');
    writeFileSync(join(dir, file), text);
  });
  return dir;
}

describe('upgrade, over random projects and choices', () => {
  it('changes nothing outside its edits, and writes in each file’s style', async () => {
    await fc.assert(
      fc.asyncProperty(variantArb, async (v) => {
        const dir = makeProject(v);
        try {
          const before = new Map(files(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
          const plan = await planUpgrade({
            root: dir,
            targets: { phase: v.phase, capacity: v.phase === 3 ? v.capacity : 1, velocity: 1, capacityGiven: true, velocityGiven: false, authoringMs: v.authoringMs, slotDurationMs: undefined },
          });
          const applied = await applyPlan(plan, { dryRun: false, force: true });
          expect(applied.files.length).toBeGreaterThan(0);
          for (const file of files(dir)) {
            const old = before.get(file);
            const now = readFileSync(join(dir, file), 'utf8');
            const edits = plan.edits.filter((e) => e.file === file);
            if (edits.length === 0) {
              expect(now, file).toBe(old);
              continue;
            }
            expect(old, file).toBeDefined();
            expectOnlyEdits(file, old!, now, edits);
          }
          // And the project reads as the phase asked for.
          const report = await audit(dir, v.phase);
          expect(report.report.runtimes.map((r) => r.phase)).toEqual([v.phase === 1 ? 1 : v.phase]);
        } finally {
          rmSync(join(dir, '..'), { recursive: true, force: true });
        }
      }),
      { numRuns: RUNS },
    );
  });
});

/** `now` is `old` with each edit's span replaced by its text, and nothing else; inserted lines follow the file's style. */
function expectOnlyEdits(file: string, old: string, now: string, edits: Edit[]): void {
  const unique = edits.filter((e, i) => edits.findIndex((x) => x.start === e.start && x.end === e.end && x.text === e.text) === i);
  const sorted = unique.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.i - b.i).map((x) => x.e);
  let pos = 0;
  let at = 0;
  for (const e of sorted) {
    const gap = old.slice(pos, e.start);
    expect(now.slice(at, at + gap.length), `${file}: text before offset ${e.start}`).toBe(gap);
    at += gap.length;
    expect(now.slice(at, at + e.text.length), `${file}: the edit at ${e.start}`).toBe(e.text);
    at += e.text.length;
    pos = e.end;
  }
  expect(now.slice(at), `${file}: the text after the last edit`).toBe(old.slice(pos));
  const crlf = /\r\n/.test(old);
  const spaces = !/^\t/m.test(old) && /^ +\S/m.test(old);
  for (const e of sorted) {
    if (crlf) expect(e.text, `${file}: a bare line feed inserted into a CRLF file`).not.toMatch(/(^|[^\r])\n/);
    else expect(e.text, `${file}: a carriage return inserted into an LF file`).not.toMatch(/\r/);
    if (spaces && file.endsWith('.rs')) expect(e.text, `${file}: a tab inserted into a file indented with spaces`).not.toMatch(/(^|\n)\t/);
  }
}
