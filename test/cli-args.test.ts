// The command line itself: how arguments are read (the CLI's own parser) and `--format`, which
// runs rustfmt only when asked for.

import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, generate, readTree, removeTree, runCli, tempFolder } from './support/cli.js';

const folders: string[] = [];
function folder(): string {
  const dir = tempFolder();
  folders.push(dir);
  return dir;
}
afterAll(() => folders.forEach(removeTree));

function manifestOf(dir: string): { settings: Record<string, unknown> } {
  return JSON.parse(readFileSync(join(dir, 'async-parachain.json'), 'utf8'));
}

describe('argument syntax', () => {
  it('reads --flag=value like --flag value, and short -y like --yes', () => {
    const parent = folder();
    const a = runCli([join(parent, 'eq-chain'), '-y', '--para-id=3333', '--phase=2']);
    expect(a.code, a.stderr).toBe(0);
    expect(manifestOf(join(parent, 'eq-chain')).settings).toMatchObject({ paraId: 3333, phase: 2 });
  });

  it('takes the last value when a flag is repeated', () => {
    const parent = folder();
    const result = runCli([join(parent, 'last-chain'), '--yes', '--collators', '3', '--collators', '5']);
    expect(result.code, result.stderr).toBe(0);
    expect(manifestOf(join(parent, 'last-chain')).settings.collators).toBe(5);
  });

  it('treats everything after -- as positional, so a folder may look like a flag', () => {
    const parent = folder();
    const result = runCli(['--yes', '--', '--odd-chain'], { cwd: parent });
    // Read as the directory, then refused as a crate name (not as an unknown option).
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/name/);
    expect(result.stderr).not.toMatch(/unknown option/);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('reads options given before the command name as the command’s own', () => {
    const result = runCli(['--json', 'check', join(folder(), 'missing')]);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, exitCode: 2 });
  });

  // Each: arguments, the one-line error it must give (exit 2, nothing written).
  const usageErrors: [string[], RegExp][] = [
    [['--yes=1'], /Option --yes takes no value, got "1"/],
    [['-x'], /Unknown option "-x"/],
    [['--para-i', '3000'], /Unknown option "--para-i": did you mean --para-id\?/],
    [['--zzzzzz'], /^error: Unknown option "--zzzzzz"\.$/m],
    [['one-chain', 'two-chain'], /Too many arguments: expected at most 1, got 2 \("one-chain", "two-chain"\)/],
    [['regen'], /Missing the fragment argument/],
    [['regen', 'all', '--dir'], /Option --dir <path> needs a value/],
    [['check', 'a', 'b'], /Too many arguments for check/],
    [['check', '--phase', '4'], /Invalid --phase "4"/],
    [['check', '--yes'], /Unknown option "--yes"/],
    [['--omni-node=maybe'], /Invalid --omni-node "maybe": expected true or false/],
    [['--no-omni-node=false'], /Option --no-omni-node takes no value, got "false"/],
  ];
  it.each(usageErrors)('%j is a usage error', (args, message) => {
    const parent = folder();
    const result = runCli(args, { cwd: parent });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('prints help for the command it follows, and only the root has --version', () => {
    const root = runCli(['-h']);
    expect(root.code).toBe(0);
    expect(root.stdout).toMatch(/^Usage: create-async-parachain \[options\] \[command\] \[directory\]/);
    expect(root.stdout).toMatch(/^Commands:\n {2}regen \[options\] <fragment\.\.\.>/m);
    const regen = runCli(['regen', '--help']);
    expect(regen.code).toBe(0);
    expect(regen.stdout).toMatch(/^Usage: create-async-parachain regen \[options\] <fragment\.\.\.>/);
    expect(regen.stdout).toMatch(/--dir <path>/);
    expect(regen.stdout).not.toMatch(/--config/);
    const check = runCli(['check', '-h']);
    expect(check.stdout).toMatch(/--phase <n>/);
    expect(check.stdout).not.toMatch(/--para-id/);
    expect(runCli(['check', '--version']).code).toBe(2);
  });
});

describe('--format', () => {
  // A stand-in rustfmt that records how it was called, so the test knows whether it ran.
  function fakeRustfmt(): { bin: string; log: string } {
    const bin = join(folder(), 'bin');
    mkdirSync(bin);
    const log = join(bin, 'calls.log');
    writeFileSync(join(bin, 'rustfmt'), `#!/bin/sh\necho "$@" >> '${log}'\n`);
    chmodSync(join(bin, 'rustfmt'), 0o755);
    return { bin, log };
  }

  it('runs rustfmt over every generated .rs file only when asked for', () => {
    const { bin, log } = fakeRustfmt();
    const env = { PATH: `${bin}:${process.env.PATH ?? ''}` };
    const parent = folder();
    expect(runCli([join(parent, 'plain-chain'), '--yes'], { env }).code).toBe(0);
    expect(runCli([join(parent, 'nofmt-chain'), '--yes', '--no-format'], { env }).code).toBe(0);
    expect(existsSync(log)).toBe(false);
    const formatted = runCli([join(parent, 'fmt-chain'), '--yes', '--format'], { env });
    expect(formatted.code, formatted.stderr).toBe(0);
    const call = readFileSync(log, 'utf8');
    expect(call).toMatch(/--edition 2021 --config-path \S+rustfmt\.toml/);
    const rustFiles = [...readTree(join(parent, 'fmt-chain')).keys()].filter((p) => p.endsWith('.rs'));
    expect(rustFiles.length).toBeGreaterThan(20);
    for (const file of rustFiles) expect(call, file).toContain(file);
  });

  it('warns and writes the files as generated when rustfmt is not installed', () => {
    const parent = folder();
    const result = runCli([join(parent, 'bare-chain'), '--yes', '--format'], { env: { PATH: join(parent, 'no-such-bin') } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^warning: rustfmt is not on PATH, so --format was skipped/m);
    expect(existsSync(join(parent, 'bare-chain', 'runtime/src/lib.rs'))).toBe(true);
  });

  it('with the real rustfmt changes no byte of what the templates wrote', () => {
    const [plain, formatted] = [join(folder(), 'same-chain'), join(folder(), 'same-chain')];
    const flags = ['--yes', '--phase', '2', '--para-id', '2100'];
    expect(runCli([plain, ...flags]).code).toBe(0);
    const result = runCli([formatted, ...flags, '--format']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const a = readTree(plain);
    const b = readTree(formatted);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [path, text] of a) expect(b.get(path), path).toBe(text);
  });
});

describe('output', () => {
  // Output is written straight to the descriptors when they are pipes or files; these are the
  // cases where that could go wrong.
  it('stops quietly, with the exit code of the run, when the reader goes away', () => {
    const project = generate('pipe-chain');
    folders.push(join(project, '..'));
    const shell = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" check . | head -1; echo "exit=\${PIPESTATUS[0]}"`], { cwd: project, encoding: 'utf8' });
    expect(shell.stdout).toMatch(/^Runtime runtime .*phase 3 of 3 met\nexit=0\n$/);
    expect(shell.stderr).toBe('');
  });

  it('writes everything, in order, to a small non-blocking pipe that is read late', () => {
    const expected = runCli(['--help']);
    expect(expected.stdout.length).toBeGreaterThan(4096);
    // A 4 kB pipe, non-blocking on the writer's side, read only after half a second: the first
    // write fills it and the rest must wait for the reader instead of failing or being lost.
    const script = String.raw`
import fcntl, os, subprocess, sys, time
r, w = os.pipe()
fcntl.fcntl(w, fcntl.F_SETPIPE_SZ, 4096)
fcntl.fcntl(w, fcntl.F_SETFL, fcntl.fcntl(w, fcntl.F_GETFL) | os.O_NONBLOCK)
child = subprocess.Popen(sys.argv[1:], stdout=w, stderr=subprocess.PIPE, env=dict(os.environ, NO_COLOR='1'))
os.close(w)
time.sleep(0.5)
out = b''
while True:
    chunk = os.read(r, 65536)
    if not chunk:
        break
    out += chunk
sys.stderr.buffer.write(child.stderr.read())
sys.stdout.buffer.write(out)
sys.exit(child.wait())
`;
    const result = spawnSync('python3', ['-c', script, process.execPath, BIN, '--help'], { encoding: 'utf8', timeout: 30_000 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(expected.stdout);
  });

  it('writes to a file like to a pipe', () => {
    const file = join(folder(), 'version.txt');
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" --version > "${file}"`], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(`${runCli(['--version']).stdout}`);
  });
});
