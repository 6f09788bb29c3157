// Which macros have their bodies re-parsed, and as what: the rules `parseRustFile` follows, by the
// macro's name, before macro-rewrite.ts turns a body into text tree-sitter parses as Rust.

import type { Node } from 'web-tree-sitter';
import { isTree, skipAttributes, tokens } from './token-trees.js';

// Re-parse rules, by the macro's name (the last segment of its path); whatever the delimiter:
//
// - items (`source_file`), the body unchanged: impl_runtime_apis, decl_runtime_apis,
//   impl_opaque_keys, mock_impl_runtime_apis, ord_parameter_types, wasm_export_functions.
// - thread_local: items, with the `;` the macro lets the last `static` omit.
// - parameter_types: items, after normalising the two forms that are not Rust, keeping the rest:
//   `pub Name: T = v;` → `pub static Name: T = v;` and `pub storage Name: T = v;` →
//   `pub static Name: T = v;` (`pub const Name: T = v;` is Rust already). A `static` has the same
//   shape (attributes, visibility, name, type, value expression), so every part is still checked.
// - construct_runtime: an enum. Each entry `Name: path::{Parts} exclude_parts { .. } = 3` becomes
//   the variant `Name(path, (Parts), (..)) = 3`; `pub struct Runtime` reads as `pub enum`;
//   `where Block = B, ..` (older runtimes) as `where Block: B, ..`.
// - register_validate_block (`Runtime = Runtime, BlockExecutor = ..`, not items): the key = value
//   pairs as the bindings of a type, `type __Kv = __Kv<Runtime = Runtime, ..>;` (the values are
//   type paths).
// - define_benchmarks (`[pallet, Bench::<R>] [..]`): a tuple of arrays, `([..], [..],)`.
// - matches, assert_matches: `match (expr) { pattern => {} }`, then any message as a tuple.
// - EXPRESSION_MACROS (vec, format, assert_eq, the log macros, assert_ok, ...): the arguments as
//   one expression in a function body: `(..)` as a tuple or parenthesised expression, `[..]` as an
//   array (so `vec![x; n]` works). A leading `target: x` (log macros) reads as `target = x`.
// - OPAQUE_MACROS (json, quote, bitflags, lazy_static, match_types, ...): not re-parsed; their
//   bodies are another language.
// - any other macro, with `unknownMacros: 'reparse'` (the default): a `{..}` body whose first token
//   (after attributes and `pub`) starts an item is read as items, a `(..)`/`[..]` body as an
//   expression, any other `{..}` body not at all. A body using `$` (macro_rules metavariables) is
//   never re-parsed. `unknownMacros: 'skip'` leaves all unknown macros as token trees.
//
// Where a body holds types (register_validate_block's values, construct_runtime's pallet paths), a
// turbofish (`BlockExecutor::<R, E>`, which Rust accepts in a type path but tree-sitter's type
// grammar does not) is read as `BlockExecutor<R, E>`.

/** How a macro body is read; see the table at the top of this file. */
export type ReparseMode =
  | 'items'
  | 'statics'
  | 'parameter_types'
  | 'construct_runtime'
  | 'key_values'
  | 'benchmark_list'
  | 'matches'
  | 'expression'
  | 'opaque';

const ITEM_MACROS = new Set([
  'impl_runtime_apis',
  'decl_runtime_apis',
  'impl_opaque_keys',
  'mock_impl_runtime_apis',
  'ord_parameter_types',
  'wasm_export_functions',
]);

/** Macros whose arguments are expressions (a leading `target: ..` is accepted). */
export const EXPRESSION_MACROS = new Set([
  // std / core / alloc
  'vec',
  'format',
  'format_args',
  'write',
  'writeln',
  'print',
  'println',
  'eprint',
  'eprintln',
  'panic',
  'assert',
  'assert_eq',
  'assert_ne',
  'debug_assert',
  'debug_assert_eq',
  'debug_assert_ne',
  'unreachable',
  'todo',
  'unimplemented',
  'concat',
  'include',
  'include_str',
  'include_bytes',
  'env',
  'option_env',
  'dbg',
  'compile_error',
  'file',
  'line',
  'column',
  'module_path',
  // log
  'trace',
  'debug',
  'info',
  'warn',
  'error',
  'log',
  // FRAME / Substrate
  'assert_ok',
  'assert_noop',
  'assert_err',
  'assert_err_ignore_postinfo',
  'assert_err_with_weight',
  'assert_storage_noop',
  'ensure',
  'fail',
  'defensive',
  'defensive_assert',
  'hex',
  'hex2array',
  'impl_benchmark_test_suite',
  'create_runtime_str',
  'prod_or_fast',
  'bounded_vec',
  'add_benchmark',
  'add_benchmarks',
  'list_benchmark',
  'list_benchmarks',
  'embed',
  'cstr',
]);

