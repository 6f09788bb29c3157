// Setting flags are derived from the settings table, so every setting has exactly one flag
// with the table's description, default and allowed values.

import { Option, type Command } from 'commander';
import { SETTINGS, allowedText, type PartialSettings, type SettingSpec } from '../settings/schema.js';
import { parseSettingValue } from '../settings/resolve.js';

/** Commander's attribute name for a flag (`para-id` → `paraId`, `no-x` → `x`). */
function attributeOf(spec: SettingSpec): string {
  return spec.flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function defaultHelp(spec: SettingSpec): string {
  if (spec.defaultText) return spec.defaultText;
  return String(spec.defaultOf({} as never));
}

/** Adds one option per setting (except the positional name) to a command. */
export function addSettingFlags(command: Command): Command {
  for (const spec of SETTINGS) {
    if (spec.key === 'name') continue;
    const help = `${spec.describe} (default: ${defaultHelp(spec)}; ${allowedText(spec.kind)})`;
    if (spec.kind.type === 'bool') {
      // A true-by-default switch is turned off with --no-<flag>; a false-by-default one is on with --<flag>.
      const on = spec.defaultOf({} as never) === true;
      command.addOption(new Option(on ? `--no-${spec.flag}` : `--${spec.flag}`, help));
    } else {
      command.addOption(new Option(`--${spec.flag} <value>`, help));
    }
  }
  return command;
}

/** Settings given on the command line, parsed through the schema (defaults are not filled). */
export function settingsFromFlags(command: Command): PartialSettings {
  const values = command.opts<Record<string, unknown>>();
  const given: Record<string, unknown> = {};
  for (const spec of SETTINGS) {
    if (spec.key === 'name') continue;
    const attribute = attributeOf(spec);
    if (command.getOptionValueSource(attribute) !== 'cli') continue;
    const raw = values[attribute];
    given[spec.key] = spec.kind.type === 'bool' ? raw === true : parseSettingValue(spec, raw, 'flag');
  }
  return given as PartialSettings;
}
