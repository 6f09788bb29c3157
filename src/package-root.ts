// The installed package's root (the folder holding templates/), from wherever this module runs:
// dist/cli.js in the bundle, src/*.ts under the test runner.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'templates'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the create-async-parachain package root');
    dir = parent;
  }
  root = dir;
  return dir;
}
