// Reading generated text by lines, for tests that assert specific lines of generated files.

export const lines = (text: string): string[] => text.split('\n');

/** The lines strictly between the first line `isOpen` accepts and the next line equal to `close`. */
export function linesBetween(text: string, isOpen: (line: string) => boolean, close: string, what = 'the opening line'): string[] {
  const all = lines(text);
  const start = all.findIndex(isOpen);
  if (start < 0) throw new Error(`${what} not found`);
  const end = all.findIndex((l, i) => i > start && l === close);
  if (end < 0) throw new Error(`${JSON.stringify(close)} not found after ${what}`);
  return all.slice(start + 1, end);
}

/** The first code line after the `[guide <step>]` comment and any comment lines that follow it. */
export function codeAfterAnchor(text: string, step: string): string {
  const all = lines(text);
  const at = all.findIndex((l) => l.includes(`[guide ${step}]`));
  if (at < 0) throw new Error(`[guide ${step}] not found`);
  let i = at + 1;
  while (all[i]!.trim().startsWith('//')) i++;
  return all[i]!.trim();
}
