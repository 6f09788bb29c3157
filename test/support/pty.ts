// Drives a command through a real pseudo-terminal (python3's pty module, via pty-bridge.py):
// wait for text on the screen, type keystrokes, collect the transcript and the exit code.

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { stripAnsi } from '../../src/cli/style.js';

const BRIDGE = join(import.meta.dirname, 'pty-bridge.py');

/** Keystrokes as a terminal sends them. */
export const KEY = {
  enter: '\r',
  up: '\u001b[A',
  down: '\u001b[B',
  esc: '\u001b',
  ctrlC: '\u0003',
  /** Deletes the typed line (readline's unix-line-discard). */
  ctrlU: '\u0015',
  backspace: '\u007f',
} as const;

export interface PtyOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  cols?: number;
  rows?: number;
  /** Default wait for `waitFor`. */
  timeoutMs?: number;
}

export interface PtySession {
  /**
   * Resolves once `pattern` shows up in the output written after the previous match (ANSI codes
   * removed); rejects with the screen so far when the command exits first or time runs out.
   */
  waitFor(pattern: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Sends keystrokes. */
  write(keys: string): void;
  /** Everything written to the terminal so far, ANSI codes removed. */
  text(): string;
  /** Everything written to the terminal so far, as written. */
  raw(): string;
  /** The command's exit code (128 + N for signal N). */
  exited: Promise<number>;
  /** Waits for the exit code, killing the command if it takes longer than `timeoutMs`. */
  exit(timeoutMs?: number): Promise<number>;
  kill(): void;
}

export function spawnPty(command: string, args: readonly string[], options: PtyOptions): PtySession {
  const cols = options.cols ?? 250;
  const rows = options.rows ?? 60;
  const defaultTimeout = options.timeoutMs ?? 30_000;
  // A variable set to undefined in `options.env` is removed from the command's environment.
  const env = Object.fromEntries(
    Object.entries({ ...process.env, TERM: 'xterm-256color', ...options.env }).filter(([, value]) => value !== undefined),
  );
  const child = spawn('python3', [BRIDGE, String(cols), String(rows), command, ...args], {
    cwd: options.cwd,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let raw = '';
  let searchFrom = 0;
  let exitCode: number | undefined;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());

  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    raw += chunk;
    notify();
  });
  let bridgeErrors = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (bridgeErrors += chunk));
  child.stdin.on('error', () => {}); // keystrokes after the command ended go nowhere

  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      exitCode = code ?? (signal ? 128 : -1);
      notify();
      resolve(exitCode);
    });
  });

  const text = () => stripAnsi(raw).replace(/\r/g, '');

  const describe = (why: string, pattern: string | RegExp) =>
    `${why} waiting for ${String(pattern)}.\n--- screen (from the last match) ---\n${text().slice(searchFrom)}\n--- end ---${
      bridgeErrors ? `\nbridge stderr: ${bridgeErrors}` : ''
    }`;

  const waitFor = (pattern: string | RegExp, timeoutMs = defaultTimeout) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const screen = text();
        const rest = screen.slice(searchFrom);
        let end = -1;
        let matched = '';
        if (typeof pattern === 'string') {
          const at = rest.indexOf(pattern);
          if (at >= 0) {
            end = at + pattern.length;
            matched = pattern;
          }
        } else {
          const match = pattern.exec(rest);
          if (match) {
            end = match.index + match[0].length;
            matched = match[0];
          }
        }
        if (end >= 0) {
          searchFrom += end;
          done();
          resolve(matched);
          return true;
        }
        if (exitCode !== undefined) {
          done();
          reject(new Error(describe(`the command exited with ${exitCode}`, pattern)));
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(describe(`timed out after ${timeoutMs} ms`, pattern)));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        listeners.delete(listener);
      };
      const listener = () => void check();
      listeners.add(listener);
      check();
    });

  return {
    waitFor,
    write: (keys) => {
      if (exitCode === undefined) child.stdin.write(keys);
    },
    text,
    raw: () => raw,
    exited,
    exit: async (timeoutMs = defaultTimeout * 4) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          child.kill('SIGTERM');
          reject(new Error(`the command did not exit within ${timeoutMs} ms.\n--- screen ---\n${text()}`));
        }, timeoutMs);
      });
      try {
        return await Promise.race([exited, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    kill: () => {
      if (exitCode === undefined) child.kill('SIGTERM');
    },
  };
}
