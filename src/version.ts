// The bundle gets the version from the build (no file read at start-up); run from source, as
// under the test runner, it reads package.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './package-root.js';

declare const __TOOL_VERSION__: string | undefined;

export const TOOL_NAME = 'create-async-parachain';
export const TOOL_VERSION: string =
  typeof __TOOL_VERSION__ === 'string'
    ? __TOOL_VERSION__
    : (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
