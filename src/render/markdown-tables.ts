// Pads the tables of rendered Markdown the way prettier prints them, so generated READMEs are
// prettier-clean without loading prettier: every column as wide as its widest cell (at least 3),
// `| a | b |` rows, and a delimiter row of dashes (colons kept for aligned columns).

type Align = 'left' | 'center' | 'right' | null;

const DELIMITER_ROW = /^\|(\s*:?-+:?\s*\|)+\s*$/;

export function alignMarkdownTables(markdown: string): string {
  const lines = markdown.split('\n');
  const out: string[] = [];
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const next = lines[i + 1];
    if (inFence || !line.startsWith('|') || next === undefined || !DELIMITER_ROW.test(next)) {
      out.push(line);
      continue;
    }
    const rows = [cells(line)];
    const align = cells(next).map(alignOf);
    let j = i + 2;
    for (; j < lines.length && lines[j]!.startsWith('|'); j++) rows.push(cells(lines[j]!));
    out.push(...printTable(rows, align));
    i = j - 1;
  }
  return out.join('\n');
}

function printTable(rows: string[][], align: Align[]): string[] {
  const columns = rows[0]!.length;
  const widths = Array.from({ length: columns }, (_, c) => Math.max(3, ...rows.map((r) => stringWidth(r[c] ?? ''))));
  const row = (r: string[]) =>
    `| ${widths
      .map((width, c) => {
        const text = r[c] ?? '';
        const gap = width - stringWidth(text);
        const before = align[c] === 'right' ? gap : align[c] === 'center' ? Math.floor(gap / 2) : 0;
        return `${' '.repeat(before)}${text}${' '.repeat(gap - before)}`;
      })
      .join(' | ')} |`;
  const delimiter = `| ${widths
    .map((width, c) => {
      const a = align[c] ?? null;
      const first = a === 'left' || a === 'center' ? ':' : '-';
      const last = a === 'right' || a === 'center' ? ':' : '-';
      return `${first}${'-'.repeat(width - 2)}${last}`;
    })
    .join(' | ')} |`;
  return [row(rows[0]!), delimiter, ...rows.slice(1).map(row)];
}

/** The cells of a table row, trimmed: split at `|` outside code spans, `\|` kept. */
function cells(line: string): string[] {
  const body = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  const out: string[] = [];
  let cell = '';
  let code = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '\\' && body[i + 1] === '|') {
      cell += '\\|';
      i++;
    } else if (ch === '`') {
      code = !code;
      cell += ch;
    } else if (ch === '|' && !code) {
      out.push(cell.trim());
      cell = '';
    } else {
      cell += ch;
    }
  }
  out.push(cell.trim());
  return out;
}

function alignOf(delimiter: string): Align {
  const left = delimiter.startsWith(':');
  const right = delimiter.endsWith(':');
  return left && right ? 'center' : left ? 'left' : right ? 'right' : null;
}

/** Display width as prettier counts it: emoji and East Asian wide characters count twice. */
function stringWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x300 && code <= 0x36f) continue;
    width += isWide(code) || /\p{Emoji_Presentation}/u.test(ch) ? 2 : 1;
  }
  return width;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1faff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}
