// What each release's generated project must cover of that release's reference trees
// (test/fixtures/reference-shapes.json, read from them by `scripts/compare-reference.ts --facts`):
// the runtime's pallets, every Config impl with its associated types, the runtime APIs with their
// functions' signatures and the transaction extensions; the values of the items the guide and the
// release facts are about; the node's build-parameter structs with their fields; and the crate
// versions the profile writes, which must be the ones the reference's Cargo.lock pins.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROFILES, type CrateVersions } from '../src/profiles/index.js';
import { SDK_RELEASES, type SdkRelease } from '../src/settings/schema.js';
import { ROOT, generate, removeTree } from './support/cli.js';
import { NODE_STRUCTS, readNodeShape, type NodeShape } from './support/node-shape.js';
import { normalisePath, readRuntimeShape, type RuntimeShape } from './support/runtime-shape.js';

interface ReferenceFacts {
  source: string;
  pallets: string[];
  configs: Record<string, string[]>;
  values: Record<string, Record<string, string>>;
  apis: Record<string, string[]>;
  txExtensions: string[];
  locked: Record<string, string[]>;
  node: { collators: string[]; structs: Record<string, string[]> };
}

const FACTS = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/reference-shapes.json'), 'utf8')).releases as Record<SdkRelease, ReferenceFacts>;

/** The crate each version of a profile is written for, in the generated Cargo.toml. */
const CRATE_OF: Record<keyof CrateVersions, string> = {
  polkadotSdk: 'polkadot-sdk',
  frame: 'polkadot-sdk-frame',
  cumulusPalletParachainSystem: 'cumulus-pallet-parachain-system',
  substrateWasmBuilder: 'substrate-wasm-builder',
  codec: 'parity-scale-codec',
  scaleInfo: 'scale-info',
  serde: 'serde',
  serdeJson: 'serde_json',
  log: 'log',
  smallvec: 'smallvec',
  hexLiteral: 'hex-literal',
  docify: 'docify',
  clap: 'clap',
  colorPrint: 'color-print',
  futures: 'futures',
  jsonrpsee: 'jsonrpsee',
  prometheusEndpoint: 'substrate-prometheus-endpoint',
  scTracing: 'sc-tracing',
};

const made: string[] = [];
const shapes = new Map<SdkRelease, { runtime: RuntimeShape; node: NodeShape; dir: string }>();
beforeAll(async () => {
  for (const sdk of SDK_RELEASES) {
    const dir = generate('ref-cover', ['--no-format', '--sdk', sdk, '--phase', '3']);
    made.push(dir);
    shapes.set(sdk, { runtime: await readRuntimeShape(join(dir, 'runtime/src')), node: await readNodeShape(join(dir, 'node/src')), dir });
  }
});
afterAll(() => made.forEach((dir) => removeTree(join(dir, '..'))));

it('has reference facts for every release, and for no other', () => {
  expect(Object.keys(FACTS).sort()).toEqual([...SDK_RELEASES].sort());
});

describe.each(SDK_RELEASES)('%s covers its reference', (sdk) => {
  const facts = FACTS[sdk];
  const ours = () => shapes.get(sdk)!;

  it('has every pallet of the reference runtime, at the same index', () => {
    const pallets = ours().runtime.pallets.map((p) => `${p.index} ${p.name} = ${p.pallet}`);
    expect(pallets).toEqual(expect.arrayContaining(facts.pallets));
  });

  it('has every Config impl of the reference with every associated type it sets', () => {
    for (const [key, items] of Object.entries(facts.configs)) {
      const impl = ours().runtime.impls.get(key);
      expect(impl, key).toBeDefined();
      expect([...impl!.items.keys()], key).toEqual(expect.arrayContaining(items));
    }
  });

  it('sets the guide\'s and the release\'s items to the reference values (phase 3)', () => {
    for (const [key, items] of Object.entries(facts.values)) {
      for (const [item, value] of Object.entries(items)) {
        expect(ours().runtime.impls.get(key)?.values.get(item), `${key}: ${item}`).toBe(value);
      }
    }
  });

  it('implements every runtime API of the reference with the same functions', () => {
    const apis = new Map([...ours().runtime.apis].map(([api, fns]) => [normalisePath(api).split('::').pop()!, [...fns].map(([n, sig]) => `${n}${sig}`).sort()]));
    for (const [api, fns] of Object.entries(facts.apis)) expect(apis.get(api), api).toEqual(fns);
  });

  it('has the transaction extensions of the reference, in its order', () => {
    expect(ours().runtime.txExtensions).toEqual(facts.txExtensions);
  });

  it('starts the lookahead collator with every build parameter of the reference node', () => {
    expect(facts.node.collators).toContain('lookahead');
    expect([...ours().node.collators]).toEqual(['lookahead']);
    for (const name of NODE_STRUCTS) {
      const fields = facts.node.structs[name];
      if (!fields) {
        expect(ours().node.structs.has(name), `${name} is not in the reference node`).toBe(false);
        continue;
      }
      expect([...(ours().node.structs.get(name) ?? [])].sort(), name).toEqual(expect.arrayContaining(fields));
    }
  });

  it('writes each crate version as the reference Cargo.lock pins it', () => {
    const versions = PROFILES[sdk].versions;
    for (const [key, version] of Object.entries(versions) as [keyof CrateVersions, string][]) {
      const crate = CRATE_OF[key];
      const locked = facts.locked[crate];
      expect(locked, crate).toBeDefined();
      // The stable2506 reference names the SDK crates one by one: its lock has no umbrella crate.
      if (crate === 'polkadot-sdk' && locked!.length === 0) continue;
      expect(locked, `${crate} ${version}`).toContain(version);
    }
    const manifest = readFileSync(join(ours().dir, 'Cargo.toml'), 'utf8');
    expect(manifest).toContain(`polkadot-sdk = { version = "${versions.polkadotSdk}", default-features = false }`);
  });
});
