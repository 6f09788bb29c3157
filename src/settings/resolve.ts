// Reads raw values (flag strings, JSON values, prompt answers) into typed settings, fills
// defaults in table order and applies every rule. Errors are one sentence that names the
// setting, the value and what is allowed.

import {
  SETTINGS,
  allowedText,
  settingLabel,
  type PartialSettings,
  type SettingKey,
  type SettingSpec,
  type Settings,
} from './schema.js';
import { SettingsError } from '../errors.js';

export { SettingsError };

// Settings objects that came out of resolveSettings. Rendering refuses any other object, so
// every value a template prints has passed every rule of the schema.
const validated = new WeakSet<Settings>();

export function isValidatedSettings(settings: Settings): boolean {
  return validated.has(settings);
}

export interface ResolvedSettings {
  settings: Settings;
  warnings: string[];
}

/** Where a raw value came from: flags arrive as strings, config files and prompts as JSON values. */
export type ValueSource = 'flag' | 'config';

/** Converts one raw value to its typed form, or throws a SettingsError naming the setting. */
export function parseSettingValue(spec: SettingSpec, raw: unknown, source: ValueSource): Settings[SettingKey] {
  const label = settingLabel(spec);
  const shown = typeof raw === 'string' ? JSON.stringify(raw) : String(raw);
  const refuse = (): never => {
    throw new SettingsError(`Invalid ${label} ${shown}: expected ${allowedText(spec.kind)}.`);
  };
  const kind = spec.kind;
  switch (kind.type) {
    case 'bool':
      if (typeof raw === 'boolean') return raw;
      if (source === 'flag' && (raw === 'true' || raw === 'false')) return raw === 'true';
      return refuse();
    case 'int': {
      const n = toInteger(raw, source);
      if (n === undefined || n < kind.min || n > kind.max) return refuse();
      return n;
    }
    case 'choice': {
      const value = kind.numeric ? toInteger(raw, source) : raw;
      if (!kind.choices.includes(value as string | number)) return refuse();
      return value as Settings[SettingKey];
    }
    case 'text':
      if (typeof raw !== 'string' || !kind.pattern.test(raw)) return refuse();
      return raw;
  }
}

// Flags accept only plain decimal digits; JSON accepts only integral numbers. Anything past
// Number.MAX_SAFE_INTEGER is refused rather than silently rounded.
function toInteger(raw: unknown, source: ValueSource): number | undefined {
  if (source === 'flag') {
    if (typeof raw !== 'string' || !/^\d{1,16}$/.test(raw)) return undefined;
    const n = Number(raw);
    return Number.isSafeInteger(n) ? n : undefined;
  }
  return typeof raw === 'number' && Number.isSafeInteger(raw) ? raw : undefined;
}

/** Parses a map of raw values (unknown keys refused), without defaults or cross-setting rules. */
export function parseSettings(raw: Record<string, unknown>, source: ValueSource, origin: string): PartialSettings {
  const parsed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const spec = SETTINGS.find((s) => s.key === key);
    if (!spec) {
      throw new SettingsError(`Unknown setting "${key}" in ${origin}: allowed keys are ${SETTINGS.map((s) => s.key).join(', ')}.`);
    }
    if (value === undefined) continue;
    parsed[key] = parseSettingValue(spec, value, source);
  }
  return parsed as PartialSettings;
}

/** Every setting not given gets its default, in table order (a default may read the ones above). */
export function fillDefaults(given: PartialSettings): Settings {
  const settings = {} as Settings;
  const target = settings as unknown as Record<SettingKey, unknown>;
  for (const spec of SETTINGS) {
    const value = given[spec.key];
    target[spec.key] = value !== undefined ? value : spec.defaultOf(settings);
  }
  return settings;
}

/**
 * Fills every setting not given with its default (defaults may depend on settings above them
 * in the table), then applies each cross-setting rule. Given values are never replaced.
 */
export function resolveSettings(given: PartialSettings): ResolvedSettings {
  const settings = fillDefaults(given);
  for (const spec of SETTINGS) {
    const allowed = spec.rule?.(settings);
    if (allowed) {
      throw new SettingsError(`Invalid ${settingLabel(spec)} ${JSON.stringify(settings[spec.key])}: must be ${allowed}.`);
    }
  }
  const warnings = SETTINGS.map((spec) => spec.warn?.(settings)).filter((w): w is string => Boolean(w));
  Object.freeze(settings);
  validated.add(settings);
  return { settings, warnings };
}

/** Checks one typed value in the context of the others, for prompts: undefined when it is fine. */
export function checkSetting(key: SettingKey, value: unknown, others: PartialSettings): string | undefined {
  try {
    resolveSettings({ ...others, [key]: value });
    return undefined;
  } catch (error) {
    return error instanceof SettingsError ? error.message : String(error);
  }
}
