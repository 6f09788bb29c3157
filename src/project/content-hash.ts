// Fingerprints for the manifest and unique names for temporary files, without node:crypto.
// Loading that module costs a `--yes` run about 3 ms (it pulls in Node's streams and ciphers),
// and neither use needs cryptography: the manifest's hashes only tell whether a fragment changed
// since it was generated, which a 64-bit FNV-1a does with a 2^-64 chance of missing an edit.

const TWO_32 = 4294967296;
// FNV-1a 64: offset basis 0xcbf29ce484222325 and prime 0x100000001b3 (2^40 + 0x1b3), kept as
// two 32-bit halves so every product stays exact in a double.
const BASIS_HI = 0xcbf29ce4;
const BASIS_LO = 0x84222325;
const PRIME_LO = 0x1b3;

/** FNV-1a 64 of the text's UTF-8 bytes, as 16 hex digits. */
export function contentHash(text: string): string {
  let hi = BASIS_HI;
  let lo = BASIS_LO;
  for (const byte of Buffer.from(text, 'utf8')) {
    lo = (lo ^ byte) >>> 0;
    // (hi·2^32 + lo) · (2^40 + PRIME_LO) mod 2^64; hi·2^72 falls off the top.
    const low = lo * PRIME_LO;
    hi = (hi * PRIME_LO + Math.floor(low / TWO_32) + lo * 256) >>> 0;
    lo = low >>> 0;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/** A suffix for a temporary name beside a user's files; unlikely to exist, checked by the caller. */
export function uniqueSuffix(): string {
  return `${process.pid.toString(36)}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}
