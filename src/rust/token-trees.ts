// Reading tree-sitter token trees (a macro invocation's arguments, which tree-sitter leaves
// unparsed), for classifying and rewriting macro bodies.

import type { Node } from 'web-tree-sitter';

const COMMENT_TYPES = new Set(['line_comment', 'block_comment']);

/** The tokens of a token tree, without its delimiters and without comments. */
export function tokens(tt: Node): Node[] {
  const out: Node[] = [];
  const n = tt.childCount;
  for (let i = 1; i < n - 1; i++) {
    const c = tt.child(i);
    if (c && !COMMENT_TYPES.has(c.type)) out.push(c);
  }
  return out;
}

export function isWholeTokenTree(tt: Node): boolean {
  const open = tt.child(0);
  const close = tt.child(tt.childCount - 1);
  if (!open || !close || tt.childCount < 2 || close.isMissing) return false;
  const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  return pairs[open.type] === close.type;
}

export function isTree(t: Node | undefined, open: string): boolean {
  return t?.type === 'token_tree' && t.child(0)?.type === open;
}

/** Skips `#[..]` and `#![..]` attributes starting at `i`. */
export function skipAttributes(toks: Node[], i: number): number {
  while (toks[i]?.type === '#') {
    if (isTree(toks[i + 1], '[')) i += 2;
    else if (toks[i + 1]?.type === '!' && isTree(toks[i + 2], '[')) i += 3;
    else break;
  }
  return i;
}

export function splitTop(toks: Node[], separator: string): Node[][];
export function splitTop(
  toks: Node[],
  separator: string,
  withSeparators: true,
): { tokens: Node[]; separator: Node | null }[];
export function splitTop(
  toks: Node[],
  separator: string,
  withSeparators = false,
): Node[][] | { tokens: Node[]; separator: Node | null }[] {
  const groups: { tokens: Node[]; separator: Node | null }[] = [];
  let current: Node[] = [];
  for (const t of toks) {
    if (t.type === separator) {
      groups.push({ tokens: current, separator: t });
      current = [];
    } else {
      current.push(t);
    }
  }
  if (current.length > 0 || withSeparators) groups.push({ tokens: current, separator: null });
  if (withSeparators) return groups;
  return groups.map((g) => g.tokens).filter((g) => g.length > 0);
}
