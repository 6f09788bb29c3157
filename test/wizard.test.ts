// The interactive wizard, driven through a real pseudo-terminal: the built CLI, answered by
// keystrokes, as a user meets it.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatNextSteps } from '../src/cli/next-steps.js';
import { colorEnabled, stripAnsi, styleFor } from '../src/cli/style.js';
import { parseSettingValue, resolveSettings } from '../src/settings/resolve.js';
import { specOf } from '../src/settings/schema.js';
import { BIN, scratchFolders } from './support/cli.js';
import { KEY } from './support/pty.js';
import { acceptDefaults, answer, tail, wizard } from './support/wizard.js';
import { SETTINGS } from '../src/settings/schema.js';

const folder = scratchFolders('cap-wizard-');

/** The questions after the para ID, through the confirmation, for a run that accepts every default. */
const REST_OF_THE_QUESTIONS = [
  'Relay chain',
  'Token symbol',
  'Token decimals',
  'Customise async-backing parameters?',
  'Collators',
  'Relay validators',
  'Zombienet file format',
  'Zombienet provider',
  'Run with polkadot-omni-node',
  'Include the template pallet',
  'Create the project with these settings?',
];

function schemaMessage(key: Parameters<typeof specOf>[0], raw: string): string {
  try {
    parseSettingValue(specOf(key), raw, 'prompt');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${raw} is a valid ${key}`);
}

describe('interactive wizard (pseudo-terminal)', () => {
  it('answers every question by keystrokes and writes the project', async () => {
    const cwd = folder();
    const term = wizard(cwd);
    await answer(term, 'Project name', `my-chain${KEY.enter}`);
    await answer(term, 'SDK release', KEY.enter);
    // The phase list starts on phase 3 (the default) and explains each phase in one line.
    await term.waitFor('? Rollout phase');
    await term.waitFor(/1 — runtime prepared[^\n]*\n[^\n]*2 — lookahead collator[^\n]*\n[^\n]*3 — async backing on/);
    term.write(`${KEY.up}${KEY.up}${KEY.enter}`);
    await answer(term, 'Para ID', `3000${KEY.enter}`);
    // The list starts on the release's default relay chain, paseo-local, the last of the three.
    await answer(term, 'Relay chain', `${KEY.up}${KEY.enter}`);
    await answer(term, 'Token symbol', `PARA${KEY.enter}`);
    await answer(term, 'Token decimals', KEY.enter);
    // Phase 1 moved the derived defaults: capacity 1 and 12 s blocks are offered.
    await term.waitFor('? Customise async-backing parameters?');
    await term.waitFor(/capacity 1, velocity 1, 12000 ms blocks, 500 ms authoring/);
    term.write(KEY.enter);
    await answer(term, 'Collators', `3${KEY.enter}`);
    await answer(term, 'Relay validators', KEY.enter);
    await answer(term, 'Zombienet file format', `${KEY.down}${KEY.enter}`);
    await answer(term, 'Zombienet provider', KEY.enter);
    await answer(term, 'Run with polkadot-omni-node', KEY.enter);
    await answer(term, 'Include the template pallet', KEY.enter);
    await term.waitFor('Summary');
    await answer(term, 'Create the project with these settings?', KEY.enter);
    expect(await term.exit(), tail(term)).toBe(0);

    const project = join(cwd, 'my-chain');
    const manifest = JSON.parse(readFileSync(join(project, 'async-parachain.json'), 'utf8'));
    expect(manifest.settings).toMatchObject({
      name: 'my-chain',
      sdk: 'stable2512',
      phase: 1,
      paraId: 3000,
      relayChain: 'westend-local',
      tokenSymbol: 'PARA',
      tokenDecimals: 12,
      // Not customised: the derived settings follow phase 1.
      capacity: 1,
      blockTimeMs: 12000,
      authoringMs: 500,
      collators: 3,
      validators: 2,
      zombienetFormat: 'json',
      provider: 'native',
      omniNode: false,
      templatePallet: true,
    });
    expect(readFileSync(join(project, 'runtime/src/genesis_config_presets.rs'), 'utf8')).toMatch(/\b3000\b|\b3_000\b/);
    expect(existsSync(join(project, 'zombienet/zombienet.json'))).toBe(true);
    // The next-steps block names the network file and the command that moves to phase 2.
    const screen = term.text();
    expect(screen).toContain('zombienet spawn zombienet/zombienet.json --provider native');
    expect(screen).toContain('npx create-async-parachain regen all --phase 2');
  });

  it('opens the async-backing parameters on request, with defaults that follow the phase', async () => {
    const cwd = folder();
    const term = wizard(cwd, ['velo', '--sdk', 'stable2503', '--relay-chain', 'rococo-local', '--token-symbol', 'UNIT', '--token-decimals', '12']);
    await answer(term, 'Rollout phase', KEY.enter); // phase 3
    // stable2503 has no elastic scaling: neither the velocity nor the relay parent offset is asked.
    await answer(term, 'Para ID', KEY.enter);
    await answer(term, 'Customise async-backing parameters?', `y${KEY.enter}`);
    await answer(term, 'Unincluded segment capacity', KEY.enter);
    await term.waitFor('(3)'); // the phase-3 default capacity was offered
    // The block time is fixed (relay slot / velocity): stated in the summary, never asked.
    await answer(term, 'Aura slot duration', '');
    await term.waitFor('(6000)');
    term.write(KEY.enter);
    await answer(term, 'Authoring duration', `2500${KEY.enter}`);
    await term.waitFor('exceeds 2000 ms');
    await answer(term, 'Max candidate depth', KEY.enter);
    await answer(term, 'Allowed ancestry length', KEY.enter);
    await answer(term, 'Scheduler lookahead', KEY.enter);
    await answer(term, 'Collators', KEY.enter);
    await answer(term, 'Relay validators', KEY.enter);
    await answer(term, 'Zombienet file format', KEY.enter);
    await answer(term, 'Zombienet provider', KEY.enter);
    await answer(term, 'Run with polkadot-omni-node', KEY.enter);
    await answer(term, 'Include the template pallet', KEY.enter);
    await term.waitFor('Summary');
    await answer(term, 'Create the project with these settings?', KEY.enter);
    expect(await term.exit(), tail(term)).toBe(0);
    const manifest = JSON.parse(readFileSync(join(cwd, 'velo', 'async-parachain.json'), 'utf8'));
    expect(manifest.settings).toMatchObject({ phase: 3, capacity: 3, velocity: 1, relayParentOffset: 0, blockTimeMs: 6000, slotDurationMs: 6000, authoringMs: 2500 });
    expect(term.text()).not.toMatch(/\? (Block processing velocity|Relay parent offset|Block time)/);
    expect(term.text()).toMatch(/Block time\s+6000 ms\n/);
  });

  it('asks the velocity on a release with elastic scaling, and the offset, capacity and slot follow it', async () => {
    const cwd = folder();
    const term = wizard(cwd, ['fast', '--sdk', 'stable2512', '--relay-chain', 'westend-local', '--token-symbol', 'UNIT', '--token-decimals', '12']);
    await answer(term, 'Rollout phase', KEY.enter); // phase 3
    await answer(term, 'Block processing velocity', `3${KEY.enter}`);
    await term.waitFor('is elastic scaling');
    await answer(term, 'Para ID', KEY.enter);
    await answer(term, 'Customise async-backing parameters?', `y${KEY.enter}`);
    await answer(term, 'Relay parent offset', KEY.enter);
    await term.waitFor('(1)');
    await answer(term, 'Unincluded segment capacity', KEY.enter);
    await term.waitFor('(12)'); // (3 + offset) x velocity
    await answer(term, 'Aura slot duration', KEY.enter);
    await term.waitFor('(24000)');
    await answer(term, 'Authoring duration', KEY.enter);
    await answer(term, 'Max candidate depth', KEY.enter);
    await answer(term, 'Allowed ancestry length', KEY.enter);
    await answer(term, 'Scheduler lookahead', KEY.enter);
    await answer(term, 'Collators', KEY.enter);
    await answer(term, 'Relay validators', KEY.enter);
    await term.waitFor('(3)'); // one backing group per core
    await answer(term, 'Zombienet file format', KEY.enter);
    await answer(term, 'Zombienet provider', KEY.enter);
    await answer(term, 'Run with polkadot-omni-node', KEY.enter);
    await answer(term, 'Include the template pallet', KEY.enter);
    await term.waitFor('Summary');
    await answer(term, 'Create the project with these settings?', KEY.enter);
    expect(await term.exit(), tail(term)).toBe(0);
    const manifest = JSON.parse(readFileSync(join(cwd, 'fast', 'async-parachain.json'), 'utf8'));
    expect(manifest.settings).toMatchObject({ phase: 3, velocity: 3, relayParentOffset: 1, capacity: 12, blockTimeMs: 2000, slotDurationMs: 24000, validators: 3, maxCandidateDepth: 11 });
  });

  it('exits 130 on Ctrl-C at a question and creates no folder', async () => {
    const cwd = folder();
    const term = wizard(cwd);
    await answer(term, 'Project name', `cancelled-chain${KEY.enter}`);
    await answer(term, 'SDK release', KEY.enter);
    await answer(term, 'Rollout phase', KEY.enter);
    // The newest release has elastic scaling: phase 3 asks for the velocity next.
    await answer(term, 'Block processing velocity', KEY.enter);
    await answer(term, 'Para ID', KEY.ctrlC);
    expect(await term.exit(), tail(term)).toBe(130);
    expect(term.text()).toMatch(/Cancelled/);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('exits 130 on Esc at a question and creates no folder', async () => {
    const cwd = folder();
    const term = wizard(cwd);
    await answer(term, 'Project name', `esc-chain${KEY.enter}`);
    await answer(term, 'SDK release', KEY.esc);
    expect(await term.exit(), tail(term)).toBe(130);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('exits 130 on Esc at a yes/no question too', async () => {
    const cwd = folder();
    const term = wizard(cwd, ['esc-two', '--phase', '3', '--para-id', '2000', '--sdk', 'stable2503']);
    await answer(term, 'Relay chain', KEY.enter);
    await answer(term, 'Token symbol', KEY.enter);
    await answer(term, 'Token decimals', KEY.enter);
    await answer(term, 'Customise async-backing parameters?', KEY.esc);
    expect(await term.exit(), tail(term)).toBe(130);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('does not ask what was given by flag', async () => {
    const cwd = folder();
    const term = wizard(cwd, ['flagged', '--phase', '2', '--para-id', '2500', '--collators', '4']);
    await answer(term, 'SDK release', KEY.enter);
    await answer(term, 'Relay chain', KEY.enter);
    await answer(term, 'Token symbol', KEY.enter);
    await answer(term, 'Token decimals', KEY.enter);
    await answer(term, 'Customise async-backing parameters?', KEY.enter);
    await answer(term, 'Relay validators', KEY.enter);
    await answer(term, 'Zombienet file format', KEY.enter);
    await answer(term, 'Zombienet provider', KEY.enter);
    await answer(term, 'Run with polkadot-omni-node', KEY.enter);
    await answer(term, 'Include the template pallet', KEY.enter);
    await term.waitFor('Summary');
    await answer(term, 'Create the project with these settings?', KEY.enter);
    expect(await term.exit(), tail(term)).toBe(0);
    const screen = term.text();
    for (const title of ['Project name', 'Rollout phase', 'Para ID', 'Collators']) {
      expect(screen).not.toContain(`? ${title}`);
      expect(screen).not.toContain(`✔ ${title}`);
    }
    expect(screen).toMatch(/Para ID\s+2500 \(given\)/);
    const manifest = JSON.parse(readFileSync(join(cwd, 'flagged', 'async-parachain.json'), 'utf8'));
    expect(manifest.settings).toMatchObject({ name: 'flagged', phase: 2, paraId: 2500, collators: 4, capacity: 1, authoringMs: 2000 });
  });

  it('does not ask what --config gives, and asks nothing but the confirmation when everything is given', async () => {
    const cwd = folder();
    const config = join(cwd, 'settings.json');
    writeFileSync(config, JSON.stringify({ phase: 1, paraId: 2222, tokenSymbol: 'CFG' }));
    const term = wizard(cwd, [
      'from-config',
      '--config',
      config,
      '--sdk',
      'stable2412',
      '--relay-chain',
      'paseo-local',
      '--token-decimals',
      '10',
      '--capacity',
      '1',
      '--velocity',
      '1',
      '--block-time',
      '12000',
      '--authoring-duration',
      '500',
      '--max-candidate-depth',
      '3',
      '--allowed-ancestry-len',
      '2',
      '--lookahead',
      '3',
      '--collators',
      '1',
      '--validators',
      '2',
      '--zombienet-format',
      'toml',
      '--provider',
      'native',
      '--omni-node',
      '--no-template-pallet',
    ]);
    await term.waitFor('Summary');
    await answer(term, 'Create the project with these settings?', KEY.enter);
    expect(await term.exit(), tail(term)).toBe(0);
    for (const title of SETTINGS.map((s) => s.title)) expect(term.text()).not.toContain(`? ${title}`);
    expect(term.text()).not.toContain('? Customise');
    const manifest = JSON.parse(readFileSync(join(cwd, 'from-config', 'async-parachain.json'), 'utf8'));
    expect(manifest.settings).toMatchObject({ phase: 1, paraId: 2222, tokenSymbol: 'CFG', sdk: 'stable2412', omniNode: true, templatePallet: false });
  });

  it("shows the schema's message for an invalid answer and lets the user retry", async () => {
    const cwd = folder();
    const term = wizard(cwd, ['retry-chain', '--sdk', 'stable2503', '--phase', '3']);
    await answer(term, 'Para ID', `5${KEY.enter}`);
    await term.waitFor(schemaMessage('paraId', '5'));
    term.write(`${KEY.ctrlU}1500${KEY.enter}`);
    // A legal but risky value: the schema's warning is shown right away.
    await term.waitFor('system-chain range');
    await answer(term, 'Relay chain', KEY.enter);
    await answer(term, 'Token symbol', `lower${KEY.enter}`);
    await term.waitFor(schemaMessage('tokenSymbol', 'lower'));
    term.write(`${KEY.ctrlU}LOW${KEY.enter}`);
    await answer(term, 'Token decimals', KEY.esc);
    expect(await term.exit(), tail(term)).toBe(130);
    expect(term.text()).toContain('✔ Para ID');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('offers only the choices the given settings allow, with the rule that excludes the others', async () => {
    const cwd = folder();
    // Capacity 3 is only valid in phase 3, so phases 1 and 2 are shown but cannot be picked.
    const term = wizard(cwd, ['rules', '--sdk', 'stable2503', '--capacity', '3']);
    await term.waitFor('? Rollout phase');
    await term.waitFor(/1 — runtime prepared.*must be 1 in phase 1/);
    term.write(KEY.ctrlC);
    expect(await term.exit(), tail(term)).toBe(130);
  });

  it('asks before writing into a non-empty folder, and "No" asks for another name', async () => {
    const cwd = folder();
    mkdirSync(join(cwd, 'busy'));
    writeFileSync(join(cwd, 'busy', 'notes.txt'), 'keep me\n');
    const term = wizard(cwd, ['busy', '--phase', '1', '--sdk', 'stable2503']);
    await answer(term, 'The folder for busy exists and is not empty. Continue?', KEY.enter); // default: no
    await term.waitFor('The folder for busy is not empty: choose another name.');
    await answer(term, 'Project name', `calm${KEY.enter}`);
    await acceptDefaults(term, ['Para ID', ...REST_OF_THE_QUESTIONS]);
    expect(await term.exit(), tail(term)).toBe(0);
    expect(readdirSync(join(cwd, 'busy'))).toEqual(['notes.txt']);
    expect(readFileSync(join(cwd, 'busy', 'notes.txt'), 'utf8')).toBe('keep me\n');
    expect(JSON.parse(readFileSync(join(cwd, 'calm', 'async-parachain.json'), 'utf8')).settings.name).toBe('calm');
  });

  it('writes into a non-empty folder when the user agrees, keeping the files there', async () => {
    const cwd = folder();
    mkdirSync(join(cwd, 'busy'));
    writeFileSync(join(cwd, 'busy', 'notes.txt'), 'keep me\n');
    const term = wizard(cwd);
    await answer(term, 'Project name', `busy${KEY.enter}`);
    await answer(term, 'The folder for busy exists and is not empty. Continue?', `y${KEY.enter}`);
    await acceptDefaults(term, ['SDK release', 'Rollout phase', 'Block processing velocity', 'Para ID', ...REST_OF_THE_QUESTIONS]);
    expect(await term.exit(), tail(term)).toBe(0);
    expect(readFileSync(join(cwd, 'busy', 'notes.txt'), 'utf8')).toBe('keep me\n');
    expect(existsSync(join(cwd, 'busy', 'async-parachain.json'))).toBe(true);
  });

  it('declining the summary cancels with 130 and writes nothing', async () => {
    const cwd = folder();
    const term = wizard(cwd, ['declined', '--phase', '3', '--sdk', 'stable2503', '--para-id', '2000', '--relay-chain', 'rococo-local']);
    await answer(term, 'Token symbol', KEY.enter);
    await answer(term, 'Token decimals', KEY.enter);
    await answer(term, 'Customise async-backing parameters?', KEY.enter);
    await answer(term, 'Collators', KEY.enter);
    await answer(term, 'Relay validators', KEY.enter);
    await answer(term, 'Zombienet file format', KEY.enter);
    await answer(term, 'Zombienet provider', KEY.enter);
    await answer(term, 'Run with polkadot-omni-node', KEY.enter);
    await answer(term, 'Include the template pallet', KEY.enter);
    await answer(term, 'Create the project with these settings?', `n${KEY.enter}`);
    expect(await term.exit(), tail(term)).toBe(130);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('writes no colour codes under NO_COLOR', async () => {
    const cwd = folder();
    const term = wizard(cwd, [], { NO_COLOR: '1' });
    await answer(term, 'Project name', KEY.ctrlC);
    expect(await term.exit()).toBe(130);
    // Cursor movement is fine; SGR (colour / bold) sequences are not.
    expect(term.raw()).not.toMatch(/\u001b\[[0-9;]*m/);
  });

  it('uses colour on a terminal by default', async () => {
    const cwd = folder();
    const term = wizard(cwd, [], { NO_COLOR: undefined, FORCE_COLOR: undefined });
    await answer(term, 'Project name', KEY.ctrlC);
    expect(await term.exit()).toBe(130);
    expect(term.raw()).toMatch(/\u001b\[[0-9;]*m/);
  });
});

describe('without a terminal', () => {
  it('fails at once with exit 1 and names --yes when stdin is not a TTY', async () => {
    const cwd = folder();
    for (const stdin of ['ignore', 'pipe'] as const) {
      const child = spawn(process.execPath, [BIN, 'no-tty'], { cwd, stdio: [stdin, 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
      let stderr = '';
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      // A pipe that stays open must not make the CLI wait for input.
      const code = await new Promise<number | string>((resolve) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve('hung');
        }, 60_000);
        child.on('close', (c) => {
          clearTimeout(timer);
          resolve(c ?? -1);
        });
      });
      expect(code, stderr).toBe(1);
      expect(stderr).toContain('--yes');
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('next steps', () => {
  const steps = (given: Parameters<typeof resolveSettings>[0], target = join(process.cwd(), given.name ?? 'my-parachain')) =>
    stripAnsi(formatNextSteps(resolveSettings(given).settings, target));

  it('says how to build, spawn, test and move to the next phase', () => {
    const text = steps({ name: 'alpha', phase: 1, zombienetFormat: 'json', provider: 'podman' });
    expect(text).toContain('cd alpha');
    expect(text).toContain('cargo build --locked --release');
    expect(text).toContain('zombienet spawn zombienet/zombienet.json --provider podman');
    expect(text).toContain('zombienet test zombienet/smoke.zndsl --provider podman');
    expect(text).toContain('npx create-async-parachain regen all --phase 2');
    expect(text).not.toContain('chain-spec-builder');
    expect(steps({ name: 'beta', phase: 2 })).toContain('npx create-async-parachain regen all --phase 3');
  });

  it('has no next phase in phase 3', () => {
    const text = steps({ name: 'gamma', phase: 3 });
    expect(text).not.toContain('regen');
    expect(text).toContain('zombienet spawn zombienet/zombienet.toml --provider native');
  });

  it('builds the chain spec for polkadot-omni-node projects', () => {
    const text = steps({ name: 'omni-chain', omniNode: true, paraId: 2345, relayChain: 'paseo-local' });
    expect(text).toContain('cargo build --locked --release');
    expect(text).toMatch(
      /chain-spec-builder create --relay-chain paseo-local --para-id 2345 --runtime target\/release\/wbuild\/omni-chain-runtime\/omni_chain_runtime\.compact\.compressed\.wasm/,
    );
  });

  it('names the Paseo relay spec step and the extra cores where they apply', () => {
    const text = steps({ name: 'delta', relayChain: 'paseo-local' });
    expect(text).toContain('chain-spec-generator paseo-local > paseo-local.json');
    expect(steps({ name: 'gamma', velocity: 2 })).toMatch(/velocity 2: assign the extra core 0 to the parachain/);
    expect(steps({ name: 'omni-fast', velocity: 3, omniNode: true })).toContain('its collators run polkadot-omni-node --authoring slot-based');
    expect(steps({ name: 'epsilon', relayChain: 'rococo-local' })).not.toMatch(/chain-spec-generator|extra core/);
  });

  it('says what polkadot-omni-node runs instead of a node switch, with the flag of the release', () => {
    const phase1 = steps({ name: 'omni-one', omniNode: true, phase: 1 });
    expect(phase1).toContain('Next, phase 2 is the node step, and polkadot-omni-node already runs the lookahead collator (its default, --authoring lookahead; --authoring slot-based would select the slot-based one)');
    expect(phase1).not.toContain('switches the node');
    expect(steps({ name: 'omni-old', omniNode: true, phase: 1, sdk: 'stable2412' })).toContain('(its default; --experimental-use-slot-based would select the slot-based one)');
    expect(steps({ name: 'node-one', phase: 1 })).toContain('Next, phase 2 switches the node to the lookahead collator');
  });

  it('quotes a target path the shell would split', () => {
    expect(steps({ name: 'spaced' }, join(process.cwd(), 'my folder', 'spaced'))).toContain("cd 'my folder/spaced'");
    expect(steps({ name: 'here' }, process.cwd())).not.toContain('cd ');
  });
});

describe('colours', () => {
  it('are on only for a terminal without NO_COLOR', () => {
    expect(colorEnabled({ isTTY: true }, {})).toBe(true);
    expect(colorEnabled({ isTTY: false }, {})).toBe(false);
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(colorEnabled({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect(colorEnabled({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(colorEnabled({ isTTY: true }, { FORCE_COLOR: '0' })).toBe(false);
  });

  it('leave text untouched when off', () => {
    expect(styleFor({ isTTY: false }, {}).red('plain')).toBe('plain');
    const on = styleFor({ isTTY: true }, {});
    expect(on.red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(stripAnsi(on.bold(on.red('nested')))).toBe('nested');
  });
});
