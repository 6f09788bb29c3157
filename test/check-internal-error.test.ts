// An analysis error on one runtime: its steps are unknown, the message names what happened, and a
// JavaScript stack is printed only with --verbose.

import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.js';
import { useStreams } from '../src/cli/output.js';
import { ROOT } from './support/cli.js';

vi.mock('../src/analysis/runtime-facts.js', async (original) => ({
  ...(await original<typeof import('../src/analysis/runtime-facts.js')>()),
  analyzeRuntime: () => {
    throw new RangeError('a construct the analysis does not handle');
  },
}));

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  useStreams();
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('check: an analysis error', () => {
  const fixture = join(ROOT, 'test', 'fixtures', 'check', 'runtime-only');

  it('marks the runtime unknown and prints no stack without --verbose', async () => {
    const { code, stdout, stderr } = await run(['check', fixture]);
    expect(code).toBe(1);
    expect(stdout).toContain('check could not analyse this runtime (a construct the analysis does not handle)');
    expect(stdout).toContain('????');
    expect(stdout + stderr).not.toMatch(/\n\s+at \S+ \(/);
  });

  it('prints the stack with --verbose', async () => {
    const { stderr } = await run(['check', fixture, '--verbose']);
    expect(stderr).toMatch(/RangeError: a construct the analysis does not handle\n\s+at /);
  });
});
