// Issue 17: the wizard and help, as a new user met them (items 2 and the wizard list), through a
// real pseudo-terminal (test/support/pty.ts), and help and messages as a subprocess.

import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SDK_RELEASES, SETTINGS } from '../src/settings/schema.js';
import { TOOL_VERSION } from '../src/version.js';
import { BIN, generate, runCli, scratchFolders } from './support/cli.js';
import { KEY, spawnPty } from './support/pty.js';
import { answer, tail, wizard } from './support/wizard.js';

const folder = scratchFolders('cap-polish-');

/** Every setting but the name, given by flag: the wizard then asks only the name (if not given) and the confirmation. */
const ALL_BUT_NAME = ['--phase', '3', '--sdk', 'stable2503', '--para-id', '2000', '--relay-chain', 'rococo-local', '--token-symbol', 'UNIT', '--token-decimals', '12',
  '--capacity', '3', '--velocity', '1', '--slot-duration', '6000', '--authoring-duration', '2000', '--max-candidate-depth', '3', '--allowed-ancestry-len', '2',
  '--lookahead', '3', '--collators', '2', '--validators', '2', '--zombienet-format', 'toml', '--provider', 'native', '--no-omni-node', '--template-pallet'];

describe('the wizard (pseudo-terminal)', () => {
  it('opens with a version banner and aligns the answers in one column', async () => {
    const cwd = folder();
    const term = wizard(cwd, ['--phase', '2', '--relay-chain', 'rococo-local']);
    await term.waitFor(`create-async-parachain v${TOOL_VERSION}`);
    await answer(term, 'Project name', `aligned${KEY.enter}`);
    await answer(term, 'SDK release', KEY.enter);
    await answer(term, 'Para ID', `2345${KEY.enter}`);
    await answer(term, 'Token symbol', KEY.enter);
    await answer(term, 'Token decimals', KEY.enter);
    await answer(term, 'Customise async-backing parameters?', `n${KEY.enter}`);
    await answer(term, 'Collators', KEY.ctrlC);
    expect(await term.exit(), tail(term)).toBe(130);
    const titles = [...SETTINGS.map((s) => s.title), 'Async-backing parameters'].sort((a, b) => b.length - a.length);
    const columns = new Set<number>();
    // Each answered question, wherever the terminal's redraws left it on a line.
    for (const line of [...term.text().matchAll(/✔ [^\n]*/g)].map((m) => m[0])) {
      const title = titles.find((t) => line.startsWith(`✔ ${t}`))!;
      expect(title, line).toBeDefined();
      const rest = line.slice(2 + title.length);
      columns.add(2 + title.length + rest.search(/\S/));
    }
    expect(columns.size, term.text()).toBe(1);
    expect(term.text()).toMatch(/✔ Para ID +2345\n/);
    expect(term.text()).toMatch(/✔ Async-backing parameters +no\n/);
  });

  it('a cancel says "Cancelled; nothing was written." without a red error', async () => {
    const cwd = folder();
    const term = wizard(cwd, [], { NO_COLOR: undefined, FORCE_COLOR: undefined });
    await answer(term, 'Project name', KEY.ctrlC);
    expect(await term.exit()).toBe(130);
    expect(term.text()).toContain('Cancelled; nothing was written.');
    expect(term.text()).not.toContain('error:');
    expect(term.raw()).not.toMatch(/\u001b\[31m/);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('questions and their errors name settings, not flags', async () => {
    const cwd = folder();
    const term = wizard(cwd, ['named', '--sdk', 'stable2503', '--phase', '3']);
    await answer(term, 'Para ID', `5${KEY.enter}`);
    await term.waitFor('Invalid para ID "5": expected an integer from 1000 to 4294967295.');
    term.write(KEY.ctrlC);
    expect(await term.exit()).toBe(130);
    expect(term.text()).not.toMatch(/--para-id/);
  });

  it('asks a y/N question again after an answer that is neither', async () => {
    const cwd = folder();
    const term = wizard(cwd, ['yes-no', '--sdk', 'stable2503', '--phase', '3', '--para-id', '2000', '--relay-chain', 'rococo-local', '--token-symbol', 'UNIT', '--token-decimals', '12']);
    await answer(term, 'Customise async-backing parameters?', `maybe${KEY.enter}`);
    await term.waitFor('Answer y or n (or press Enter for no).');
    term.write(`${KEY.ctrlU}y${KEY.enter}`);
    // "y" opened the parameters: their first open question follows.
    await answer(term, 'Unincluded segment capacity', KEY.ctrlC);
    expect(await term.exit()).toBe(130);
  });

  it.each([
    ['not crate-safe', 'My_Chain', 'Invalid project name "My_Chain": expected a lowercase letter'],
    ['shadowing an SDK crate', 'sp', 'Invalid project name "sp": must be a name'],
  ])('asks again for a name argument that is %s, and writes the project under the new name', async (_label, name, problem) => {
    const cwd = folder();
    const term = wizard(cwd, [name, ...ALL_BUT_NAME]);
    await term.waitFor(problem);
    await answer(term, 'Project name', `renamed-chain${KEY.enter}`);
    await answer(term, 'Create the project with these settings?', KEY.enter);
    expect(await term.exit(), tail(term)).toBe(0);
    expect(readdirSync(cwd)).toEqual(['renamed-chain']);
  });

  it('never asks a question whose answer is fixed (the block time, the relay slot)', async () => {
    const cwd = folder();
    const term = wizard(cwd, ['fixed', '--sdk', 'stable2503', '--phase', '1', '--para-id', '2000', '--relay-chain', 'rococo-local', '--token-symbol', 'UNIT', '--token-decimals', '12']);
    await answer(term, 'Customise async-backing parameters?', `y${KEY.enter}`);
    // Phase 1 fixes capacity, velocity, the relay slot, the block time and the slot: the first
    // question left is the authoring duration.
    await answer(term, 'Authoring duration', KEY.ctrlC);
    expect(await term.exit()).toBe(130);
    for (const title of ['Unincluded segment capacity', 'Block processing velocity', 'Relay slot', 'Block time', 'Aura slot duration']) {
      expect(term.text()).not.toContain(`? ${title}`);
    }
  });

  it('prints each warning once', async () => {
    const cwd = folder();
    const flags = ALL_BUT_NAME.map((f) => (f === '2000' ? '1500' : f));
    const term = wizard(cwd, ['warned', ...flags]);
    await answer(term, 'Create the project with these settings?', KEY.enter);
    expect(await term.exit(), tail(term)).toBe(0);
    expect(term.text().split('system-chain range')).toHaveLength(2);
  });

  it('with --json, the questions go to the terminal and stdout holds only the JSON document', async () => {
    const cwd = folder();
    const term = spawnPty('/bin/sh', ['-c', `exec "${process.execPath}" "${BIN}" json-wizard --json ${ALL_BUT_NAME.join(' ')} > out.json`], { cwd });
    await answer(term, 'Create the project with these settings?', KEY.enter);
    expect(await term.exit(), tail(term)).toBe(0);
    expect(term.text()).toContain('Summary');
    const doc = JSON.parse(readFileSync(join(cwd, 'out.json'), 'utf8'));
    expect(doc).toMatchObject({ ok: true, command: 'new', settings: { name: 'json-wizard' } });
  });

  it('on a dumb terminal, asks line by line without a cursor-movement escape (or any escape)', async () => {
    const cwd = folder();
    const flags = ['--phase', '2', '--relay-chain', 'rococo-local', '--token-symbol', 'UNIT', '--token-decimals', '12', '--authoring-duration', '2000',
      '--max-candidate-depth', '3', '--allowed-ancestry-len', '2', '--lookahead', '3', '--collators', '2', '--validators', '2', '--zombienet-format', 'toml',
      '--provider', 'native', '--no-omni-node', '--template-pallet'];
    const term = spawnPty(process.execPath, [BIN, ...flags], { cwd, env: { TERM: 'dumb', NO_COLOR: undefined, FORCE_COLOR: undefined } });
    await term.waitFor('Project name');
    term.write(`dumb-chain${KEY.enter}`);
    // A choice is a numbered list; a number picks it.
    await term.waitFor('SDK release');
    // The releases, newest (the default) first; a number picks one.
    await term.waitFor(new RegExp(`1\\) ${SDK_RELEASES[0]}[^\\n]*\\n\\s*2\\) ${SDK_RELEASES[1]}`));
    await term.waitFor('Number [1]: ');
    term.write(`${SDK_RELEASES.indexOf('stable2412') + 1}${KEY.enter}`);
    await term.waitFor('Para ID');
    term.write(`5${KEY.enter}`);
    await term.waitFor('> Invalid para ID "5"');
    term.write(`2500${KEY.enter}`);
    await term.waitFor('Create the project with these settings? (Y/n)');
    term.write(`x${KEY.enter}`);
    await term.waitFor('Answer y or n');
    term.write(`y${KEY.enter}`);
    expect(await term.exit(), tail(term)).toBe(0);
    expect(term.raw()).not.toContain('\u001b');
    expect(existsSync(join(cwd, 'dumb-chain', 'async-parachain.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(cwd, 'dumb-chain', 'async-parachain.json'), 'utf8')).settings).toMatchObject({ phase: 2, sdk: 'stable2412', paraId: 2500 });
  });
});

describe('help', () => {
  it('--help has examples and exit codes, for new and regen', () => {
    for (const args of [['--help'], ['regen', '--help']]) {
      const help = runCli(args).stdout;
      expect(help).toMatch(/\nExamples:\n  # .+\n  npx create-async-parachain /);
      expect(help).toMatch(/\nExit codes:\n  0 +success\n  1 +[\s\S]+?\n  2 +usage error[\s\S]+?\n  130 +cancelled/);
    }
  });

  it("regen --help shows the project's values as the defaults", () => {
    const dir = generate('help-chain', ['--phase', '1', '--para-id', '3456', '--collators', '5']);
    for (const [args, cwd] of [[['regen', '--help', '--dir', dir], folder()], [['regen', '--help'], join(dir, 'runtime')]] as const) {
      const help = runCli(args, { cwd }).stdout.replace(/\s+/g, ' ');
      expect(help).toMatch(/--para-id <value> parachain id registered on the relay chain \(current: 3456;/);
      expect(help).toMatch(/--collators <value> collator nodes in the zombienet network \(current: 5;/);
      expect(help).toMatch(/--slot-duration <value> .*\(current: 12000;/);
      expect(help).not.toMatch(/--para-id <value> [^(]*\(default: 2000/);
    }
    // Outside a project: the new-project defaults.
    expect(runCli(['regen', '--help'], { cwd: folder() }).stdout.replace(/\s+/g, ' ')).toMatch(/--para-id <value> parachain id registered on the relay chain \(default: 2000;/);
  });
});

describe('messages quote values the same way everywhere', () => {
  it('every value the user gave is in double quotes (or bare, for numbers), never single quotes', () => {
    const cwd = folder();
    const dir = generate('quoted-chain', ['--phase', '1']);
    mkdirSync(join(cwd, 'x'));
    const cases: [string[], string][] = [
      [['--token-symbol', 'abc', '--yes'], '"abc"'],
      [['--zombienet-format', 'yaml', '--yes'], '"yaml"'],
      [['--bogus'], '"--bogus"'],
      [['--omni-node=perhaps'], '"perhaps"'],
      [['regen', 'runtime', '--dir', dir], '"runtime"'],
      [['regen', 'all', '--sdk', 'stable2412', '--dir', dir], `"${SDK_RELEASES[0]}" → "stable2412"`],
      [['a', 'b'], '"a", "b"'],
      [['--para-id', '99', '--yes'], '99'],
    ];
    for (const [args, shown] of cases) {
      const result = runCli(args, { cwd });
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.stderr, args.join(' ')).toContain(shown);
      expect(result.stderr, args.join(' ')).not.toMatch(/'[^']*'/);
    }
  });
});
