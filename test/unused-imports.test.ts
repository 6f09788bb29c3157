// The unused-import check the generated trees go through (test/support/unused-imports.ts), on
// small crates that each reproduce one way an import is used, or only seems to be.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTree, tempFolder } from './support/cli.js';
import { unusedImports } from './support/unused-imports.js';

const made: string[] = [];
afterAll(() => made.forEach(removeTree));

/** A crate from `src/`-relative file texts; returns its folder. */
function crate(files: Record<string, string>): string {
  const dir = tempFolder('cap-unused-');
  made.push(dir);
  for (const [file, text] of Object.entries(files)) {
    const full = join(dir, 'src', file);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return dir;
}

const check = async (dir: string, featureSets: string[][] = [['std']]) =>
  (await unusedImports(dir, [{ dir, featureSets }])).map((u) => `${u.file}:${u.line} ${u.name} [${u.features}]`);

describe('unused imports on the parse tree', () => {
  it('finds an import nothing in the module uses (unused-type-import)', async () => {
    const dir = crate({
      'lib.rs': 'mod configs;\npub type BlockNumber = u32;\npub type Balance = u128;\n',
      'configs/mod.rs': 'use super::{Balance, BlockNumber};\n\npub const ED: Balance = 1;\n',
    });
    expect(await check(dir)).toEqual(['src/configs/mod.rs:1 BlockNumber [std]']);
  });

  it('reports an import used only under a feature where the feature is off (cfg-gated-use)', async () => {
    const dir = crate({
      'lib.rs': 'use core::marker::PhantomData;\n\n#[cfg(feature = "runtime-benchmarks")]\npub type Marker = PhantomData<u8>;\n',
    });
    expect(await check(dir, [['std'], ['std', 'runtime-benchmarks']])).toEqual(['src/lib.rs:1 PhantomData [std]']);
  });

  it('skips an import compiled out with its user (cfg-gated-import), and a module behind a feature (cfg-gated-module)', async () => {
    const dir = crate({
      'lib.rs': '#[cfg(feature = "std")]\nuse std::vec::Vec;\n#[cfg(feature = "runtime-benchmarks")]\nmod benchmarks;\n\n#[cfg(feature = "std")]\npub fn empty() -> Vec<u8> {\n\tVec::new()\n}\n',
      'benchmarks.rs': 'use core::cell::Cell;\n',
    });
    expect(await check(dir, [[], ['std']])).toEqual([]);
    expect(await check(dir, [['std', 'runtime-benchmarks']])).toEqual(['src/benchmarks.rs:1 Cell [std runtime-benchmarks]']);
  });

  it('honours cfg inside a re-parsed macro body (cfg-in-runtime-apis-macro)', async () => {
    const dir = crate({
      'lib.rs': [
        'use frame_try_runtime::UpgradeCheckSelect;',
        '',
        'sp_api::impl_runtime_apis! {',
        '\t#[cfg(feature = "try-runtime")]',
        '\timpl frame_try_runtime::TryRuntime<Block> for Runtime {',
        '\t\tfn on_runtime_upgrade(checks: UpgradeCheckSelect) -> u64 {',
        '\t\t\t0',
        '\t\t}',
        '\t}',
        '}',
        '',
      ].join('\n'),
    });
    expect(await check(dir, [['std'], ['std', 'try-runtime']])).toEqual(['src/lib.rs:1 UpgradeCheckSelect [std]']);
  });

  it('counts a trait import only when its method is called (trait-for-methods)', async () => {
    const called = crate({ 'main.rs': 'use futures::FutureExt;\n\nfn main() {\n\tlet _ = async {}.boxed();\n}\n' });
    const uncalled = crate({ 'main.rs': 'use futures::FutureExt;\n\nfn main() {}\n' });
    expect(await check(called)).toEqual([]);
    expect(await check(uncalled)).toEqual(['src/main.rs:1 FutureExt [std]']);
  });

  it('counts the runtime types derive_impl injects (derive-impl-injected-types)', async () => {
    const source = (derive: string) =>
      `use super::{RuntimeCall, RuntimeOrigin};\n\n${derive}impl frame_system::Config for Runtime {\n\ttype Nonce = u32;\n}\n`;
    const derived = crate({ 'lib.rs': 'mod configs;\n', 'configs.rs': source('#[derive_impl(frame_system::config_preludes::ParaChainDefaultConfig)]\n') });
    const plain = crate({ 'lib.rs': 'mod configs;\n', 'configs.rs': source('') });
    expect(await check(derived)).toEqual([]);
    expect(await check(plain)).toEqual(['src/configs.rs:1 RuntimeCall [std]', 'src/configs.rs:1 RuntimeOrigin [std]']);
  });

  it('counts a module import its submodule files use (import-used-by-submodule)', async () => {
    const dir = crate({
      'lib.rs': 'use core::num::NonZeroU32;\nmod limits;\n',
      'limits.rs': 'use super::*;\n\npub const MAX: Option<NonZeroU32> = NonZeroU32::new(8);\n',
    });
    expect(await check(dir)).toEqual([]);
  });

  it('keeps block scope: a use in one function is not used by another (block-scoped-use)', async () => {
    const dir = crate({
      'lib.rs': 'pub fn a() -> u8 {\n\tuse core::u8::MAX;\n\t0\n}\n\npub fn b() -> u8 {\n\tMAX\n}\n',
    });
    expect(await check(dir)).toEqual(['src/lib.rs:2 MAX [std]']);
  });
});
