// Setting flags are derived from the settings table, so every setting has exactly one flag
// with the table's description, default and allowed values.

import { SETTINGS, allowedText, type PartialSettings, type SettingSpec, type Settings } from '../settings/schema.js';
import { parseSettingValue } from '../settings/resolve.js';
import { optionKey, type OptionSpec } from './args.js';

function defaultHelp(spec: SettingSpec, current: Settings | undefined): string {
  if (current) return `current: ${String(current[spec.key])}`;
  if (spec.defaultText) return `default: ${spec.defaultText}`;
  return `default: ${String(spec.defaultOf({} as never))}`;
}

/**
 * One option per setting (except the positional name); `new` and `regen` both take them. With a
 * project's settings (`regen --help` inside a project), each shows the project's value instead
 * of the new-project default.
 */
export function settingOptions(current?: Settings): OptionSpec[] {
  return SETTINGS.filter((spec) => spec.key !== 'name').map((spec) => {
    const describe = `${spec.describe} (${defaultHelp(spec, current)}; ${allowedText(spec.kind)})`;
    // A switch: --omni-node, --no-omni-node, --omni-node=true|false.
    if (spec.kind.type === 'bool') return { long: spec.flag, negatable: true, describe };
    return { long: spec.flag, value: 'value', describe };
  });
}

export const SETTING_OPTIONS: readonly OptionSpec[] = settingOptions();

/** Settings given on the command line, parsed through the schema (defaults are not filled). */
export function settingsFromFlags(options: Readonly<Record<string, string | boolean>>): PartialSettings {
  const given: Record<string, unknown> = {};
  for (const spec of SETTINGS) {
    if (spec.key === 'name') continue;
    const raw = options[optionKey(spec.flag)];
    if (raw === undefined) continue;
    given[spec.key] = typeof raw === 'boolean' ? raw : parseSettingValue(spec, raw, 'flag');
  }
  return given as PartialSettings;
}
