// `--config <file>`: a JSON object of settings (the keys of the settings table), or a project
// manifest, whose `settings` reproduce that project.

import { readFileSync } from 'node:fs';
import type { PartialSettings } from './schema.js';
import { SettingsError } from '../errors.js';
import { parseSettings } from './resolve.js';

export function readConfigFile(path: string): PartialSettings {
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
    data = JSON.parse(text);
  } catch (error) {
    throw new SettingsError(`Cannot use --config ${path}: it is not valid JSON (${(error as Error).message}).`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new SettingsError(`Cannot use --config ${path}: it must hold a JSON object of settings.`);
  }
  const record = data as Record<string, unknown>;
  const isManifest = typeof record.tool === 'string' && typeof record.settings === 'object' && record.settings !== null;
  const settings = isManifest ? (record.settings as Record<string, unknown>) : record;
  return parseSettings(settings, 'config', `--config ${path}`);
}
