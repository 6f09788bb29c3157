import { describe, expect, it } from 'vitest';
import {
  loadRustParser,
  parse,
  parseRustFile,
  syntaxErrors,
  type SyntaxIssue,
} from '../src/rust/parser.js';
import { RUST_GRAMMAR_WASM, TREE_SITTER_WASM, locateWasm } from '../src/rust/wasm.js';

/** 1-based line and column of the first occurrence of `needle` in `source`. */
function where(source: string, needle: string, nth = 0): { line: number; column: number } {
  let index = -1;
  for (let i = 0; i <= nth; i++) index = source.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`${needle} not in source`);
  const before = source.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}

function brief(issues: SyntaxIssue[]) {
  return issues.map(({ line, column, kind, macro }) => ({ line, column, kind, macro }));
}

// A runtime-shaped file using every macro the generated projects use, all valid.
const VALID = `#![cfg_attr(not(feature = "std"), no_std)]
#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

use frame_support::{parameter_types, weights::Weight};

/// Block time: 6 s, with a non-ASCII comment — ok.
pub const MILLI_SECS_PER_BLOCK: u64 = 6000;

parameter_types! {
	pub const Version: RuntimeVersion = VERSION;
	/// A doc comment on a non-const parameter.
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::builder()
		.base_block(BlockExecutionWeight::get())
		.build_or_panic();
	pub storage Dynamic: u32 = 7;
	#[derive(Debug)]
	pub(crate) Location: xcm::latest::Location = xcm::latest::Location::parent();
	pub const SS58Prefix: u16 = 42;
}

impl_opaque_keys! {
	pub struct SessionKeys {
		pub aura: Aura,
	}
}

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(RuntimeCall, RuntimeEvent)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Template = crate;
}

construct_runtime!(
	pub enum Test {
		System: frame_system = 0,
		#[cfg(feature = "x")]
		Council: pallet_collective::<Instance1>::{Pallet, Call, Event<T>} = 1,
		Balances: pallet_balances exclude_parts { Call } = 2,
		Template: pallet_template,
	}
);

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: Block) {
			Executive::execute_block(block)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(SLOT_DURATION)
		}

		fn authorities() -> Vec<AuraId> {
			let v = vec![0u8; 32];
			log::info!(target: "runtime", "authorities {}", v.len());
			assert!(matches!(v.first(), Some(0) | None));
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}
}

sp_api::decl_runtime_apis! {
	#[api_version(2)]
	pub trait Custom {
		fn answer() -> u32;
	}
}

cumulus_pallet_parachain_system::register_validate_block! {
	Runtime = Runtime,
	BlockExecutor = cumulus_pallet_aura_ext::BlockExecutor::<Runtime, Executive>,
}

frame_benchmarking::define_benchmarks!(
	[frame_system, SystemBench::<Runtime>]
	[pallet_balances, Balances]
);

fn genesis() -> serde_json::Value {
	serde_json::json!({ "balances": { "balances": [[1, 2]] }, "parachainInfo": { "parachainId": 2000 } })
}
`;

describe('wasm files', () => {
  it('finds web-tree-sitter and the Rust grammar from the source tree', () => {
    expect(locateWasm(TREE_SITTER_WASM)).toMatch(/web-tree-sitter[/\\]tree-sitter\.wasm$/);
    expect(locateWasm(RUST_GRAMMAR_WASM)).toMatch(/tree-sitter-rust[/\\]tree-sitter-rust\.wasm$/);
  });

  it('loads once', async () => {
    expect(await loadRustParser()).toBe(await loadRustParser());
  });
});

describe('parse', () => {
  it('returns a tree-sitter tree of a source_file', async () => {
    const tree = await parse('fn main() {}\n');
    expect(tree.rootNode.type).toBe('source_file');
    expect(tree.rootNode.firstChild?.type).toBe('function_item');
    tree.delete();
  });
});

