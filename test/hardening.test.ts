// Hardening: values that would break out of Rust, TOML or JSON never reach a template, and
// properties over the whole settings space.

import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scaffoldProject } from '../src/project/scaffold.js';
import { buildContext } from '../src/render/context.js';
import { SettingsError, parseSettings, resolveSettings } from '../src/settings/resolve.js';
import { PHASES, PROVIDERS, RELAY_CHAINS, SDK_RELEASES, ZOMBIENET_FORMATS, type Settings } from '../src/settings/schema.js';
import { readTree, removeTree, runCli, tempFolder } from './support/cli.js';
import { assertRustParses, cargoMetadata, rustfmtCheck } from './support/rust-checks.js';
import { assertFormatted } from './support/formatters.js';
import { assertNoUnusedImports } from './support/unused-imports.js';
import { buildChainSpecs, loadNetwork, parseZndsl } from './support/zombienet.js';

const BREAKOUTS = ['a"b', 'a\\b', 'a\nb', '{{name}}', "a'b", 'a}b', 'A"', 'UNIT\\', 'UNIT\n', 'U{{X}}'];

describe('injection', () => {
  it.each(BREAKOUTS)('refuses %j as a token symbol from a flag, writing nothing', (value) => {
    const parent = tempFolder();
    const result = runCli([join(parent, 'inj-chain'), '--yes', '--token-symbol', value]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--token-symbol/);
    expect(readdirSync(parent)).toEqual([]);
  });

  it.each(BREAKOUTS)('refuses %j as a name from --config, writing nothing', (value) => {
    const parent = tempFolder();
    const config = join(parent, 'settings.json');
    writeFileSync(config, JSON.stringify({ name: value, tokenSymbol: 'UNIT' }));
    const result = runCli(['--yes', '--config', config], { cwd: parent });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/name/);
    expect(readdirSync(parent)).toEqual(['settings.json']);
  });

  it('renders only settings objects that came out of the schema', () => {
    const { settings } = resolveSettings({});
    expect(() => buildContext(settings)).not.toThrow();
    const forged = { ...settings, tokenSymbol: 'X", evil = "1' } as Settings;
    expect(() => buildContext(forged)).toThrow(/must pass resolveSettings/);
    expect(() => ((settings as { tokenSymbol: string }).tokenSymbol = 'X"')).toThrow(TypeError);
  });

  it('property: any raw value either is refused or is made of safe characters', () => {
    const raw = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom(...BREAKOUTS));
    const keys = ['name', 'sdk', 'relayChain', 'tokenSymbol', 'zombienetFormat', 'provider', 'paraId', 'tokenDecimals', 'collators'];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), raw), (values) => {
        let settings: Settings;
        try {
          settings = resolveSettings(parseSettings(values, 'a property test')).settings;
        } catch (error) {
          expect(error).toBeInstanceOf(SettingsError);
          return;
        }
        for (const value of Object.values(settings)) {
          if (typeof value === 'string') expect(value).toMatch(/^[A-Za-z0-9-]+$/);
          else expect(['number', 'boolean']).toContain(typeof value);
        }
      }),
      { numRuns: 500 },
    );
  });
});

/** Raw settings across the whole space; the schema decides which are valid. */
const anySettings = fc.record(
  {
    sdk: fc.constantFrom(...SDK_RELEASES),
    phase: fc.constantFrom(...PHASES),
    paraId: fc.integer({ min: 1000, max: 4294967295 }),
    relayChain: fc.constantFrom(...RELAY_CHAINS),
    tokenSymbol: fc.constantFrom('UNIT', 'ACME', 'X', 'ABCDEFGH', 'T0K3N'),
    tokenDecimals: fc.integer({ min: 0, max: 18 }),
    velocity: fc.integer({ min: 1, max: 3 }),
    relayParentOffset: fc.integer({ min: 0, max: 2 }),
    // Phase 3: the Aura slot as a multiple of the block time (a chain that kept its 12 s slot).
    slotBlocks: fc.integer({ min: 1, max: 4 }),
    capacity: fc.integer({ min: 2, max: 16 }),
    maxCandidateDepth: fc.integer({ min: 15, max: 64 }),
    lookahead: fc.integer({ min: 2, max: 10 }),
    collators: fc.integer({ min: 1, max: 16 }),
    validators: fc.integer({ min: 2, max: 32 }),
    zombienetFormat: fc.constantFrom(...ZOMBIENET_FORMATS),
    provider: fc.constantFrom(...PROVIDERS),
    omniNode: fc.boolean(),
    templatePallet: fc.boolean(),
  },
  { requiredKeys: ['sdk', 'phase'] },
);

function validOrUndefined(raw: Record<string, unknown>): Settings | undefined {
  const { slotBlocks, ...given } = raw;
  // Phases 1-2 fix capacity and velocity; drop the draws that the schema would refuse.
  if (given.phase !== 3) {
    delete given.capacity;
    delete given.velocity;
    delete given.relayParentOffset;
  } else {
    given.slotDurationMs = (6000 / ((given.velocity as number | undefined) ?? 1)) * (slotBlocks as number);
  }
  try {
    return resolveSettings(parseSettings({ name: 'prop-chain', ...given }, 'a property test')).settings;
  } catch {
    return undefined;
  }
}

