// The entry of dist/repository.cjs: `check` and `upgrade` share the audit, the Rust parser and
// the release data, so one bundle serves both (two would ship that code, and its map, twice).
export { runCheck } from './run-check.js';
export { runUpgrade } from './run-upgrade.js';