describe('syntaxErrors', () => {
  it('accepts valid code, every macro body included', async () => {
    expect(await syntaxErrors(VALID)).toEqual([]);
  });

  it('re-parses the bodies of the runtime macros', async () => {
    const file = await parseRustFile(VALID);
    const modes = Object.fromEntries(file.macros.map((m) => [m.name, m.mode]));
    expect(modes).toMatchObject({
      parameter_types: 'parameter_types',
      impl_opaque_keys: 'items',
      construct_runtime: 'construct_runtime',
      impl_runtime_apis: 'items',
      decl_runtime_apis: 'items',
      register_validate_block: 'key_values',
      define_benchmarks: 'benchmark_list',
      vec: 'expression',
      info: 'expression',
      matches: 'matches',
      include: 'expression',
      concat: 'expression',
      env: 'expression',
    });
    expect(file.macros.some((m) => m.name === 'json')).toBe(false);
    // Nodes inside a macro body map back to the file.
    const apis = file.macros.find((m) => m.name === 'impl_runtime_apis')!;
    const slot = apis.tree.rootNode
      .descendantsOfType('function_item')
      .find((f) => f?.childForFieldName('name')?.text === 'slot_duration')!;
    expect(file.nodePosition(slot, apis)).toEqual(where(VALID, 'fn slot_duration'));
    expect(file.nodeText(slot.childForFieldName('name')!, apis)).toBe('slot_duration');
    // The `vec!` inside `impl_runtime_apis!` is found too, nested.
    const vec = file.macros.find((m) => m.name === 'vec')!;
    expect(vec.parent?.name).toBe('impl_runtime_apis');
    const array = vec.tree.rootNode.descendantsOfType('array_expression')[0]!;
    expect(file.nodeText(array, vec)).toBe('0u8; 32');
    file.delete();
  });

  it('reports a plain syntax error with its line and column', async () => {
    const src = 'fn main() {\n\tlet x = ;\n}\n';
    const issues = await syntaxErrors(src);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]).toMatchObject({ ...where(src, '='), kind: 'error' });
    expect(issues[0]!.macro).toBeUndefined();
  });

  it('reports a missing token', async () => {
    const src = 'fn main() {\n\tlet x = 1\n\tlet y = 2;\n}\n';
    const issues = await syntaxErrors(src);
    expect(issues).toEqual([
      expect.objectContaining({ line: 2, kind: 'missing', text: 'missing ";"' }),
    ]);
  });

  it('finds an error inside impl_runtime_apis! that the plain parse misses', async () => {
    const src = VALID.replace(
      '		fn execute_block(block: Block) {',
      '		fn execute_block(block: Block) -> {',
    );
    // tree-sitter alone sees only a balanced token tree.
    const tree = await parse(src);
    expect(tree.rootNode.hasError).toBe(false);
    tree.delete();

    const issues = await syntaxErrors(src);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.macro === 'impl_runtime_apis')).toBe(true);
    expect(issues[0]!.line).toBe(where(src, 'fn execute_block(block: Block) -> {').line);
  });

  it('finds an error in a macro nested inside impl_runtime_apis!', async () => {
    const src = VALID.replace('vec![0u8; 32]', 'vec![0u8;; 32]');
    const issues = await syntaxErrors(src);
    expect(brief(issues)).toEqual([
      { ...where(src, '; 32]'), kind: 'error', macro: 'vec' },
    ]);
  });

  it('finds an error inside a parameter_types! body, on its line', async () => {
    const src = VALID.replace('pub const SS58Prefix: u16 = 42;', 'pub const SS58Prefix: u16 = 42 +;');
    const tree = await parse(src);
    expect(tree.rootNode.hasError).toBe(false);
    tree.delete();
    const issues = await syntaxErrors(src);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: where(src, '42 +;').line, macro: 'parameter_types' });
  });

  it('reads parameter_types! non-const forms as items, and still rejects broken ones', async () => {
    const ok = 'parameter_types! {\n\tpub Foo: u32 = 1;\n\tBar: u8 = 2;\n\tpub storage Baz: u64 = 3;\n}\n';
    expect(await syntaxErrors(ok)).toEqual([]);
    const file = await parseRustFile(ok);
    const statics = file.macros[0]!.tree.rootNode.descendantsOfType('static_item');
    expect(statics.map((s) => file.nodeText(s!.childForFieldName('name')!, file.macros[0]))).toEqual(
      ['Foo', 'Bar', 'Baz'],
    );
    file.delete();

    const bad = 'parameter_types! {\n\tpub Foo: u32 = 1;\n\tpub Bar: = 2;\n}\n';
    expect(brief(await syntaxErrors(bad))).toEqual([
      expect.objectContaining({ line: 3, macro: 'parameter_types' }),
    ]);
  });

  it('checks construct_runtime! entries', async () => {
    const src = VALID.replace('Balances: pallet_balances exclude_parts', 'Balances pallet_balances exclude_parts');
    const issues = await syntaxErrors(src);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]).toMatchObject({
      line: where(src, 'Balances pallet_balances').line,
      macro: 'construct_runtime',
    });
  });

  it('checks register_validate_block! key = value pairs', async () => {
    const src = VALID.replace('	Runtime = Runtime,\n', '	Runtime = Runtime\n');
    const issues = await syntaxErrors(src);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]).toMatchObject({ macro: 'register_validate_block' });
    expect(issues[0]!.line).toBeGreaterThanOrEqual(where(src, '	Runtime = Runtime\n').line);
    expect(issues[0]!.line).toBeLessThanOrEqual(where(src, '	BlockExecutor =').line);
  });

  it('checks impl_opaque_keys! and decl_runtime_apis! as items', async () => {
    const keys = VALID.replace('pub aura: Aura,', 'pub aura Aura,');
    expect((await syntaxErrors(keys))[0]).toMatchObject({
      line: where(keys, 'pub aura Aura').line,
      macro: 'impl_opaque_keys',
    });
    const decl = VALID.replace('fn answer() -> u32;', 'fn answer() -> ;');
    expect((await syntaxErrors(decl))[0]).toMatchObject({
      line: where(decl, 'fn answer()').line,
      macro: 'decl_runtime_apis',
    });
  });

  it('counts columns from 1, a tab as one column, after non-ASCII text', async () => {
    const src = 'const S: &str = "é😀";\nfn f() {\n\tlet x = 1 +;\n}\n';
    const [issue] = await syntaxErrors(src);
    // The expression missing after `+`, before `;`: tab, `let x = 1 +` → column 13.
    expect(issue).toMatchObject({ line: 3, column: where(src, '+;').column + 1, kind: 'missing' });
    expect(issue!.column).toBe(13);
  });

  it('leaves non-Rust macro bodies alone', async () => {
    const src = 'fn f() {\n\tlet _ = serde_json::json!({ "a": [1, 2], "b": null });\n\tquote! { #x => }\n}\n';
    expect(await syntaxErrors(src)).toEqual([]);
  });

  it('re-parses unknown item-shaped and expression macros unless told to skip them', async () => {
    const src = 'my_items! {\n\tpub struct S {\n\t\tx u32,\n\t}\n}\nfn f() { my_expr!(1 +, 2); }\n';
    const issues = await syntaxErrors(src);
    expect(brief(issues).map((i) => [i.line, i.macro])).toEqual([
      [3, 'my_items'],
      [6, 'my_expr'],
    ]);
    expect(await syntaxErrors(src, { unknownMacros: 'skip' })).toEqual([]);
    // A DSL-looking body (not item-shaped) is not re-parsed.
    expect(await syntaxErrors('my_dsl! { a => b; c => d }\n')).toEqual([]);
    // Nor is a body using macro_rules metavariables.
    expect(await syntaxErrors('gen!(name, feature = "x", $);\n')).toEqual([]);
  });

  it('still reports unbalanced delimiters in any macro', async () => {
    const src = 'fn f() {\n\tlet _ = serde_json::json!({ "a": [1, 2 });\n}\n';
    expect((await syntaxErrors(src)).length).toBeGreaterThan(0);
  });
});

