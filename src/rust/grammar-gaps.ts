// Same-length rewrites of valid Rust that tree-sitter-rust 0.24 (the newest published grammar)
// cannot parse, applied to every text before it is parsed (a file, or a re-parsed macro body).
// Every offset is kept, so positions stay true; a rewritten node's own text differs from the
// file's there (`RustFile.nodeText` reads the original).
//
// - `type Template = crate;` (the pallet-is-this-crate entry of a `#[frame_support::runtime]`
//   module): tree-sitter has no `crate` type. Read as `type Template = Crate;`.
// - `&raw[..]`, `&mut raw.len()`: a variable named `raw` after `&` is taken for the start of a raw
//   borrow (`&raw const x`). Read as `&ra_[..]`.
// - `type X = a::Pallet::<Runtime>;`: a turbofish in a type alias, which rustc accepts and
//   tree-sitter's type grammar does not. Read as `a::Pallet  <Runtime>`.
// - `Foo::<T> { a, .. } =>`, `let Bar::<T>(x) = ..`: a turbofish in a pattern. The generic
//   arguments are blanked (`Foo      { a, .. }`): patterns are never judged by their arguments.
// - `let Deps { a, #[cfg(feature = "x")] b, } = deps;`: an attribute on a field of a struct
//   pattern. The attribute is blanked.
// - `<a::Adapter::<F, H> as Trait::<T>>::f(..)`: a turbofish in a qualified path. Read as
//   `<a::Adapter  <F, H> as Trait  <T>>`.
// - `let Some(Info::<T> { a, .. }) = x else {..}`, `let (Triplet::<T> { a }, b) = ..`,
//   `if let Status::<A, B>::Disabled = x`: a turbofish in a pattern nested in a `let`. Blanked,
//   as in arms; in its type (`let v: Vec::<u8>`) read as `Vec  <u8>`.
// - `(a, #[cfg(feature = "x")] b)`: rustc takes attributes on tuple elements (transaction
//   extension tuples use them); the grammar does not. Where a first parse rejects one, the
//   attribute is blanked and the text parsed again (`blankRejectedTupleAttributes`).

import type { Node } from 'web-tree-sitter';

export function bridgeGrammarGaps(source: string): string {
  let out = source;
  if (out.includes('crate')) out = out.replace(/(\btype\s+[A-Za-z_][A-Za-z0-9_]*\s*=\s*)crate(\s*;)/g, '$1Crate$2');
  if (out.includes('raw')) out = out.replace(/(&\s*(?:mut\s+)?)raw\b(?!\s+(?:const|mut)\b)/g, '$1ra_');
  if (out.includes('::<')) {
    out = out.replace(/\btype\s+[A-Za-z_]\w*\s*(?:<[^=;{}]*>\s*)?=[^;{}]*;/g, (item) => item.replace(/::</g, '  <'));
    out = blankPatternTurbofish(out);
    out = qualifiedPathTurbofish(out);
    out = letPatternTurbofish(out);
  }
  if (out.includes('#[')) out = blankPatternFieldAttributes(out);
  return out;
}

