// `--config <file>`: a JSON object of settings (the keys of the settings table), or a project
// manifest, whose `settings` reproduce that project.

import { readFileSync } from 'node:fs';
import type { PartialSettings } from './schema.js';
import { SettingsError } from '../errors.js';
import { originsOf, parseSettings, type Origins } from './resolve.js';

export interface ConfigFile {
  settings: PartialSettings;
  /** Each key's origin: the file (and, for a manifest, that it is one). */
  origins: Origins;
  /** The file is a project's manifest: its derived settings follow changed inputs, as regen's do. */
  isManifest: boolean;
}

export function readConfigFile(path: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a folder' : `it cannot be read (${code})`;
    throw new SettingsError(`Cannot use --config ${path}: ${why}.`);
  }
  let data: unknown;
  try {
    // Editors on Windows may start UTF-8 files with a byte-order mark; JSON.parse refuses it.
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new SettingsError(`Cannot use --config ${path}: it is not valid JSON (${(error as Error).message}).`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new SettingsError(`Cannot use --config ${path}: it must hold a JSON object of settings.`);
  }
  const record = data as Record<string, unknown>;
  const isManifest = typeof record.tool === 'string' && typeof record.settings === 'object' && record.settings !== null && !Array.isArray(record.settings);
  const file = isManifest ? `the manifest ${path}` : path;
  const settings = parseSettings(isManifest ? (record.settings as Record<string, unknown>) : record, file);
  return { settings, origins: originsOf(settings, { source: 'config', file }), isManifest };
}
