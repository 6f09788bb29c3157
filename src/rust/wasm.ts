// Where the two WebAssembly files the Rust parser needs live, from the source tree and from the
// bundled build.
//
// - `tree-sitter.wasm`: web-tree-sitter's own runtime (web-tree-sitter 0.25 names it so; it is
//   exported as `web-tree-sitter/tree-sitter.wasm`).
// - `tree-sitter-rust.wasm`: the Rust grammar, shipped at the root of the `tree-sitter-rust` package.
//
// The bundled build copies both next to `dist/cli.js`, so the first place looked at is the
// directory of the running module (`dist/` once bundled, `src/rust/` in the source tree, where they
// are absent); then the packages in node_modules.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** web-tree-sitter's runtime, as the build copies it into `dist/`. */
export const TREE_SITTER_WASM = 'tree-sitter.wasm';
/** The Rust grammar, as the build copies it into `dist/`. */
export const RUST_GRAMMAR_WASM = 'tree-sitter-rust.wasm';

const PACKAGE_PATHS: Record<string, string> = {
  [TREE_SITTER_WASM]: 'web-tree-sitter/tree-sitter.wasm',
  [RUST_GRAMMAR_WASM]: 'tree-sitter-rust/tree-sitter-rust.wasm',
};

/** Absolute path of one of the two wasm files; throws naming every place looked at. */
export function locateWasm(file: typeof TREE_SITTER_WASM | typeof RUST_GRAMMAR_WASM): string {
  const tried: string[] = [];
  const here = path.dirname(fileURLToPath(import.meta.url));
  const beside = path.join(here, file);
  tried.push(beside);
  if (existsSync(beside)) return beside;
  const request = PACKAGE_PATHS[file];
  if (request) {
    try {
      const resolved = createRequire(import.meta.url).resolve(request);
      if (existsSync(resolved)) return resolved;
      tried.push(resolved);
    } catch {
      tried.push(`node_modules/${request}`);
    }
  }
  throw new Error(`Cannot find ${file} for the Rust parser; looked at: ${tried.join(', ')}.`);
}
