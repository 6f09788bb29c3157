// A small argument parser for our three commands. A parsing library was a third of what the CLI
// loaded before its first line of work; the grammar we need (long options, a few short ones,
// `--no-` switches, `--x=value`, `--`, one level of subcommands) fits in this file.

import { EXIT, UsageError, quote } from '../errors.js';

export interface OptionSpec {
  /** Long name without dashes: `para-id`, `no-template-pallet`. */
  long: string;
  short?: string;
  /** Placeholder shown in help when the option takes a value (`value` → `<value>`). */
  value?: string;
  /** A switch that is also `--no-<long>`, `--<long>=true` and `--<long>=false`. */
  negatable?: boolean;
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
  /** Example command lines for `--help`, each with what it does. */
  examples?: readonly (readonly [string, string])[];
  /** What each exit code means for this command, for `--help`. */
  exitCodes?: readonly (readonly [number, string])[];
  /** The command as `--help` shows it, given the whole command line (regen shows a project's values). */
  helpWith?: (argv: readonly string[]) => CommandSpec;
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

/** `para-id` → `paraId`, `no-format` → `format`. */
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
    const [option, negated] = findOption(known, flag);
    if (!option) throw usage(`Unknown option ${quote(flag)}${suggestion(flag, known)}`);
    if (option === HELP) return { kind: 'help', path, command };
    if (option === VERSION && command.version) return { kind: 'version', version: command.version };
    if (option.value) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw usage(`Option ${termOf(option)} needs a value`);
      options[optionKey(option.long)] = value;
    } else {
      options[optionKey(option.long)] = switchValue(option, flag, negated, inline);
    }
  }
  checkArgumentCount(command, path, args);
  return { kind: 'run', path, command, args, options };
}

/** The option a flag names; `--no-x` names a negatable `x` (second value true). */
function findOption(known: readonly OptionSpec[], flag: string): [OptionSpec | undefined, boolean] {
  if (!flag.startsWith('--')) return [known.find((o) => o.short === flag.slice(1)), false];
  const long = flag.slice(2);
  const exact = known.find((o) => o.long === long);
  if (exact) return [exact, false];
  const positive = long.startsWith('no-') ? known.find((o) => o.negatable && o.long === long.slice(3)) : undefined;
  return [positive, positive !== undefined];
}

// A switch is on when named, off as `--no-x`; a negatable one also takes `=true` or `=false`.
function switchValue(option: OptionSpec, flag: string, negated: boolean, inline: string | undefined): boolean {
  if (inline === undefined) return !negated && !option.long.startsWith('no-');
  if (!option.negatable || negated) throw usage(`Option ${flag} takes no value, got ${quote(inline)}`);
  if (inline !== 'true' && inline !== 'false') throw usage(`Invalid ${flag} ${quote(inline)}: expected true or false`);
  return inline === 'true';
}

/** `--x=1` → [`--x`, `1`]; anything else has no inline value. */
function splitInline(token: string): [string, string | undefined] {
  const eq = token.indexOf('=');
  return token.startsWith('--') && eq > 2 ? [token.slice(0, eq), token.slice(eq + 1)] : [token, undefined];
}

function checkArgumentCount(command: CommandSpec, path: string[], args: string[]): void {
  const missing = command.arguments.slice(args.length).find((a) => a.required);
  if (missing) throw usage(`Missing the ${missing.name} argument`);
  const variadic = command.arguments.some((a) => a.variadic);
  const max = command.arguments.length;
  if (!variadic && args.length > max) {
    const where = path.length > 0 ? ` for ${path.join(' ')}` : '';
    throw usage(`Too many arguments${where}: expected at most ${max}, got ${args.length} (${args.map(quote).join(', ')})`);
  }
}

function usage(message: string): UsageError {
  return new UsageError(message, EXIT.usage);
}

/** `: did you mean --para-id?` for a near miss, as far as 40% of the name may differ. */
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
  return similar ? `: did you mean --${best}?` : '';
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

/** How help and errors name an option: `-y, --yes`, `--para-id <value>`, `--[no-]omni-node`. */
export function termOf(option: OptionSpec): string {
  const long = `--${option.negatable ? '[no-]' : ''}${option.long}${option.value ? ` <${option.value}>` : ''}`;
  return option.short ? `-${option.short}, ${long}` : long;
}
