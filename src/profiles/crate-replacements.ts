// Crate versions a release's reference Cargo.lock pins that a generated project cannot build, and
// the version its lock takes instead. scripts/lock-data.ts moves them (`cargo update --precise`)
// when it writes a release's lock data, and records each move; the project's README names it.
// A rule is about a crate version, not a release: every release whose reference pins it is moved.

export interface CrateReplacement {
  name: string;
  /** The version the reference pins, which does not build. */
  broken: string;
  /** The version taken instead: same semver range, the fix. */
  replacement: string;
  /** Why, in one clause the project's README can quote. */
  why: string;
}

export const CRATE_REPLACEMENTS: readonly CrateReplacement[] = [
  {
    // Its build script turns on a debug-only path (cfg `debug_mode` from `debug_assertions`) that
    // calls parking_lot, which it does not depend on on Linux. Reproduced with cargo and rustc
    // 1.95 on a crate depending on static_init =1.0.3 alone (bench/COMPILE.md: the stable2503 and
    // stable2412 node projects failed so); polkadot-sdk moved its stable2506-2603 branches to
    // 1.0.4 for the same error (paritytech/polkadot-sdk#11520, #11718, #11720, #11721).
    // 1.0.4 declares rust-version 1.82, below every release's pinned toolchain.
    name: 'static_init',
    broken: '1.0.3',
    replacement: '1.0.4',
    why: 'a debug build of static_init 1.0.3 on Linux fails (E0433: parking_lot is not its dependency there); polkadot-sdk\'s release branches moved to 1.0.4 for it',
  },
];
