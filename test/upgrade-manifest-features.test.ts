// declareFeature: a feature declared in a runtime's Cargo.toml as the manifest is written, for
// the guide's `#[cfg(feature = "experimental")]` SlotDuration (step 1.5 on polkadot-v1.1–v1.9).

import { describe, expect, it } from 'vitest';
import type { Crate } from '../src/analysis/workspace.js';
import { Changes } from '../src/upgrade/changes.js';
import { applyEdits } from '../src/upgrade/edits.js';
import { declareFeature } from '../src/upgrade/manifest-edits.js';

function crateOf(manifestText: string, features: Record<string, string[]> = {}): Crate {
  return {
    name: 'chain-runtime', lib: 'chain_runtime', dir: '/r/runtime', manifest: '/r/runtime/Cargo.toml', manifestRel: 'runtime/Cargo.toml',
    manifestText, libRoot: null, binRoots: [], deps: new Map(), buildDeps: [], features, rsFiles: [],
  };
}

function declared(text: string, features: Record<string, string[]> = {}): string {
  const changes = new Changes();
  declareFeature(changes, '1.5', crateOf(text, features), 'experimental', ['pallet-aura/experimental']);
  return applyEdits(text, changes.edits);
}

describe('declareFeature', () => {
  it('adds the feature after the last entry of [features], before the blank line and the next table', () => {
    const text = '[features]\ndefault = ["std"]\nstd = [\n\t"pallet-aura/std",\n]\n\n[lints]\nworkspace = true\n';
    expect(declared(text, { default: ['std'], std: ['pallet-aura/std'] })).toBe(
      '[features]\ndefault = ["std"]\nstd = [\n\t"pallet-aura/std",\n]\nexperimental = ["pallet-aura/experimental"]\n\n[lints]\nworkspace = true\n',
    );
  });

  it('keeps CRLF line ends and a file without a final newline', () => {
    expect(declared('[features]\r\ndefault = ["std"]', { default: ['std'] })).toBe('[features]\r\ndefault = ["std"]\r\nexperimental = ["pallet-aura/experimental"]');
  });

  it('writes a [features] table when the manifest has none', () => {
    expect(declared('[package]\nname = "chain-runtime"\n')).toBe('[package]\nname = "chain-runtime"\n\n[features]\nexperimental = ["pallet-aura/experimental"]\n');
  });

  it('adds only the missing value to a feature that is already declared', () => {
    const text = '[features]\nexperimental = []\n';
    expect(declared(text, { experimental: [] })).toBe('[features]\nexperimental = ["pallet-aura/experimental"]\n');
    const done = '[features]\nexperimental = ["pallet-aura/experimental"]\n';
    expect(declared(done, { experimental: ['pallet-aura/experimental'] })).toBe(done);
  });
});
