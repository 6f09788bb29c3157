// The README's tables are padded by src/render/markdown-tables.ts, without prettier: they must be
// what prettier prints, for any cell text the templates can produce.

import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { alignMarkdownTables } from '../src/render/markdown-tables.js';

const prettierOf = (md: string) => prettier.format(md, { parser: 'markdown' });

describe('Markdown tables as prettier prints them', () => {
  it.each([
    ['an empty header and short cells', '| | |\n|---|---|\n| Para ID | 2000 |\n| Relay chain | `paseo-local` |\n'],
    ['aligned columns', '| Step | What | Where |\n|:---|:---:|---:|\n| 1.1 | capacity | [runtime/src/lib.rs:12](runtime/src/lib.rs#L12) |\n| prereq | relay | |\n'],
    ['links, code and wide characters', '| Node | RPC |\n|---|---|\n| `alice` (relay validator) | `ws://127.0.0.1:9944` |\n| 検証 — ok | ✅ |\n'],
    ['a table inside other text, and a fenced pipe line left alone', '# Title\n\nText before.\n\n| a | b |\n|---|---|\n| x | y |\n\n```\n| not | a table |\n|---|---|\n```\n'],
  ])('%s', async (_name, md) => {
    const aligned = alignMarkdownTables(md);
    expect(aligned).toBe(await prettierOf(md));
    expect(alignMarkdownTables(aligned)).toBe(aligned);
  });
});
