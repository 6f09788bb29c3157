// Issue 17, item 3: a standard output that cannot be written (`> /dev/full`, a full disk) gets one
// sentence and exit 1, not a stack trace and the minified bundle; `--verbose` stack traces point
// at the TypeScript sources through the bundles' source maps.

import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, runCli, scratchFolders } from './support/cli.js';

const folder = scratchFolders('cap-output-');
const mounted: string[] = [];
afterAll(() => mounted.forEach((m) => spawnSync('umount', [m])));

/** Runs the CLI with its standard output written to `path`. */
function runInto(path: string, args: readonly string[], cwd: string) {
  const fd = openSync(path, 'w');
  try {
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return { code: result.status, stderr: result.stderr };
  } finally {
    closeSync(fd);
  }
}

const ONE_SENTENCE = /^error: Cannot write to standard output: no space left on the device \(ENOSPC\)\.\n$/;

describe('an unwritable standard output', () => {
  it.each([
    ['a new project', ['out-chain', '--yes']],
    ['--json', ['json-chain', '--yes', '--json']],
    ['--help', ['--help']],
  ])('> /dev/full with %s: one sentence, exit 1', (_label, args) => {
    const cwd = folder();
    const result = runInto('/dev/full', args, cwd);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(ONE_SENTENCE);
  });

  it.runIf(process.getuid?.() === 0)('a file on a full disk: one sentence, exit 1', () => {
    const cwd = folder();
    const disk = mkdtempSync(join(cwd, 'disk-'));
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', disk]).status).toBe(0);
    mounted.push(disk);
    const filler = join(disk, 'filler');
    spawnSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=4k']);
    truncateSync(filler, statSync(filler).size - 512);
    const result = runInto(join(disk, 'out.txt'), ['--help'], cwd);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(ONE_SENTENCE);
  });
});

describe('stack traces', () => {
  it('are shown only with --verbose, and then name the TypeScript sources and functions', () => {
    const parent = folder();
    const env = { CREATE_ASYNC_PARACHAIN_FAULT: 'fail-after:3' };
    const plain = runCli([join(parent, 'quiet-chain'), '--yes'], { env });
    expect(plain.code).toBe(1);
    expect(plain.stderr).toBe('error: Failed: injected failure after 3 files.\n');
    const verbose = runCli([join(parent, 'loud-chain'), '--yes', '--verbose'], { env });
    expect(verbose.code).toBe(1);
    expect(verbose.stderr).toMatch(/at injectedFailure \(\S+src\/project\/fault\.ts:\d+:\d+\)/);
    expect(verbose.stderr).toMatch(/at scaffoldProject \(\S+src\/project\/scaffold\.ts:\d+:\d+\)/);
    // No line of the minified bundle is echoed.
    expect(verbose.stderr).not.toMatch(/dist\/cli\.cjs/);
    for (const line of verbose.stderr.split('\n')) expect(line.length).toBeLessThan(300);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('the bundles ship source maps without the sources themselves', () => {
    for (const bundle of ['cli', 'wizard', 'repository']) {
      const map = JSON.parse(readFileSync(join(BIN, '..', '..', 'dist', `${bundle}.cjs.map`), 'utf8'));
      expect(map.sources.some((s: string) => s.endsWith('.ts'))).toBe(true);
      expect(map.sourcesContent).toBeUndefined();
      expect(readFileSync(join(BIN, '..', '..', 'dist', `${bundle}.cjs`), 'utf8')).toContain(`//# sourceMappingURL=${bundle}.cjs.map`);
    }
  });
});
