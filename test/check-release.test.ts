// The SDK release a chain pins, read from Cargo.lock or Cargo.toml, and the steps judged for it.

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../src/check/audit.js';
import type { RuntimeReport } from '../src/check/types.js';
import { compatKey, releaseOfRef, SDK_RELEASE_CATALOGUE } from '../src/profiles/releases.js';
import { edit, fixtureCopier, ROOT } from './support/cli.js';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'check', 'older-release-experimental-slot');
const copyOf = fixtureCopier(join(ROOT, 'test', 'fixtures', 'check'));
const copy = () => copyOf('older-release-experimental-slot');

async function only(dir: string): Promise<RuntimeReport> {
  const details = await audit(dir);
  expect(details.report.runtimes).toHaveLength(1);
  return details.report.runtimes[0]!;
}

const step = (r: RuntimeReport, id: string) => r.steps.find((s) => s.id === id)!;

describe('the release catalogue', () => {
  it('tells every release apart by each fingerprint crate', () => {
    for (const crate of ['frame-support', 'cumulus-pallet-parachain-system', 'pallet-aura', 'cumulus-client-consensus-aura'] as const) {
      const keys = SDK_RELEASE_CATALOGUE.flatMap((r) => r.crates[crate]);
      expect(new Set(keys).size, crate).toBe(keys.length);
    }
    expect(SDK_RELEASE_CATALOGUE.map((r) => r.id)).toContain('polkadot-v1.0.0');
    expect(SDK_RELEASE_CATALOGUE.map((r) => r.id)).toContain('polkadot-stable2512');
  });

  it('reads release names from git refs, and version keys', () => {
    expect(releaseOfRef('release-polkadot-v1.9.0')?.id).toBe('polkadot-v1.9.0');
    expect(releaseOfRef('polkadot-v1.3.0')?.id).toBe('polkadot-v1.3.0');
    expect(releaseOfRef('polkadot-stable2409-1')?.id).toBe('polkadot-stable2409');
    expect(releaseOfRef('stable2512')?.id).toBe('polkadot-stable2512');
    // polkadot-v1.15.0 is stable2407 (node version 1.15.0).
    expect(releaseOfRef('polkadot-v1.15.0')?.id).toBe('polkadot-stable2407');
    expect(releaseOfRef('master')).toBeUndefined();
    expect(compatKey('0.17.1')).toBe('0.17');
    expect(compatKey('38.2.0')).toBe('38');
    expect(compatKey('=2503.0.1')).toBe('2503');
  });

  it('names the capabilities the steps depend on', () => {
    const byId = new Map(SDK_RELEASE_CATALOGUE.map((r) => [r.id, r.caps]));
    expect(byId.get('polkadot-v1.0.0')).toMatchObject({ consensusHook: false, auraSlotDuration: 'absent' });
    expect(byId.get('polkadot-v1.3.0')).toMatchObject({ consensusHook: true, auraSlotDuration: 'experimental', lookaheadRunTypeParams: 11 });
    expect(byId.get('polkadot-v1.10.0')?.auraSlotDuration).toBe('required');
    expect(byId.get('polkadot-stable2407')).toMatchObject({ lookaheadRunTypeParams: 10, slotBasedCollator: true });
    expect(byId.get('polkadot-stable2503')?.lookaheadParams).toContain('max_pov_percentage');
    expect(byId.get('polkadot-stable2506')).toMatchObject({ relayParentOffset: true, selectCore: true });
    expect(byId.get('polkadot-stable2509')).toMatchObject({ relayParentOffset: true, selectCore: false });
  });
});