describe('properties over the settings space', () => {
  it('any valid settings give a tree that the parser, the unused-import check, prettier, taplo, rustfmt, cargo and zombienet accept', async () => {
    await fc.assert(
      fc.asyncProperty(anySettings, async (raw) => {
        const settings = validOrUndefined(raw);
        fc.pre(settings !== undefined);
        const dir = join(tempFolder(), settings!.name);
        try {
          await scaffoldProject(settings!, dir, { format: false, force: false });
          await assertRustParses(dir);
          await assertNoUnusedImports(dir);
          await assertFormatted(dir);
          rustfmtCheck(dir);
          expect(cargoMetadata(dir).workspace_members.length).toBe(1 + (settings!.omniNode ? 0 : 1) + (settings!.templatePallet ? 1 : 0));
          buildChainSpecs({ dir, settings: settings! });
          const network = await loadNetwork(dir, `zombienet/zombienet.${settings!.zombienetFormat}`);
          expect(network.output).toEqual([]);
          expect(network.spec.parachains[0]!.id).toBe(settings!.paraId);
          const smoke = parseZndsl(readTree(dir).get('zombienet/smoke.zndsl')!, join(dir, 'zombienet'));
          expect(smoke.assertions.length).toBeGreaterThan(0);
        } finally {
          removeTree(join(dir, '..'));
        }
      }),
      {
        numRuns: Number(process.env.PROPERTY_RUNS ?? 8),
        // Elastic scaling on both releases that have it, with a node and with polkadot-omni-node.
        examples: [
          [{ sdk: 'stable2512', phase: 3, velocity: 3, relayChain: 'westend-local', slotBlocks: 4, capacity: 12, validators: 3 }],
          [{ sdk: 'stable2509', phase: 3, velocity: 2, relayParentOffset: 2, relayChain: 'rococo-local', slotBlocks: 2, capacity: 11, lookahead: 4, validators: 4, omniNode: true, zombienetFormat: 'json' }],
        ],
      },
    );
  });

  it('any invalid settings are refused with nothing written', () => {
    const invalid = fc.oneof(
      fc.record({ phase: fc.constantFrom(1, 2), capacity: fc.integer({ min: 2, max: 16 }) }),
      fc.record({ paraId: fc.integer({ min: 0, max: 999 }) }),
      fc.record({ velocity: fc.integer({ min: 2, max: 3 }), blockTimeMs: fc.constant(6000) }),
      // Elastic scaling: on a release without it, on paseo-local, without an offset, with too
      // small a capacity, too few validators, an Aura slot under the relay slot.
      fc.record({ sdk: fc.constantFrom('stable2412', 'stable2503', 'stable2506'), velocity: fc.integer({ min: 2, max: 3 }) }),
      fc.record({ relayChain: fc.constant('paseo-local'), velocity: fc.integer({ min: 2, max: 3 }) }),
      fc.record({ velocity: fc.integer({ min: 2, max: 3 }), relayParentOffset: fc.constant(0) }),
      fc.record({ velocity: fc.constant(3), capacity: fc.integer({ min: 2, max: 9 }) }),
      fc.record({ velocity: fc.constant(3), validators: fc.constant(2) }),
      fc.record({ velocity: fc.constant(3), slotDurationMs: fc.constantFrom(2000, 4000) }),
      fc.record({ velocity: fc.constant(1), relayParentOffset: fc.integer({ min: 1, max: 2 }) }),
      fc.record({ capacity: fc.integer({ min: 5, max: 16 }), maxCandidateDepth: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ tokenDecimals: fc.integer({ min: 19, max: 1000 }) }),
      fc.record({ collators: fc.integer({ min: 17, max: 100 }) }),
      fc.record({ lookahead: fc.integer({ min: -5, max: 1 }) }),
      fc.record({ authoringMs: fc.integer({ min: 6001, max: 60000 }) }),
      fc.record({ tokenSymbol: fc.string().filter((s) => !/^[A-Z][A-Z0-9]{0,7}$/.test(s)) }),
    );
    fc.assert(
      fc.property(invalid, (values) => {
        const parent = tempFolder();
        const config = join(parent, 'settings.json');
        writeFileSync(config, JSON.stringify(values));
        const result = runCli([join(parent, 'bad-chain'), '--yes', '--config', config]);
        expect(result.code).toBe(1);
        expect(result.stderr.trim().split('\n')).toHaveLength(1);
        expect(readdirSync(parent)).toEqual(['settings.json']);
        removeTree(parent);
      }),
      { numRuns: 20 },
    );
  });

  it('a manifest reproduces its project byte for byte', () => {
    fc.assert(
      fc.property(anySettings, (raw) => {
        const settings = validOrUndefined(raw);
        fc.pre(settings !== undefined);
        const parent = tempFolder();
        const config = join(parent, 'settings.json');
        writeFileSync(config, JSON.stringify(settings));
        const first = runCli([join(parent, 'first', 'prop-chain'), '--yes', '--config', config]);
        expect(first.code, first.stderr).toBe(0);
        const second = runCli([join(parent, 'second', 'prop-chain'), '--yes', '--config', join(parent, 'first', 'prop-chain', 'async-parachain.json')]);
        expect(second.code, second.stderr).toBe(0);
        const a = readTree(join(parent, 'first', 'prop-chain'));
        const b = readTree(join(parent, 'second', 'prop-chain'));
        expect([...b.keys()]).toEqual([...a.keys()]);
        for (const [path, text] of a) expect(b.get(path), path).toBe(text);
        removeTree(parent);
      }),
      { numRuns: 5 },
    );
  });
});
