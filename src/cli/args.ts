// A small argument parser for our three commands. A parsing library was a third of what the CLI
// loaded before its first line of work; the grammar we need (long options, a few short ones,
// `--no-` switches, `--x=value`, `--`, one level of subcommands) fits in this file.

import { EXIT, UsageError } from '../errors.js';

export interface OptionSpec {
  /** Long name without dashes: `para-id`, `no-template-pallet`. */
  long: string;
  short?: string;
  /** Placeholder shown in help when the option takes a value (`value` → `<value>`). */
  value?: string;
  describe: string;
}

export interface ArgumentSpec {
  name: string;
  describe: string;
  required: boolean;
  variadic?: boolean;
}

export interface CommandSpec {
  name: string;
  description: string;
  arguments: readonly ArgumentSpec[];
  options: readonly OptionSpec[];
  /** Subcommands, chosen by the first positional word (root command only). */
  commands?: readonly CommandSpec[];
  /** Set on the root command: `-v, --version` prints it. */
  version?: string;
  /** Runs the command; returns its exit code. */
  run(parsed: ParsedCommand): Promise<number>;
}

export interface ParsedCommand {
  kind: 'run';
  /** Names from the root to the command that runs (`['regen']`, or `[]` for the root). */
  path: string[];
  command: CommandSpec;
  args: string[];
  /** By option key (`para-id` → `paraId`; `no-format` → `format: false`); only options given. */
  options: Record<string, string | boolean>;
}

export type ParseOutcome = ParsedCommand | { kind: 'help'; path: string[]; command: CommandSpec } | { kind: 'version'; version: string };

const HELP: OptionSpec = { long: 'help', short: 'h', describe: 'display help for command' };
const VERSION: OptionSpec = { long: 'version', short: 'v', describe: 'print the version' };

/** Every option a command accepts, with the built-in help (and version on the root). */
export function optionsOf(command: CommandSpec): OptionSpec[] {
  return [...(command.version ? [VERSION] : []), ...command.options, HELP];
}

/** `para-id` → `paraId`, `no-format` → `format` (the value is then `false`). */
export function optionKey(long: string): string {
  return long.replace(/^no-/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

export function parseArgs(root: CommandSpec, argv: readonly string[]): ParseOutcome {
  return parseCommand(root, [], argv);
}

function parseCommand(command: CommandSpec, path: string[], argv: readonly string[]): ParseOutcome {
  const options: Record<string, string | boolean> = {};
  const args: string[] = [];
  const known = optionsOf(command);
  let onlyPositional = false;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    if (onlyPositional || token === '-' || !token.startsWith('-')) {
      // The first word may name a subcommand; options before it are read as the subcommand's.
      const sub = !onlyPositional && args.length === 0 ? command.commands?.find((c) => c.name === token) : undefined;
      if (sub) return parseCommand(sub, [...path, sub.name], [...argv.slice(0, i), ...argv.slice(i + 1)]);
      args.push(token);
      continue;
    }
    if (token === '--') {
      onlyPositional = true;
      continue;
    }
    const [flag, inline] = splitInline(token);
    const option = token.startsWith('--') ? known.find((o) => o.long === flag.slice(2)) : known.find((o) => o.short === flag.slice(1));
    if (!option) throw usage(`unknown option '${flag}'${suggestion(flag, known)}`);
    if (option === HELP) return { kind: 'help', path, command };
    if (option === VERSION && command.version) return { kind: 'version', version: command.version };
    if (option.value) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw usage(`option '${termOf(option)}' argument missing`);
      options[optionKey(option.long)] = value;
    } else {
      if (inline !== undefined) throw usage(`option '--${option.long}' takes no value`);
      options[optionKey(option.long)] = !option.long.startsWith('no-');
    }
  }
  checkArgumentCount(command, path, args);
  return { kind: 'run', path, command, args, options };
}

/** `--x=1` → [`--x`, `1`]; anything else has no inline value. */
function splitInline(token: string): [string, string | undefined] {
  const eq = token.indexOf('=');
  return token.startsWith('--') && eq > 2 ? [token.slice(0, eq), token.slice(eq + 1)] : [token, undefined];
}

function checkArgumentCount(command: CommandSpec, path: string[], args: string[]): void {
  const missing = command.arguments.slice(args.length).find((a) => a.required);
  if (missing) throw usage(`missing required argument '${missing.name}'`);
  const variadic = command.arguments.some((a) => a.variadic);
  const max = command.arguments.length;
  if (!variadic && args.length > max) {
    const where = path.length > 0 ? ` for '${path.join(' ')}'` : '';
    throw usage(`too many arguments${where}. Expected ${max} argument${max === 1 ? '' : 's'} but got ${args.length}`);
  }
}

function usage(message: string): UsageError {
  return new UsageError(message, EXIT.usage);
}

/** ` (Did you mean --para-id?)` for a near miss, as far as 40% of the name may differ. */
function suggestion(flag: string, known: readonly OptionSpec[]): string {
  if (!flag.startsWith('--')) return '';
  const typed = flag.slice(2);
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const option of known) {
    const distance = editDistance(typed, option.long);
    if (distance < bestDistance) [best, bestDistance] = [option.long, distance];
  }
  const similar = best !== undefined && bestDistance <= 3 && (best.length - bestDistance) / best.length > 0.4;
  return similar ? ` (Did you mean --${best}?)` : '';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
    }
    previous = row;
  }
  return previous[b.length] as number;
}

/** How help and errors name an option: `-y, --yes`, `--para-id <value>`. */
export function termOf(option: OptionSpec): string {
  const long = `--${option.long}${option.value ? ` <${option.value}>` : ''}`;
  return option.short ? `-${option.short}, ${long}` : long;
}