describe('check: an older release, SlotDuration behind pallet-aura\'s experimental feature', () => {
  it('reads the release from Cargo.lock and accepts the guide\'s cfg on SlotDuration', async () => {
    const r = await only(FIXTURE);
    expect(r.release).toEqual({ name: 'polkadot-v1.3.0', evidence: 'Cargo.lock: cumulus-pallet-parachain-system 0.4.1, frame-support 25.0.0, pallet-aura 24.0.0' });
    expect(step(r, '1.5').status).toBe('pass');
    expect(step(r, '1.5').message).toContain("as polkadot-v1.3.0's pallet-aura has it");
    expect(r.phase).toBe(3);
  });

  it('refuses the same cfg on a release that requires SlotDuration', async () => {
    const dir = copy();
    edit(join(dir, 'Cargo.lock'), 'version = "0.4.1"', 'version = "0.18.1"');
    edit(join(dir, 'Cargo.lock'), 'version = "25.0.0"', 'version = "39.1.0"');
    edit(join(dir, 'Cargo.lock'), 'version = "24.0.0"', 'version = "38.1.0"');
    const r = await only(dir);
    expect(r.release.name).toBe('polkadot-stable2412');
    expect(step(r, '1.5').status).toBe('fail');
    expect(step(r, '1.5').message).toContain('polkadot-stable2412 requires it unconditionally');
    expect(step(r, '1.5').fix).not.toContain('cfg');
    expect(r.phase).toBe(0);
  });

  it('writes the fix with the cfg on the older release', async () => {
    const dir = copy();
    edit(join(dir, 'runtime/src/lib.rs'), /\t#\[cfg\(feature = "experimental"\)\]\n\ttype SlotDuration = ConstU64<SLOT_DURATION>;\n/, '');
    const r = await only(dir);
    expect(step(r, '1.5').status).toBe('fail');
    expect(step(r, '1.5').message).toContain("under pallet-aura's experimental feature");
    expect(step(r, '1.5').fix).toContain('\t#[cfg(feature = "experimental")]\n\ttype SlotDuration = ConstU64<SLOT_DURATION>;');
  });

  it('reads a git branch from Cargo.toml when there is no Cargo.lock', async () => {
    const dir = copy();
    rmSync(join(dir, 'Cargo.lock'));
    const git = '{ git = "https://github.com/paritytech/polkadot-sdk", branch = "release-polkadot-v1.3.0", default-features = false }';
    edit(join(dir, 'Cargo.toml'), /frame-support = \{[^\n]*\}/, `frame-support = ${git}`);
    edit(join(dir, 'Cargo.toml'), /pallet-aura = \{[^\n]*\}/, `pallet-aura = ${git}`);
    edit(join(dir, 'Cargo.toml'), /cumulus-pallet-parachain-system = \{[^\n]*\}/, `cumulus-pallet-parachain-system = ${git}`);
    const r = await only(dir);
    expect(r.release).toEqual({ name: 'polkadot-v1.3.0', evidence: 'runtime/Cargo.toml: polkadot-sdk git ref release-polkadot-v1.3.0' });
    expect(step(r, '1.5').status).toBe('pass');
  });

  it('takes the release branch the manifest names over the lagging versions of a fork pinned by revision', async () => {
    const dir = copy();
    const git = '{ git = "https://github.com/paritytech/polkadot-sdk", branch = "release-polkadot-v1.3.0", default-features = false }';
    for (const name of ['frame-support', 'pallet-aura', 'cumulus-pallet-parachain-system']) edit(join(dir, 'Cargo.toml'), new RegExp(`${name} = \\{[^\\n]*\\}`), `${name} = ${git}`);
    // The team's [patch] points every SDK crate at its fork; the fork's branch kept the 0.1.0-era versions.
    const fork = 'source = "git+https://github.com/a-team/polkadot-sdk?rev=22dd6de#22dd6de"';
    const lock = join(dir, 'Cargo.lock');
    edit(lock, /source = "registry\+https:\/\/github.com\/rust-lang\/crates.io-index"/g, fork);
    edit(lock, 'version = "0.4.1"', 'version = "0.1.0"');
    edit(lock, 'version = "25.0.0"', 'version = "4.0.0-dev"');
    edit(lock, 'version = "24.0.0"', 'version = "4.0.0-dev"');
    const r = await only(dir);
    expect(r.release.name).toBe('polkadot-v1.3.0');
    expect(r.release.evidence).toContain('pins these crates at a git revision, whose versions lag the release');
  });

  it('places crate versions of no known release between the releases they fall between', async () => {
    const dir = copy();
    edit(join(dir, 'Cargo.lock'), 'version = "0.4.1"', 'version = "0.24.1"');
    edit(join(dir, 'Cargo.lock'), 'version = "25.0.0"', 'version = "44.0.0"');
    edit(join(dir, 'Cargo.lock'), 'version = "24.0.0"', 'version = "43.0.0"');
    const r = await only(dir);
    expect(r.release.name).toBeNull();
    expect(r.release.evidence).toContain('fall between polkadot-stable2509 and polkadot-stable2512');
  });

  it('says unknown, not fail, when the release cannot be told', async () => {
    const dir = copy();
    rmSync(join(dir, 'Cargo.lock'));
    edit(join(dir, 'Cargo.toml'), /\[workspace\.dependencies\][\s\S]*$/, '[workspace.dependencies]\nframe-support = { path = "../sdk/frame-support" }\n');
    const r = await only(dir);
    expect(r.release.name).toBeNull();
    expect(step(r, '1.5').status).toBe('unknown');
    expect(step(r, '1.5').message).toContain('polkadot-v1.1.0–v1.9.0');
    expect(r.phase).toBe(0);
  });
});
