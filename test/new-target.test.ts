// What a new user did to the target folder (issue 17, items 1 and 4–7): two runs racing for one
// folder, a full disk, a path too long, an empty or symlinked target, a closed terminal, a run
// killed outright, and names whose crates would shadow polkadot-sdk's. The built CLI runs as a
// subprocess each time, as the user ran it.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SDK_CRATE_PREFIXES } from '../src/settings/sdk-crates.js';
import { BIN, readTree, runCli, scratchFolders } from './support/cli.js';

const folder = scratchFolders('cap-target-');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runAsync(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts a run that pauses after writing `after` files; resolves once it has paused. */
async function pausedRun(args: readonly string[], after = 10) {
  const child = spawn(process.execPath, [BIN, ...args, '--yes'], {
    env: { ...process.env, CREATE_ASYNC_PARACHAIN_FAULT: `pause-after:${after}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes(`paused after ${after} files`)) resolve();
    });
    child.on('exit', () => reject(new Error(`exited before pausing: ${stderr}`)));
  });
  return { child, exit };
}

const STAGING = /^\.[^/]+\.create-async-parachain-\d+-[a-z0-9]+$/;

describe('1. two runs into the same new folder', () => {
  it('claims the folder atomically: in each of 20 concurrent pairs exactly one run wins, the other writes nothing', async () => {
    const parent = folder();
    const pairs = Array.from({ length: 20 }, (_, i) => i);
    // Five pairs (ten processes) at a time: enough to overlap on two cores without timing out.
    for (let start = 0; start < pairs.length; start += 5) {
      await Promise.all(
        pairs.slice(start, start + 5).map(async (i) => {
          const target = join(parent, `race-${i}`);
          const [a, b] = await Promise.all([
            runAsync([target, '--yes', '--para-id', '2001']),
            runAsync([target, '--yes', '--para-id', '2002']),
          ]);
          const codes = [a.code, b.code].sort();
          expect(codes, `${a.stderr}${b.stderr}`).toEqual([0, 1]);
          const [winner, loser] = a.code === 0 ? [a, b] : [b, a];
          const paraId = winner === a ? 2001 : 2002;
          expect(loser.stderr).toMatch(/^error: Target folder \S+race-\d+ (is not empty|was filled by another run while this one was writing)/);
          expect(loser.stderr.trim().split('\n')).toHaveLength(1);
          // The folder holds one project, the winner's, with nothing of the loser's and no backup.
          const manifest = JSON.parse(readFileSync(join(target, 'async-parachain.json'), 'utf8'));
          expect(manifest.settings.paraId).toBe(paraId);
          expect(readFileSync(join(target, 'zombienet/zombienet.toml'), 'utf8')).toMatch(new RegExp(`^id = ${paraId}$`, 'm'));
          expect(existsSync(join(target, '.async-parachain'))).toBe(false);
          expect(winner.stdout).toContain('Done.');
        }),
      );
    }
    // No staging folder is left beside the targets.
    expect(readdirSync(parent).sort()).toEqual(pairs.map((i) => `race-${i}`).sort());
  }, 240_000);
});

// A real full disk: a small tmpfs, which needs root. Elsewhere this block is skipped, visibly.
const isRoot = process.getuid?.() === 0;
function tinyDisk(sizeKb: number): string | undefined {
  if (!isRoot) return undefined;
  const mountPoint = mkdtempSync(join(folder(), 'disk-'));
  const result = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', mountPoint], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`cannot mount a tmpfs as root: ${result.stderr}`);
  mounted.push(mountPoint);
  return mountPoint;
}
const mounted: string[] = [];
afterAll(() => mounted.forEach((m) => spawnSync('umount', [m])));

/** Fills the disk, then frees `freeKb` so a write can start and fail part-way. */
function fillDisk(mountPoint: string, freeKb: number): void {
  const filler = join(mountPoint, 'filler');
  spawnSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=4k'], { encoding: 'utf8' });
  const size = readFileSync(filler).length;
  truncateSync(filler, Math.max(0, size - freeKb * 1024));
}

describe.runIf(isRoot)('4. leftovers after a full disk (a real tmpfs)', () => {
  it('new: a full disk removes the staging folder and the parent folders the run made', () => {
    const disk = tinyDisk(64)!;
    const result = runCli([join(disk, 'deep', 'er', 'full-chain'), '--yes']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^error: Cannot write the project to \S+full-chain: the disk is full \(ENOSPC\); nothing was written\.$/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(disk)).toEqual([]);
  });

  it('regen: a full disk part-way through the temporary files leaves every file as it was and no temporary file', () => {
    const disk = tinyDisk(1024)!;
    const dir = join(disk, 'regen-chain');
    expect(runCli([dir, '--yes', '--phase', '1']).code).toBe(0);
    const before = readTree(dir);
    fillDisk(disk, 8);
    const result = runCli(['regen', 'all', '--phase', '2', '--dir', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^error: Cannot write the regenerated files in \S+regen-chain: the disk is full \(ENOSPC\); every file was left as it was\.$/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    const after = readTree(dir);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [path, text] of before) expect(after.get(path), path).toBe(text);
  });
});

describe('4. leftovers after a path too long', () => {
  it('removes the nested folders it made and says so in one sentence', () => {
    const parent = folder();
    // Seventeen levels of 250 characters: past Linux's 4096-byte path limit.
    const levels = Array.from({ length: 17 }, (_, i) => `${String(i).padStart(2, '0')}${'x'.repeat(248)}`);
    const result = runCli([join(parent, ...levels, 'long-chain'), '--yes']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^error: Cannot write the project to \S+long-chain: the path is too long for the file system \(ENAMETOOLONG\); nothing was written\.$/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(parent)).toEqual([]);
  });
});

describe('5. bad target paths', () => {
  it('an empty directory argument is a usage error, not the current folder', () => {
    const parent = folder();
    const result = runCli(['', '--yes'], { cwd: parent });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(/^error: The directory argument is empty: name the project folder, or pass "\." for the current one\.$/);
    expect(readdirSync(parent)).toEqual([]);
  });

  it.each([
    ['an empty folder', (p: string) => mkdirSync(join(p, 'elsewhere')), 'a folder'],
    ['a file', (p: string) => writeFileSync(join(p, 'elsewhere'), 'x'), 'a file'],
    ['nothing', () => {}, 'nothing'],
  ])('a symbolic link to %s is named as one', (_label, make, what) => {
    const parent = folder();
    make(parent);
    symlinkSync(join(parent, 'elsewhere'), join(parent, 'link-chain'));
    const before = readdirSync(parent).sort();
    const result = runCli([join(parent, 'link-chain'), '--yes']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(new RegExp(`^error: Cannot create the project at \\S+link-chain: it is a symbolic link to \\S+elsewhere \\(${what}\\); name the folder itself, or a new one\\.$`));
    expect(readdirSync(parent).sort()).toEqual(before);
  });
});

describe('6. a closed terminal and a run killed outright', () => {
  it('SIGHUP in the middle of writing is handled as SIGINT: nothing is left', async () => {
    const parent = folder();
    const { child, exit } = await pausedRun([join(parent, 'hup-chain')]);
    expect(readdirSync(parent)).toEqual([expect.stringMatching(STAGING)]);
    child.kill('SIGHUP');
    expect(await exit).toEqual({ code: 129, signal: null });
    expect(readdirSync(parent)).toEqual([]);
  });

  it("a later run removes the staging folder of a run killed with SIGKILL, and never a live run's", async () => {
    const parent = folder();
    const killed = await pausedRun([join(parent, 'killed-chain')]);
    killed.child.kill('SIGKILL');
    expect((await killed.exit).signal).toBe('SIGKILL');
    const [leftover] = readdirSync(parent);
    expect(leftover).toMatch(STAGING);

    const live = await pausedRun([join(parent, 'live-chain')]);
    const [liveStaging] = readdirSync(parent).filter((e) => e !== leftover);
    expect(runCli([join(parent, 'later-chain'), '--yes']).code).toBe(0);
    // The dead run's staging folder is gone; the paused run's is still there.
    expect(readdirSync(parent).sort()).toEqual([liveStaging, 'later-chain'].sort());
    live.child.kill('SIGTERM');
    expect((await live.exit).code).toBe(143);
    expect(readdirSync(parent)).toEqual(['later-chain']);
  });

  it("regen removes the temporary files a killed regen left beside the files it writes", () => {
    const parent = folder();
    const dir = join(parent, 'temp-chain');
    expect(runCli([dir, '--yes', '--phase', '1']).code).toBe(0);
    // What a regen killed between writing and renaming leaves: a pid that no longer runs.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const stale = join(dir, 'node/src', `service.rs.regen-${dead}-abc123`);
    writeFileSync(stale, 'half a file');
    expect(runCli(['regen', 'all', '--phase', '2', '--dir', dir]).code).toBe(0);
    expect(existsSync(stale)).toBe(false);
    expect(readdirSync(join(dir, 'node/src')).filter((e) => e.includes('.regen-'))).toEqual([]);
  });
});

describe('7. names whose crates would shadow polkadot-sdk crates', () => {
  const shadowing = [...SDK_CRATE_PREFIXES, 'westend', 'rococo', 'frame-try', 'wasmtime'];

  it.each(shadowing)('"%s" is refused with one sentence and nothing written', (name) => {
    const parent = folder();
    const result = runCli([join(parent, name), '--yes']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(new RegExp(`^error: Invalid project name "${name}": must be a name (that gives no crate the name of one the project depends on \\(${name}-(runtime|node) is in polkadot-sdk's dependency graph\\)|that is not a polkadot-sdk crate prefix \\(${name}-runtime and ${name}-node would sit among the SDK's own ${name}-\\* crates\\))\\.$`));
    expect(readdirSync(parent)).toEqual([]);
  });

  it('names that only start like an SDK crate are fine', () => {
    for (const name of ['spark', 'frameworks', 'polkadot-fans']) {
      const parent = folder();
      expect(runCli([join(parent, name), '--yes', '--dry-run']).code, name).toBe(0);
    }
  });

  it('--config and the manifest are held to the same rule', () => {
    const parent = folder();
    const config = join(parent, 'settings.json');
    writeFileSync(config, JSON.stringify({ name: 'sp' }));
    const result = runCli(['--config', config, '--yes'], { cwd: parent });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^error: Invalid "name" in \S+settings\.json: got "sp", must be a name that gives no crate/);
    rmSync(config);
    expect(readdirSync(parent)).toEqual([]);
  });
});
