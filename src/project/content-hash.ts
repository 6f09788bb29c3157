// Fingerprints for the manifest, without node:crypto.
// Loading that module costs a `--yes` run about 3 ms (it pulls in Node's streams and ciphers),
// and it needs no cryptography: the manifest's hashes only tell whether a fragment changed
// since it was generated, which a 64-bit FNV-1a does with a 2^-64 chance of missing an edit.

/** FNV-1a 64 of the text's UTF-8 bytes, as 16 hex digits. */
export function contentHash(text: string): string {
  // The 64-bit state as four 16-bit limbs (h3 highest), starting at the offset basis
  // 0xcbf29ce484222325. Every intermediate stays a small integer, which matters because this
  // runs once per process, before V8 optimises it.
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i++) {
    h0 ^= bytes[i]!;
    // Multiply by the prime 0x100000001b3 = 2^40 + 435: 435 × each limb, plus limbs 0 and 1
    // shifted by 40 bits (into limbs 2 and 3, 8 bits up), carries propagated upwards.
    const t0 = h0 * 435;
    const t1 = h1 * 435 + (t0 >>> 16);
    const t2 = h2 * 435 + (h0 << 8) + (t1 >>> 16);
    const t3 = h3 * 435 + (h1 << 8) + (t2 >>> 16);
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  }
  return hex16(h3) + hex16(h2) + hex16(h1) + hex16(h0);
}

function hex16(limb: number): string {
  return limb.toString(16).padStart(4, '0');
}