/** Macros whose bodies are not Rust (or not any Rust grammar production): never re-parsed. */
export const OPAQUE_MACROS = new Set([
  'json',
  'quote',
  'quote_spanned',
  'parse_quote',
  'stringify',
  'concat_idents',
  'paste',
  'lazy_static',
  'cfg_if',
  'match_types',
  'bitflags',
  'select',
  'select_biased',
  'benchmarks',
  'benchmarks_instance',
  'benchmarks_instance_pallet',
  'decl_storage',
  'decl_module',
  'decl_event',
  'decl_error',
  'impl_outer_origin',
  'impl_outer_event',
  'impl_outer_dispatch',
  'impl_outer_validate_unsigned',
  'decl_test_network',
  'decl_test_parachain',
  'decl_test_parachains',
  'decl_test_relay_chain',
  'decl_test_relay_chains',
  'decl_test_bridges',
  'decl_test_sender_receiver_accounts_parameter_types',
  'generate_feature_enabled_macro',
  'bounded_btree_map',
  'hashmap',
  'btreemap',
  'maplit',
  'decl_ensure',
]);

const ITEM_START = new Set([
  'fn',
  'const',
  'static',
  'struct',
  'enum',
  'union',
  'type',
  'trait',
  'impl',
  'mod',
  'use',
  'extern',
  'unsafe',
  'async',
]);

// ---------------------------------------------------------------------------------------------
// Classifying macro bodies

/** The rule for a macro's body; with no body (`tt` null), the rule its name alone decides. */
export function modeFor(name: string, tt: Node | null, unknown: 'reparse' | 'skip'): ReparseMode {
  if (OPAQUE_MACROS.has(name)) return 'opaque';
  if (ITEM_MACROS.has(name)) return 'items';
  if (name === 'thread_local') return 'statics';
  if (name === 'parameter_types') return 'parameter_types';
  if (name === 'construct_runtime') return 'construct_runtime';
  if (name === 'register_validate_block') return 'key_values';
  if (name === 'define_benchmarks') return 'benchmark_list';
  if (name === 'matches' || name === 'assert_matches' || name === 'debug_assert_matches') {
    return 'matches';
  }
  if (EXPRESSION_MACROS.has(name)) return 'expression';
  if (unknown === 'skip' || !tt || usesMetavariables(tt)) return 'opaque';
  const open = tt.child(0)?.type;
  if (open === '{') return isItemShaped(tokens(tt)) ? 'items' : 'opaque';
  return 'expression';
}

/**
 * The body of an unknown macro holding `impl` blocks, what a macro wrapping `impl_runtime_apis!`
 * is given (`wrapper! { impl .. for Runtime { .. } .. }`), possibly after a few arguments of its
 * own (`wrapper!(Runtime, Executive, impl .. { .. } ..)`): the index of the token the items start
 * at, or -1.
 */
export function implsStart(name: string, tt: Node): number {
  if (OPAQUE_MACROS.has(name) || usesMetavariables(tt)) return -1;
  const toks = tokens(tt);
  if (!toks.some((t) => t.type === 'impl')) return -1;
  if (tt.child(0)?.type === '{' && isItemShaped(toks)) return 0;
  for (let i = 0; i < toks.length; i++) {
    if (toks[i]!.type !== 'impl') continue;
    // The attributes just before the first impl belong to it.
    let start = i;
    while (start >= 2 && toks[start - 2]!.type === '#' && isTree(toks[start - 1], '[')) start -= 2;
    const before = toks[start - 1];
    return start === 0 || before?.type === ',' || before?.type === ';' ? start : -1;
  }
  return -1;
}

function usesMetavariables(tt: Node): boolean {
  return tt.descendantsOfType(['$', 'metavariable']).length > 0;
}

function isItemShaped(toks: Node[]): boolean {
  let i = skipAttributes(toks, 0);
  if (toks[i]?.type === 'pub') {
    i++;
    if (isTree(toks[i], '(')) i++;
  }
  const t = toks[i];
  if (!t) return false;
  return ITEM_START.has(t.type) || (t.type === 'identifier' && ITEM_START.has(t.text));
}
