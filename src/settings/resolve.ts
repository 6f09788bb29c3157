// Reads raw values (flag strings, JSON values, prompt answers) into typed settings, fills
// defaults in table order and applies every rule. Errors are one sentence that names the
// setting, the value and what is allowed.

import {
  SETTINGS,
  allowedText,
  settingLabel,
  type PartialSettings,
  type SettingKey,
  type SettingKind,
  type SettingSpec,
  type Settings,
} from './schema.js';
import { SettingsError, jsonType, quote } from '../errors.js';

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

/** How a raw value arrived: flags as strings, config files and manifests as JSON values, prompt answers as typed text. */
export type ValueSource = 'flag' | 'config' | 'prompt';

/** Where a setting's value came from, for messages. A setting without one took its default. */
export interface Origin {
  source: ValueSource;
  /** For `config`: the file, as messages name it (`/x/settings.json`, `the manifest /x/async-parachain.json`). */
  file?: string;
}
export type Origins = Partial<Record<SettingKey, Origin>>;

/** Every key of `values` as coming from one origin. */
export function originsOf(values: PartialSettings, origin: Origin): Origins {
  return Object.fromEntries(Object.keys(values).map((key) => [key, origin])) as Origins;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** How a message names a setting given this way: `--para-id`, `"paraId" in /x.json`, `para ID`. */
function settingName(spec: SettingSpec, origin: Origin | undefined): string {
  if (origin?.source === 'config') return `"${spec.key}" in ${origin.file ?? 'the config file'}`;
  if (origin?.source === 'flag' && spec.key !== 'name') return settingLabel(spec);
  return lowerFirst(spec.title);
}

// The JSON type a kind's value must have in a config file.
function expectedJsonType(kind: SettingKind): string {
  if (kind.type === 'int' || (kind.type === 'choice' && kind.numeric)) return 'a number';
  return kind.type === 'bool' ? 'a boolean' : 'a string';
}

/** One sentence refusing `value` for `spec`: `expected …` or `must be …` follows. */
function refusal(spec: SettingSpec, origin: Origin | undefined, value: unknown, why: string): string {
  if (origin?.source === 'config') return `Invalid ${settingName(spec, origin)}: got ${quote(value)}, ${why}.`;
  if (!origin) {
    const how = spec.key === 'name' ? 'choose another name' : `set ${settingLabel(spec)}`;
    return `The default ${settingName(spec, origin)} ${quote(value)} does not fit: it ${why}; ${how}.`;
  }
  return `Invalid ${settingName(spec, origin)} ${quote(value)}: ${why}.`;
}

/** Converts one raw value to its typed form, or throws a SettingsError naming the setting and where it came from. */
export function parseSettingValue(spec: SettingSpec, raw: unknown, source: ValueSource, file?: string): Settings[SettingKey] {
  const origin: Origin = { source, file };
  const refuse = (): never => {
    const kind = spec.kind;
    const wrongType = source === 'config' && jsonType(raw) !== expectedJsonType(kind);
    const why = wrongType
      ? `expected ${allowedText(kind)} as ${expectedJsonType(kind)}, not ${jsonType(raw)}`
      : `expected ${allowedText(kind)}`;
    throw new SettingsError(refusal(spec, origin, raw, why));
  };
  const kind = spec.kind;
  // Flags and typed answers are text; config files hold JSON values.
  const text = source !== 'config';
  switch (kind.type) {
    case 'bool':
      if (typeof raw === 'boolean') return raw;
      if (text && (raw === 'true' || raw === 'false')) return raw === 'true';
      return refuse();
    case 'int': {
      const n = toInteger(raw, text);
      if (n === undefined || n < kind.min || n > kind.max) return refuse();
      return n;
    }
    case 'choice': {
      const value = kind.numeric ? toInteger(raw, text) : raw;
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
function toInteger(raw: unknown, text: boolean): number | undefined {
  if (text) {
    if (typeof raw !== 'string' || !/^\d{1,16}$/.test(raw)) return undefined;
    const n = Number(raw);
    return Number.isSafeInteger(n) ? n : undefined;
  }
  return typeof raw === 'number' && Number.isSafeInteger(raw) ? raw : undefined;
}

/**
 * Parses a config file's or manifest's map of JSON values (unknown keys refused), without
 * defaults or cross-setting rules; `file` names it in messages.
 */
export function parseSettings(raw: Record<string, unknown>, file: string): PartialSettings {
  const parsed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const spec = SETTINGS.find((s) => s.key === key);
    if (!spec) {
      throw new SettingsError(`Unknown setting ${quote(key)} in ${file}: allowed keys are ${SETTINGS.map((s) => s.key).join(', ')}.`);
    }
    if (value === undefined) continue;
    parsed[key] = parseSettingValue(spec, value, 'config', file);
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
export function resolveSettings(given: PartialSettings, origins: Origins = {}): ResolvedSettings {
  const settings = fillDefaults(given);
  for (const spec of SETTINGS) {
    const allowed = spec.rule?.(settings);
    if (allowed) {
      // A given value without a recorded origin was given on the command line.
      const origin = origins[spec.key] ?? (given[spec.key] !== undefined ? { source: 'flag' as const } : undefined);
      throw new SettingsError(refusal(spec, origin, settings[spec.key], `must be ${allowed}`));
    }
  }
  const warnings = SETTINGS.map((spec) => spec.warn?.(settings)).filter((w): w is string => Boolean(w));
  Object.freeze(settings);
  validated.add(settings);
  return { settings, warnings };
}

/** Checks one typed value in the context of the others, for prompts: undefined when it is fine. */
export function checkSetting(key: SettingKey, value: unknown, others: PartialSettings, origins: Origins = {}): string | undefined {
  try {
    resolveSettings({ ...others, [key]: value }, { ...origins, [key]: { source: 'prompt' } });
    return undefined;
  } catch (error) {
    return error instanceof SettingsError ? error.message : String(error);
  }
}

/**
 * A project's settings with `changes` applied, as given settings to resolve: a derived setting
 * still at the default its inputs gave it follows the new inputs (capacity follows the phase),
 * except, on a running chain, the settings it keeps (the Aura slot).
 */
export function carryOver(before: Settings, changes: PartialSettings, liveChain: boolean): PartialSettings {
  const given: Record<string, unknown> = { ...before, ...changes };
  for (const spec of SETTINGS) {
    if (!spec.defaultText || changes[spec.key] !== undefined || (liveChain && spec.keptOnLiveChain)) continue;
    if (before[spec.key] === spec.defaultOf(before)) delete given[spec.key];
  }
  return given as PartialSettings;
}
