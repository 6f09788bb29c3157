// Test hook for the atomicity tests, unset in normal use: CREATE_ASYNC_PARACHAIN_FAULT=
// `fail-after:N` throws after N files are written; `pause-after:N` prints a line to stderr and
// waits, so a test can send a signal in the middle of a write.

export interface Fault {
  after: number;
  kind: 'fail' | 'pause';
  act: () => Promise<void>;
}

export function faultInjection(): Fault | undefined {
  const match = /^(fail|pause)-after:(\d+)$/.exec(process.env.CREATE_ASYNC_PARACHAIN_FAULT ?? '');
  if (!match) return undefined;
  const after = Number(match[2]);
  if (match[1] === 'fail') {
    return { after, kind: 'fail', act: async () => Promise.reject(injectedFailure(after)) };
  }
  return {
    after,
    kind: 'pause',
    act: () =>
      new Promise<void>((resolvePause) => {
        process.stderr.write(`paused after ${after} files\n`);
        setTimeout(resolvePause, 60_000);
      }),
  };
}

export function injectedFailure(after: number): Error {
  return new Error(`injected failure after ${after} files`);
}
