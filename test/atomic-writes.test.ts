// An interrupted or failing run leaves no half project and no staging folder behind.

import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, generate, readTree, removeTree, runCli, tempFolder } from './support/cli.js';

describe('atomic regen', () => {
  it('an injected failure after some files are replaced puts every file back as it was', () => {
    const dir = generate('undo-chain', ['--phase', '1']);
    const before = readTree(dir);
    const result = runCli(['regen', 'all', '--phase', '2', '--dir', dir], { env: { CREATE_ASYNC_PARACHAIN_FAULT: 'fail-after:2' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/injected failure after 2 files/);
    const after = readTree(dir);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [path, text] of before) expect(after.get(path), path).toBe(text);
    removeTree(join(dir, '..'));
  });
});

describe('atomic scaffold', () => {
  it('an injected failure after some files leaves nothing behind', () => {
    const parent = tempFolder();
    const result = runCli([join(parent, 'half-chain'), '--yes'], { env: { CREATE_ASYNC_PARACHAIN_FAULT: 'fail-after:5' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/injected failure after 5 files/);
    expect(readdirSync(parent)).toEqual([]);
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('%s in the middle of writing leaves nothing behind', async (signal, code) => {
    const parent = tempFolder();
    const child = spawn(process.execPath, [BIN, join(parent, 'killed-chain'), '--yes'], {
      env: { ...process.env, CREATE_ASYNC_PARACHAIN_FAULT: 'pause-after:10' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const exit = new Promise<number | null>((resolve) => child.on('exit', (status) => resolve(status)));
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('paused after 10 files')) resolve();
      });
      child.on('exit', () => reject(new Error(`exited before pausing: ${stderr}`)));
    });
    // The staging folder exists while paused, beside the target.
    expect(readdirSync(parent)).toEqual([expect.stringMatching(/^\.killed-chain\.create-async-parachain-/)]);
    child.kill(signal);
    expect(await exit).toBe(code);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('a target that cannot be created is refused with one sentence and nothing written', () => {
    // Root ignores permission bits, so the unwritable place is a path under a plain file.
    const parent = tempFolder();
    const file = join(parent, 'plain-file');
    writeFileSync(file, 'not a folder\n');
    const result = runCli([join(file, 'ro-chain'), '--yes']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(parent)).toEqual(['plain-file']);
    expect(readFileSync(file, 'utf8')).toBe('not a folder\n');
  });

  it('a read-only parent folder is refused with one sentence and nothing written', () => {
    const parent = tempFolder();
    const locked = join(parent, 'locked');
    mkdirSync(locked);
    lockFolder(locked);
    try {
      const result = runCli([join(locked, 'ro-chain'), '--yes']);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^error: Cannot write the project to .*ro-chain: (permission denied|operation not permitted)/);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(readdirSync(locked)).toEqual([]);
    } finally {
      unlockFolder(locked);
    }
  });
});

// Root ignores permission bits, so as root the folder is made immutable (chattr +i, ext4 and
// most Linux file systems); any other user gets a plain read-only folder.
const isRoot = process.getuid?.() === 0;

function lockFolder(dir: string): void {
  if (!isRoot) return chmodSync(dir, 0o555);
  const result = spawnSync('chattr', ['+i', dir], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`cannot make ${dir} read-only as root: chattr +i failed (${result.stderr.trim() || result.error?.message})`);
}

function unlockFolder(dir: string): void {
  if (isRoot) spawnSync('chattr', ['-i', dir]);
  else chmodSync(dir, 0o755);
}
