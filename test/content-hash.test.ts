// The manifest's fingerprint (FNV-1a 64 over UTF-8) and the temporary-name suffix.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../src/project/content-hash.js';
import { runSuffix } from '../src/project/leftovers.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 200);

// The definition, with 64-bit arithmetic done in BigInt: what contentHash must equal.
function referenceFnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

describe('contentHash', () => {
  it('gives the published FNV-1a 64 test vectors', () => {
    expect(contentHash('')).toBe('cbf29ce484222325');
    expect(contentHash('a')).toBe('af63dc4c8601ec8c');
    expect(contentHash('foobar')).toBe('85944171f73967e8');
  });

  it('equals the definition for any text, non-ASCII included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expect(contentHash(text)).toBe(referenceFnv1a64(text));
      }),
      { numRuns: RUNS },
    );
  });

  it('tells apart texts that differ by one character or one line break', () => {
    const text = 'pub const UNINCLUDED_SEGMENT_CAPACITY: u32 = 3;\n';
    expect(contentHash(text)).not.toBe(contentHash(text.replace('3', '4')));
    expect(contentHash(text)).not.toBe(contentHash(text.trimEnd()));
    expect(contentHash('µs — 6 s')).not.toBe(contentHash('us - 6 s'));
  });
});

describe('runSuffix', () => {
  it('is file-name safe, names this process, and differs between calls', () => {
    const suffixes = new Set(Array.from({ length: 1000 }, () => runSuffix()));
    expect(suffixes.size).toBe(1000);
    for (const suffix of suffixes) expect(suffix).toMatch(new RegExp(`^${process.pid}-[0-9a-z]+$`));
  });
});
