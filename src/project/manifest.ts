// `async-parachain.json`: the tool version, the profile, the settings (the `--config` schema,
// so a manifest reproduces its project) and a hash of every fragment region.

import type { Settings } from '../settings/schema.js';
import { SETTING_KEYS } from '../settings/schema.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { fragmentHashes } from './fragments.js';

export const MANIFEST_PATH = 'async-parachain.json';

export interface Manifest {
  tool: string;
  version: string;
  profile: string;
  settings: Settings;
  fragments: Record<string, Record<string, string>>;
}

/** Settings in table order, so the manifest is stable and reads like `--help`. */
export function orderedSettings(settings: Settings): Settings {
  return Object.fromEntries(SETTING_KEYS.map((k) => [k, settings[k]])) as unknown as Settings;
}

export function buildManifest(settings: Settings, files: ReadonlyMap<string, string>): Manifest {
  return {
    tool: TOOL_NAME,
    version: TOOL_VERSION,
    profile: settings.sdk,
    settings: orderedSettings(settings),
    fragments: fragmentHashes(files),
  };
}

export function serializeManifest(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