describe('grammar gaps: valid Rust tree-sitter-rust 0.24 cannot parse is not called a syntax error', () => {
  const valid: Record<string, string> = {
    'a variable named raw, borrowed': 'fn f(raw: &[u8]) -> usize {\n\tlet s = &raw[..];\n\tlet n = &mut raw.len();\n\ts.len()\n}\n',
    'a raw borrow itself': 'fn f(x: u8) {\n\tlet p = &raw const x;\n\tlet q = &raw mut y;\n}\n',
    'a turbofish in a type alias inside impl_runtime_apis!':
      'impl_runtime_apis! {\n\timpl X for Runtime {\n\t\tfn f() {\n\t\t\ttype XcmFungible = pallet_xcm_benchmarks::fungible::Pallet::<Runtime>;\n\t\t}\n\t}\n}\n',
    'struct and tuple patterns with a turbofish': 'fn f(x: E) {\n\tmatch x {\n\t\tFoo::<T> { a, .. } => {}\n\t\tBar::<u8>(y) | Baz::<u8>(y) => {}\n\t}\n\tlet Foo::<T> { a, .. } = x;\n}\n',
    'an attribute on a field of a struct pattern': 'fn f(deps: Deps) {\n\tlet Deps {\n\t\tclient,\n\t\t#[cfg(feature = "manual-seal")]\n\t\tcommand_sink,\n\t} = deps;\n}\n',
    'a turbofish in the type of a qualified path':
      'fn f() -> u8 {\n\t<pallet_evm::Adapter::<F, FeeHandler> as OnCharge<T>>::correct(who, fee)\n}\n',
    'a turbofish in the trait of a qualified path, in a macro':
      'fn f() {\n\tassert!(<v1::Page<T> as v1::Ops::<T>>::try_parse(&page).is_ok());\n\tassert_err!(<crate::Page::<T> as crate::Ops::<T>>::try_parse(&page), E);\n}\n',
    'a turbofish in a pattern nested in let': 'fn f() {\n\tlet Some(Info::<T> { from, to }) = get(id) else {\n\t\treturn;\n\t};\n\tlet (\n\t\tTriplet::<T> { public, .. },\n\t\tb,\n\t) = make();\n\tlet v: Vec::<u8> = Vec::new();\n}\n',
    'the crate itself as a pallet in construct_runtime!': 'construct_runtime!(\n\tpub enum TestRuntime\n\t{\n\t\tSystem: frame_system,\n\t\tDid: crate,\n\t}\n);\n',
    "tracing's field sigils and keys in log macros":
      'fn f(e: E) {\n\tsp_tracing::debug!(target: "xcm", ?e, %id, "failed");\n\ttracing::error!(parent: &span, name: "n", error = ?e, peer = %p, "x {}", 1);\n\tlog::info!(target: "runtime", "n {}", n);\n}\n',
    'attributes on the elements of a tuple expression':
      'fn f() {\n\tlet extra = (\n\t\ta::new(),\n\t\t#[cfg(feature = "x")]\n\t\tb::new(true),\n\t\t#[cfg(not(feature = "x"))]\n\t\tb::new(false),\n\t);\n}\n',
    'a generic type in a define_benchmarks! entry': 'define_benchmarks!(\n\t[frame_system, SystemBench::<Runtime>]\n\t[pallet_xcm_benchmarks::fungible, pallet_xcm_benchmarks::fungible::Pallet<Runtime>]\n);\n',
    'a turbofish in the type of a parameter_types! item': 'parameter_types! {\n\tpub Bounded: BoundedU128::<1, 10> = BoundedU128::<1, 10>::new(4).unwrap();\n}\n',
    'a turbofish inside a path pattern in matches! and if let':
      'fn f(x: S) -> bool {\n\tif let Status::<_, _>::Disabled = x {}\n\tmatches!(x, Status::<_, _>::Enabled | Status::<_, _>::Provisioning(_)) && matches!(y, <T as Tr<A, B>>::X)\n}\n',
    'thread_local! with const { } and no last semicolon': 'thread_local! {\n\tstatic A: Cell<u32> = const { Cell::new(0) };\n\tstatic B: RefCell<u8> = const { RefCell::new(0) }\n}\n',
  };
  for (const [name, source] of Object.entries(valid)) {
    it(name, async () => {
      expect(await syntaxErrors(source)).toEqual([]);
    });
  }

  it('keeps real errors and true positions around the rewrites', async () => {
    const source = 'fn f(raw: &[u8]) {\n\tlet s = &raw[..];\n\tlet t = 1 +;\n\ttype X = a::P::<R>;\n}\n';
    const errors = await syntaxErrors(source);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 3 });
    // Struct literals with a turbofish are expressions, not patterns: left as they are.
    // A sigil where tracing takes none is still an error.
    expect(await syntaxErrors('fn f() {\n\tlog::info!("n", ?);\n}\n')).toHaveLength(1);
    expect(await syntaxErrors('fn f() {\n\tlet x = Foo::<T> { a: 1 };\n\tlet y = Bar::<u8>(2);\n}\n')).toEqual([]);
  });
});