/** Attributes inside `let Path { .. } =` struct patterns. */
function blankPatternFieldAttributes(text: string): string {
  let out = text;
  for (const m of text.matchAll(/\blet\s+(?:mut\s+)?[A-Za-z_][\w:]*\s*\{/g)) {
    const open = m.index + m[0].length - 1;
    const close = matching(text, open, '{', '}');
    if (close === -1 || !/^\s*=(?![=>])/.test(text.slice(close + 1, close + 4))) continue;
    const body = text.slice(open, close).replace(/#\[[^\]]*\]/g, (attr) => attr.replace(/[^\n]/g, ' '));
    out = out.slice(0, open) + body + out.slice(close);
  }
  return out;
}

/** `Path::<..>` followed by a `{..}`/`(..)` pattern body and then `=>`, `|` or `if`, or after `let`. */
function blankPatternTurbofish(text: string): string {
  let out = text;
  for (let at = text.indexOf('::<'); at !== -1; at = text.indexOf('::<', at + 3)) {
    const close = matching(text, at + 2, '<', '>');
    if (close === -1) continue;
    let i = skipSpace(text, close + 1);
    const open = text[i];
    if (open !== '{' && open !== '(') continue;
    const end = matching(text, i, open, open === '{' ? '}' : ')');
    if (end === -1) continue;
    i = skipSpace(text, end + 1);
    const after = text.slice(i, i + 3);
    const arm = after.startsWith('=>') || (after[0] === '|' && after[1] !== '|') || /^if\b/.test(after);
    let start = at;
    while (start > 0 && /[\w:]/.test(text[start - 1]!)) start--;
    const before = text.slice(Math.max(0, start - 8), start);
    const binding = /\blet\s+(?:mut\s+)?$/.test(before);
    if (!arm && !binding) continue;
    out = out.slice(0, at) + text.slice(at, close + 1).replace(/[^\n]/g, ' ') + out.slice(close + 1);
  }
  return out;
}

/**
 * Turbofishes inside a qualified path's `<Type as Trait>` (`<A::<T> as B::<T>>::f`): the `::`
 * blanked. A qualified path is a `<..>` holding ` as ` at its own depth and followed by `::`.
 */
function qualifiedPathTurbofish(text: string): string {
  let out = text;
  for (let at = text.indexOf('<'); at !== -1; at = text.indexOf('<', at + 1)) {
    if (text[at + 1] === '<' || text[at + 1] === '=' || text[at - 1] === '<' || (at > 0 && /[\w:]/.test(text[at - 1]!))) continue;
    const close = matching(text, at, '<', '>');
    if (close === -1 || text.slice(close + 1, close + 3) !== '::') continue;
    const inner = text.slice(at + 1, close);
    if (!/\sas\s/.test(inner) || !inner.includes('::<')) continue;
    out = out.slice(0, at + 1) + out.slice(at + 1, close).replace(/::</g, '  <') + out.slice(close);
  }
  return out;
}

/** Turbofishes in a `let` pattern: from `let` to its `=` at depth 0 (not `==`, `=>`). */
function letPatternTurbofish(text: string): string {
  let out = text;
  for (const m of text.matchAll(/\blet\s+/g)) {
    let depth = 0;
    let end = -1;
    for (let i = m.index + m[0].length; i < text.length; i++) {
      const c = text[i]!;
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        if (--depth < 0) break;
      } else if (c === ';') break;
      else if (c === '=' && depth === 0 && text[i + 1] !== '=' && text[i + 1] !== '>' && !'!<>='.includes(text[i - 1]!)) {
        end = i;
        break;
      }
    }
    if (end === -1) continue;
    const pattern = text.slice(m.index, end);
    if (!pattern.includes('::<')) continue;
    // A turbofish before a pattern body goes; one in a type annotation keeps its arguments.
    const blanked = pattern
      .replace(/::<[^<>]*(?:<[^<>]*>[^<>]*)*>(?=\s*[({]|::)/g, (t) => t.replace(/[^\n]/g, ' '))
      .replace(/::</g, '  <');
    out = out.slice(0, m.index) + blanked + out.slice(end);
  }
  return out;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

/** The index of the bracket closing the one at `i`, or -1. */
function matching(text: string, i: number, open: string, close: string): number {
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const c = text[j]!;
    if (c === open) depth++;
    else if (c === close && !(close === '>' && text[j - 1] === '-')) {
      depth--;
      if (depth === 0) return j;
    } else if (c === ';' || (close === '>' && (c === '{' || c === '}'))) return -1;
  }
  return -1;
}

/**
 * `text` with every attribute the grammar rejected inside a tuple expression blanked: found by a
 * first parse, since a tuple cannot be told from other parentheses by text alone.
 */
export function blankRejectedTupleAttributes(text: string, errors: Node[]): string {
  let out = text;
  for (const node of errors) {
    if (!node.isError || node.parent?.type !== 'tuple_expression' || !node.text.startsWith('#[')) continue;
    const start = node.startIndex;
    const end = closingBracket(text, start + 1);
    if (end === -1) continue;
    out = out.slice(0, start) + text.slice(start, end + 1).replace(/[^\n]/g, ' ') + out.slice(end + 1);
  }
  return out;
}

/** The index of the `]` closing the `[` at `open`, or -1. */
function closingBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '[') depth++;
    else if (text[i] === ']' && --depth === 0) return i;
  }
  return -1;
}
