// Issue 17, items 8–10: every settings error names where the value came from (the flag, or the
// config key and its file, or that it was the default), config files are read as editors write
// them, values are echoed at a readable length, and boolean flags take `=true|false`.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratchFolders } from './support/cli.js';

const folder = scratchFolders('cap-settings-');

function withConfig(content: string | Buffer): { parent: string; config: string } {
  const parent = folder();
  const config = join(parent, 'settings.json');
  writeFileSync(config, content);
  return { parent, config };
}

function refused(args: readonly string[], parent: string): string {
  const result = runCli(args, { cwd: parent });
  expect(result.code, result.stderr).toBe(1);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  return result.stderr.trim();
}

describe('8. settings derived from the phase follow it; errors name where a value came from', () => {
  it("a phase-3 project's manifest with --phase 1 gives a phase-1 project", () => {
    const parent = folder();
    expect(runCli([join(parent, 'three'), '--yes', '--phase', '3']).code).toBe(0);
    const manifest = join(parent, 'three', 'async-parachain.json');
    const result = runCli([join(parent, 'one'), '--yes', '--config', manifest, '--phase', '1']);
    expect(result.code, result.stderr).toBe(0);
    const settings = JSON.parse(readFileSync(join(parent, 'one', 'async-parachain.json'), 'utf8')).settings;
    expect(settings).toMatchObject({ phase: 1, capacity: 1, blockTimeMs: 12000, slotDurationMs: 12000, authoringMs: 500 });
  });

  it('a value set in a config file is named by its key and file', () => {
    const { parent, config } = withConfig(JSON.stringify({ phase: 3, capacity: 3 }));
    expect(refused(['cfg-chain', '--yes', '--config', config, '--phase', '1'], parent)).toBe(
      `error: Invalid "capacity" in ${config}: got 3, must be 1 in phase 1 (the guide raises it only in phase 3).`,
    );
    expect(readdirSync(parent)).toEqual(['settings.json']);
  });

  it('a value set in a manifest is named by its key and the manifest', () => {
    const parent = folder();
    expect(runCli([join(parent, 'tuned'), '--yes', '--phase', '3', '--capacity', '4']).code).toBe(0);
    const manifest = join(parent, 'tuned', 'async-parachain.json');
    expect(refused(['other', '--yes', '--config', manifest, '--phase', '2'], parent)).toBe(
      `error: Invalid "capacity" in the manifest ${manifest}: got 4, must be 1 in phase 2 (the guide raises it only in phase 3).`,
    );
  });

  it('a value given by flag is named by its flag', () => {
    const parent = folder();
    expect(refused(['flag-chain', '--yes', '--phase', '1', '--capacity', '3'], parent)).toBe(
      'error: Invalid --capacity 3: must be 1 in phase 1 (the guide raises it only in phase 3).',
    );
  });

  it('a default that does not fit is called the default, with the flag that changes it', () => {
    const parent = folder();
    expect(refused(['deep-chain', '--yes', '--capacity', '16'], parent)).toBe(
      'error: The default max candidate depth 3 does not fit: it must be at least capacity - 1 (15); set --max-candidate-depth.',
    );
  });
});

describe('9. config files: types, byte-order marks, long values, objects', () => {
  it.each([
    ['{"phase":"2"}', 'phase', '"2"', 'one of 1, 2, 3 as a number, not a string'],
    ['{"templatePallet":"false"}', 'templatePallet', '"false"', 'true or false as a boolean, not a string'],
    ['{"paraId":{"id":2000}}', 'paraId', 'an object', 'an integer from 1000 to 4294967295 as a number, not an object'],
    ['{"tokenSymbol":["UNIT"]}', 'tokenSymbol', 'an array', 'an uppercase letter followed by up to 7 uppercase letters or digits as a string, not an array'],
  ])('%s names the key, the file and the expected type', (content, key, shown, expected) => {
    const { parent, config } = withConfig(content);
    expect(refused(['t-chain', '--yes', '--config', config], parent)).toBe(`error: Invalid "${key}" in ${config}: got ${shown}, expected ${expected}.`);
  });

  it('accepts a UTF-8 byte-order mark', () => {
    const { parent, config } = withConfig(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ paraId: 2345 }))]));
    const result = runCli([join(parent, 'bom-chain'), '--yes', '--config', config]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(parent, 'bom-chain', 'async-parachain.json'), 'utf8')).settings.paraId).toBe(2345);
  });

  it('cuts a 5 MB value to a readable length', () => {
    const { parent, config } = withConfig(JSON.stringify({ tokenSymbol: 'A'.repeat(5_000_000) }));
    const message = refused(['long-chain', '--yes', '--config', config], parent);
    expect(message).toContain(`got "${'A'.repeat(60)}…" (5,000,000 characters), expected`);
    expect(message.length).toBeLessThan(400);
  });

  it('cuts a long flag value and a long unknown key the same way', () => {
    const parent = folder();
    expect(refused(['x-chain', '--yes', '--token-symbol', 'B'.repeat(1000)], parent)).toContain(`Invalid --token-symbol "${'B'.repeat(60)}…" (1,000 characters)`);
    const { config } = withConfig(JSON.stringify({ ['k'.repeat(500)]: 1 }));
    expect(refused(['y-chain', '--yes', '--config', config], parent)).toContain(`Unknown setting "${'k'.repeat(60)}…" (500 characters) in ${config}`);
  });
});

describe('10. boolean flags', () => {
  it.each([
    [['--omni-node=true'], { omniNode: true }],
    [['--omni-node=false'], { omniNode: false }],
    [['--omni-node', '--no-omni-node'], { omniNode: false }],
    [['--template-pallet'], { templatePallet: true }],
    [['--template-pallet=false'], { templatePallet: false }],
    [['--no-template-pallet'], { templatePallet: false }],
  ])('%j', (flags, expected) => {
    const parent = folder();
    const result = runCli([join(parent, 'switch-chain'), '--yes', ...flags]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(parent, 'switch-chain', 'async-parachain.json'), 'utf8')).settings).toMatchObject(expected);
  });

  it('help shows every switch as --[no-]name, taking true or false', () => {
    const help = runCli(['--help']).stdout;
    expect(help).toMatch(/--\[no-\]omni-node\s/);
    expect(help).toMatch(/--\[no-\]template-pallet\s/);
    expect(help).toMatch(/--\[no-\]format\s/);
  });
});
