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
// - `<a::Adapter::<F, H> as Trait>::f(..)`: a turbofish in the type of a qualified path. Read as
//   `<a::Adapter  <F, H> as Trait>`.

export function bridgeGrammarGaps(source: string): string {
  let out = source;
  if (out.includes('crate')) out = out.replace(/(\btype\s+[A-Za-z_][A-Za-z0-9_]*\s*=\s*)crate(\s*;)/g, '$1Crate$2');
  if (out.includes('raw')) out = out.replace(/(&\s*(?:mut\s+)?)raw\b(?!\s+(?:const|mut)\b)/g, '$1ra_');
  if (out.includes('::<')) {
    out = out.replace(/\btype\s+[A-Za-z_]\w*\s*(?:<[^=;{}]*>\s*)?=[^;{}]*;/g, (item) => item.replace(/::</g, '  <'));
    out = blankPatternTurbofish(out);
    out = qualifiedTypeTurbofish(out);
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

/** `::<..>` ending the type of a qualified path (`<Type::<..> as Trait>`): the `::` blanked. */
function qualifiedTypeTurbofish(text: string): string {
  let out = text;
  for (let at = text.indexOf('::<'); at !== -1; at = text.indexOf('::<', at + 3)) {
    const close = matching(text, at + 2, '<', '>');
    if (close === -1 || !/^\s+as\s/.test(text.slice(close + 1, close + 5))) continue;
    let start = at;
    while (start > 0 && /[\w:]/.test(text[start - 1]!)) start--;
    if (text[skipBack(text, start - 1)] !== '<') continue;
    out = out.slice(0, at) + '  ' + out.slice(at + 2);
  }
  return out;
}

function skipBack(text: string, i: number): number {
  while (i > 0 && /\s/.test(text[i]!)) i--;
  return i;
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
