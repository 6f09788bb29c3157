// upgrade's fixtures: a folder under test/fixtures/upgrade, or, when it holds a `fixture.json`
// naming a base, that base (another fixture) with the folder's files laid over it — a variant of
// a pattern written once (the 2023 runtime with its own zombienet config, or with an older node).

import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT, tempFolder } from './cli.js';

export const UPGRADE_FIXTURES = join(ROOT, 'test', 'fixtures', 'upgrade');

/** A fresh copy of the fixture `name` (base first, then its own files); remove `dirname` of it. */
export function copyUpgradeFixture(name: string): string {
  const dir = join(UPGRADE_FIXTURES, name);
  const target = join(tempFolder('cap-upgrade-'), 'repo');
  const manifest = join(dir, 'fixture.json');
  if (existsSync(manifest)) {
    const { base } = JSON.parse(readFileSync(manifest, 'utf8')) as { base: string };
    cpSync(resolve(dir, base), target, { recursive: true });
  }
  cpSync(dir, target, { recursive: true, filter: (src) => src !== manifest });
  return target;
}
