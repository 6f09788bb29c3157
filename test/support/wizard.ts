// Drives the built CLI's wizard through a pseudo-terminal: start it, answer questions by title.

import { BIN } from './cli.js';
import { KEY, spawnPty, type PtySession } from './pty.js';

export function wizard(cwd: string, args: readonly string[] = [], env: NodeJS.ProcessEnv = {}): PtySession {
  return spawnPty(process.execPath, [BIN, ...args], { cwd, env });
}

/** Waits for a question (the prompt's `?` prefix and its title), then answers it. */
export async function answer(term: PtySession, title: string, keys: string): Promise<void> {
  await term.waitFor(`? ${title}`);
  term.write(keys);
}

/** Accepts the offered answer of each question, in order. */
export async function acceptDefaults(term: PtySession, titles: readonly string[]): Promise<void> {
  for (const title of titles) await answer(term, title, KEY.enter);
}

/** The end of the screen, for failure messages. */
export function tail(term: PtySession): string {
  return term.text().slice(-2500);
}
