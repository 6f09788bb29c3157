// Tiny colour helpers. Colours only when the stream is a terminal and NO_COLOR is not set
// (https://no-color.org: any non-empty value disables colour); FORCE_COLOR=0 also disables,
// any other FORCE_COLOR value forces colour on. The decision is made at call time, so tests and
// callers that redirect output get plain text.

import { stderr, stdout } from './output.js';

export interface Style {
  readonly enabled: boolean;
  bold: (text: string) => string;
  dim: (text: string) => string;
  red: (text: string) => string;
  green: (text: string) => string;
  yellow: (text: string) => string;
  blue: (text: string) => string;
  cyan: (text: string) => string;
}

interface MaybeTty {
  isTTY?: boolean;
}

/** Whether colour may be written to `stream` under the current environment. */
export function colorEnabled(stream: MaybeTty = stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

function paint(on: boolean, open: number, close: number): (text: string) => string {
  if (!on) return (text) => text;
  const start = `\u001b[${open}m`;
  const end = `\u001b[${close}m`;
  // Re-open after a nested reset so an inner colour does not end the outer one.
  return (text) => start + text.split(end).join(end + start) + end;
}

/** Colour helpers for one stream (stdout by default). */
export function styleFor(stream: MaybeTty = stdout, env: NodeJS.ProcessEnv = process.env): Style {
  const on = colorEnabled(stream, env);
  return {
    enabled: on,
    bold: paint(on, 1, 22),
    dim: paint(on, 2, 22),
    red: paint(on, 31, 39),
    green: paint(on, 32, 39),
    yellow: paint(on, 33, 39),
    blue: paint(on, 34, 39),
    cyan: paint(on, 36, 39),
  };
}

function live(stream: MaybeTty): Style {
  const pick = (key: Exclude<keyof Style, 'enabled'>) => (text: string) => styleFor(stream)[key](text);
  return {
    get enabled() {
      return colorEnabled(stream);
    },
    bold: pick('bold'),
    dim: pick('dim'),
    red: pick('red'),
    green: pick('green'),
    yellow: pick('yellow'),
    blue: pick('blue'),
    cyan: pick('cyan'),
  };
}

/** For text written to stdout; decides at each call. */
export const style: Style = live(stdout);
/** For text written to stderr; decides at each call. */
export const errorStyle: Style = live(stderr);

/** Removes ANSI escape sequences (for width calculations and plain-text comparisons). */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[()][0-9A-Za-z]|\u001b[=>78]/g, '');
}
