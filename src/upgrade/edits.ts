// Edits as `upgrade` makes them: the smallest span of one file's text replaced, found through the
// parse tree, written in the file's own style (indentation unit, line endings). Everything
// outside the spans stays byte for byte.

import type { UpgradeStepId } from './upgrade-steps.js';

export interface Edit {
  /** Repository-relative path. */
  file: string;
  /** Offsets into the file's text as read (UTF-16 code units). */
  start: number;
  end: number;
  text: string;
  /** The guide step the edit carries out (`prereq` for a network config). */
  step: UpgradeStepId;
  /** The file does not exist yet: the edit is its whole text. */
  create?: boolean;
}

/** Edits that overlap, which cannot both be applied. */
export class EditConflict extends Error {
  override name = 'EditConflict';
}

/**
 * Applies edits to one file's text. Identical edits (two runtimes editing a shared constant the
 * same way) count once; insertions at one offset keep their order; overlapping edits throw.
 */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const unique: Edit[] = [];
  for (const e of edits) {
    if (!unique.some((u) => u.start === e.start && u.end === e.end && u.text === e.text)) unique.push(e);
  }
  const sorted = unique.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || a.i - b.i);
  let out = '';
  let pos = 0;
  for (const { e } of sorted) {
    if (e.start < pos) {
      throw new EditConflict(`${e.file}: two edits overlap at offset ${e.start} (steps ${e.step} and another); upgrade cannot apply both.`);
    }
    out += text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + text.slice(pos);
}

/** How a file writes indentation and line ends. */
export interface FileStyle {
  /** One level of indentation: a tab, or N spaces. */
  unit: string;
  eol: '\n' | '\r\n';
}

/** The file's own style: its line ends and the indentation its indented lines use. */
export function styleOf(text: string, fallbackUnit = '\t'): FileStyle {
  const eol = /\r\n/.test(text) && !/[^\r]\n/.test(text.replace(/\r\n/g, '')) ? '\r\n' : '\n';
  let unit = fallbackUnit;
  let tabs = 0;
  let spaces = 0;
  const widths = new Map<number, number>();
  for (const m of text.matchAll(/^([ \t]+)\S/gm)) {
    const ws = m[1]!;
    if (ws.startsWith('\t')) tabs++;
    else {
      spaces++;
      widths.set(ws.length, (widths.get(ws.length) ?? 0) + 1);
    }
  }
  if (spaces > tabs) {
    // The smallest indentation used at least a few times is one level (4 or 2).
    const smallest = [...widths.keys()].filter((w) => w >= 2 && w <= 8).sort((a, b) => a - b)[0];
    unit = ' '.repeat(smallest === 2 || smallest === 3 ? smallest : 4);
  } else if (tabs > 0) unit = '\t';
  return { unit, eol };
}

/** The whitespace that starts the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  const start = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(start))![0];
}

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just past the line end of the line holding `offset` (or the text's end). */
export function lineEnd(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i === -1 ? text.length : i + 1;
}

/**
 * Snippet text (templates indent with tabs) re-indented for the file: the snippet's own common
 * indentation removed, each leading tab written as the file's unit, every line prefixed with
 * `base`, joined with the file's line end. Blank lines stay empty.
 */
export function reindent(snippet: string, base: string, style: FileStyle): string[] {
  const lines = snippet.replace(/\r\n/g, '\n').split('\n');
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
  const common = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^\t*/.exec(l)![0].length));
  return lines.map((l) => {
    if (l.trim() === '') return '';
    const rest = l.slice(common);
    const tabs = /^\t*/.exec(rest)![0].length;
    return base + style.unit.repeat(tabs) + rest.slice(tabs);
  });
}

/** Lines joined in the file's style, each ended by a line end (for inserting whole lines). */
export function asLines(lines: readonly string[], style: FileStyle): string {
  return lines.map((l) => l + style.eol).join('');
}
