// Setting flags are derived from the settings table, so every setting has exactly one flag
// with the table's description, default and allowed values.

import { SETTINGS, allowedText, type PartialSettings, type SettingSpec } from '../settings/schema.js';
import { parseSettingValue } from '../settings/resolve.js';
import { optionKey, type OptionSpec } from './args.js';

function defaultHelp(spec: SettingSpec): string {
  if (spec.defaultText) return spec.defaultText;
  return String(spec.defaultOf({} as never));
}

/** One option per setting (except the positional name); `new` and `regen` both take them. */
export const SETTING_OPTIONS: readonly OptionSpec[] = SETTINGS.filter((spec) => spec.key !== 'name').map((spec) => {
  const describe = `${spec.describe} (default: ${defaultHelp(spec)}; ${allowedText(spec.kind)})`;
  if (spec.kind.type !== 'bool') return { long: spec.flag, value: 'value', describe };
  // A true-by-default switch is turned off with --no-<flag>; a false-by-default one is on with --<flag>.
  const on = spec.defaultOf({} as never) === true;
  return { long: on ? `no-${spec.flag}` : spec.flag, describe };
});

/** Settings given on the command line, parsed through the schema (defaults are not filled). */
export function settingsFromFlags(options: Readonly<Record<string, string | boolean>>): PartialSettings {
  const given: Record<string, unknown> = {};
  for (const spec of SETTINGS) {
    if (spec.key === 'name') continue;
    const raw = options[optionKey(spec.flag)];
    if (raw === undefined) continue;
    given[spec.key] = spec.kind.type === 'bool' ? raw === true : parseSettingValue(spec, raw, 'flag');
  }
  return given as PartialSettings;
}
