// The two ways the wizard asks: inquirer's prompts on a capable terminal, and plain lines on a
// dumb one (TERM=dumb: no cursor movement, no colour), both on stderr so stdout holds only the
// result (`--json`). The wizard sees one small interface and keeps every rule in the schema.

import { createInterface } from 'node:readline';
import { stripAnsi, type Style } from './style.js';

export interface Choice<T> {
  value: T;
  name: string;
  /** Why the choice cannot be picked, when it cannot. */
  disabled?: string;
}

export interface Question {
  /** The setting's title: what the answered line shows, padded so answers align. */
  title: string;
  /** The whole question (title, hint, description). */
  message: string;
}

export interface Prompts {
  /** Free text, checked by `validate` (true, or the sentence shown before asking again). */
  text(q: Question & { default?: string; validate: (text: string) => string | true; shown?: (text: string) => string }): Promise<string>;
  choose<T>(q: Question & { choices: Choice<T>[]; default: T }): Promise<T>;
  /** Writes a line between questions. */
  say(line: string): void;
  close(): void;
}

/** Thrown by a prompt when the user cancels (Ctrl-C, Esc, or the input ends). */
export class PromptCancelled extends Error {
  override name = 'PromptCancelled';
}

/** A yes/no question, asked again until the answer is one. */
export async function askYesNo(prompts: Prompts, q: Question, fallback: boolean): Promise<boolean> {
  const hint = fallback ? '(Y/n)' : '(y/N)';
  const answer = await prompts.text({
    ...q,
    message: `${q.message} ${hint}`,
    validate: (text) => (yesNo(text, fallback) === undefined ? `Answer y or n (or press Enter for ${fallback ? 'yes' : 'no'}).` : true),
    shown: (text) => (yesNo(text, fallback) ? 'yes' : 'no'),
  });
  return yesNo(answer, fallback)!;
}

function yesNo(text: string, fallback: boolean): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (t === '') return fallback;
  if (t === 'y' || t === 'yes') return true;
  if (t === 'n' || t === 'no') return false;
  return undefined;
}

/** The width the answered lines pad titles to. */
export interface Layout {
  titleWidth: number;
}

type Inquirer = {
  input: typeof import('@inquirer/input').default;
  select: typeof import('@inquirer/select').default;
};

/** inquirer's prompts, writing to stderr; answered questions keep their padded title only. */
export function inquirerPrompts(loaded: Inquirer, s: Style, layout: Layout, signal: AbortSignal): Prompts {
  const context = { output: process.stderr, signal };
  const theme = (title: string) => ({
    prefix: { idle: s.blue('?'), done: s.green('✔') },
    style: {
      answer: s.cyan,
      message: (text: string, status?: string) => s.bold(status === 'done' ? title.padEnd(layout.titleWidth) : text),
      error: (text: string) => s.red(`> ${text}`),
      defaultAnswer: (text: string) => s.dim(`(${text})`),
      help: s.dim,
      highlight: s.cyan,
      key: (text: string) => s.cyan(s.bold(`<${text}>`)),
      disabled: (text: string) => s.dim(`- ${text}`),
      description: s.cyan,
      keysHelpTip: (keys: [string, string][]) => keys.map(([key, action]) => `${s.bold(key)} ${s.dim(action)}`).join(s.dim(' • ')),
    },
  });
  return {
    text: (q) =>
      loaded.input(
        {
          message: q.message,
          ...(q.default !== undefined ? { default: q.default } : {}),
          theme: theme(q.title),
          validate: q.validate,
          ...(q.shown ? { transformer: (text: string, { isFinal }: { isFinal: boolean }) => (isFinal ? s.cyan(q.shown!(text)) : text) } : {}),
        },
        context,
      ),
    choose: <T>(q: Question & { choices: Choice<T>[]; default: T }) =>
      loaded.select<T>(
        {
          message: q.message,
          choices: q.choices.map((c) => ({ value: c.value, name: c.name, short: String(c.value), ...(c.disabled ? { disabled: `(${c.disabled})` } : {}) })),
          default: q.default,
          theme: theme(q.title),
          loop: false,
        },
        context,
      ),
    say: (line) => process.stderr.write(`${line}\n`),
    close: () => {},
  };
}

/**
 * Plain line prompts for a dumb terminal: the question, then the answer typed on the line the
 * terminal itself echoes. Choices are numbered; Ctrl-C or the end of input cancels.
 */
export function linePrompts(layout: Layout): Prompts {
  const out = process.stderr;
  const lines = createInterface({ input: process.stdin, terminal: false });
  const pending: string[] = [];
  let waiting: ((line: string | null) => void) | undefined;
  let ended = false;
  lines.on('line', (line) => (waiting ? (waiting(line), (waiting = undefined)) : pending.push(line)));
  lines.on('close', () => {
    ended = true;
    waiting?.(null);
  });
  const cancel = () => waiting?.(null);
  process.on('SIGINT', cancel);
  const nextLine = (): Promise<string> =>
    new Promise((resolveLine, reject) => {
      const settle = (line: string | null) => (line === null ? reject(new PromptCancelled('Cancelled with Ctrl-C.')) : resolveLine(line));
      if (pending.length > 0) return settle(pending.shift()!);
      if (ended) return settle(null);
      waiting = settle;
    });
  const answered = (title: string, shown: string) => out.write(`${title.padEnd(layout.titleWidth)}  ${shown}\n`);

  const prompts: Prompts = {
    async text(q) {
      for (;;) {
        out.write(`${stripAnsi(q.message)}${q.default !== undefined ? ` [${q.default}]` : ''}: `);
        const typed = await nextLine();
        const answer = typed === '' && q.default !== undefined ? q.default : typed;
        const valid = q.validate(answer);
        if (valid === true) {
          answered(q.title, q.shown ? q.shown(answer) : answer);
          return answer;
        }
        out.write(`> ${stripAnsi(valid)}\n`);
      }
    },
    async choose(q) {
      out.write(`${stripAnsi(q.message)}\n`);
      q.choices.forEach((c, i) => out.write(`  ${i + 1}) ${stripAnsi(c.name)}${c.disabled ? ` (not available: ${c.disabled})` : ''}\n`));
      const fallback = q.choices.findIndex((c) => c.value === q.default) + 1;
      for (;;) {
        out.write(`Number${fallback > 0 ? ` [${fallback}]` : ''}: `);
        const typed = (await nextLine()).trim();
        // A number from the list, or the value itself.
        const picked = typed === '' ? q.choices[fallback - 1] : /^\d+$/.test(typed) ? q.choices[Number(typed) - 1] : q.choices.find((c) => String(c.value) === typed);
        if (picked && !picked.disabled) {
          answered(q.title, String(picked.value));
          return picked.value;
        }
        out.write(`> ${picked?.disabled ?? `Type a number from 1 to ${q.choices.length}.`}\n`);
      }
    },
    say: (line) => out.write(`${stripAnsi(line)}\n`),
    close: () => {
      process.off('SIGINT', cancel);
      lines.close();
    },
  };
  return prompts;
}
