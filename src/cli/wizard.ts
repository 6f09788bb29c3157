// The interactive wizard. Every question comes from the settings table (kind, choices, describe
// text, defaultOf, warn) and every answer is checked by the schema's own parser and rules, so the
// wizard holds no rule of its own. The inquirer prompts are imported only when a question is asked.

import { emitKeypressEvents } from 'node:readline';
import { PROFILES } from '../profiles/index.js';
import { SettingsError } from '../errors.js';
import { checkSetting, fillDefaults, parseSettingValue, resolveSettings } from '../settings/resolve.js';
import {
  SETTINGS,
  specOf,
  type PartialSettings,
  type Phase,
  type SettingKey,
  type SettingSpec,
  type Settings,
} from '../settings/schema.js';
import { PHASE_SUMMARIES } from './next-steps.js';
import { stripAnsi, style } from './style.js';

/** The user pressed Ctrl-C or Esc, or declined to go on; the CLI exits with 130 and writes nothing. */
export class WizardCancelled extends Error {
  override name = 'WizardCancelled';
  constructor(message = 'Cancelled by the user.') {
    super(message);
  }
}

export interface WizardOptions {
  /** Whether the folder the project `name` would be written to exists and is not empty. */
  targetIsNonEmpty: (name: string) => boolean;
}

export interface WizardResult {
  /** The given settings plus every answer; derived settings the user did not customise stay unset. */
  settings: PartialSettings;
  /** The user agreed to write into a non-empty folder (nothing is deleted). */
  proceedIntoNonEmpty: boolean;
}

/** Short question titles; the table's `describe` text follows each title. */
export const TITLES: Readonly<Record<SettingKey, string>> = {
  name: 'Project name',
  sdk: 'SDK release',
  phase: 'Rollout phase',
  paraId: 'Para ID',
  relayChain: 'Relay chain',
  tokenSymbol: 'Token symbol',
  tokenDecimals: 'Token decimals',
  capacity: 'Unincluded segment capacity',
  velocity: 'Block processing velocity',
  relayParentOffset: 'Relay parent offset',
  relaySlotMs: 'Relay slot',
  blockTimeMs: 'Block time',
  authoringMs: 'Authoring duration',
  maxCandidateDepth: 'Max candidate depth',
  allowedAncestryLen: 'Allowed ancestry length',
  lookahead: 'Scheduler lookahead',
  collators: 'Collators',
  validators: 'Relay validators',
  zombienetFormat: 'Zombienet file format',
  provider: 'Zombienet provider',
  omniNode: 'Run with polkadot-omni-node',
  templatePallet: 'Include the template pallet',
};

/** Question order (issue 5). A setting missing here is asked at the end, so none is ever skipped. */
// Velocity follows the phase: on a release with elastic scaling it is the main choice of phase 3.
const BASICS: readonly SettingKey[] = ['name', 'sdk', 'phase', 'velocity', 'paraId', 'relayChain', 'tokenSymbol', 'tokenDecimals'];
const ASYNC_BACKING: readonly SettingKey[] = [
  'relayParentOffset',
  'capacity',
  'relaySlotMs',
  'blockTimeMs',
  'authoringMs',
  'maxCandidateDepth',
  'allowedAncestryLen',
  'lookahead',
];
const NETWORK: readonly SettingKey[] = ['collators', 'validators', 'zombienetFormat', 'provider'];
const PROJECT: readonly SettingKey[] = ['omniNode', 'templatePallet'];

const DESCRIBE_SEPARATOR = ' · ';

/**
 * The three prompts the wizard uses, loaded on first use. They are the packages `@inquirer/prompts`
 * re-exports; importing them one by one keeps its editor prompt (and the ~500 kB iconv-lite it
 * pulls in) out of the bundle, which matters for the time to the first question.
 */
async function loadPrompts() {
  const [input, select, confirm] = await Promise.all([
    import('@inquirer/input'),
    import('@inquirer/select'),
    import('@inquirer/confirm'),
  ]);
  return { input: input.default, select: select.default, confirm: confirm.default };
}

// Importing this module means a question is coming: start loading the prompts at once.
const promptsLoading = loadPrompts();

/** A setting with a single allowed value (the relay slot) is stated, not asked. */
function isFixed(spec: SettingSpec): boolean {
  return spec.kind.type === 'choice' && spec.kind.choices.length === 1;
}

/** Settings whose default follows others (the table marks them with `defaultText`). */
function isDerived(spec: SettingSpec): boolean {
  return spec.defaultText !== undefined;
}

function formatValue(key: SettingKey, value: unknown): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (key.endsWith('Ms')) return `${String(value)} ms`;
  return String(value);
}

function isPromptCancel(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'ExitPromptError' || error.name === 'AbortPromptError' || error.name === 'CancelPromptError')
  );
}

function promptTheme() {
  const s = style;
  return {
    prefix: { idle: s.blue('?'), done: s.green('✔') },
    style: {
      answer: s.cyan,
      // An answered question keeps only its title; the description is for the asking.
      message: (text: string, status?: string) => s.bold(status === 'done' ? stripAnsi(text.split(DESCRIBE_SEPARATOR)[0] ?? text) : text),
      error: (text: string) => s.red(`> ${text}`),
      defaultAnswer: (text: string) => s.dim(`(${text})`),
      help: s.dim,
      highlight: s.cyan,
      key: (text: string) => s.cyan(s.bold(`<${text}>`)),
      disabled: (text: string) => s.dim(`- ${text}`),
      description: s.cyan,
      keysHelpTip: (keys: [string, string][]) => keys.map(([key, action]) => `${s.bold(key)} ${s.dim(action)}`).join(s.dim(' • ')),
    },
  };
}

/**
 * Asks every setting not in `given`, in the order of issue 5, then shows the resolved settings
 * with their warnings and asks for confirmation. Throws WizardCancelled on Ctrl-C, Esc or a
 * declined confirmation, and SettingsError when the given settings leave no valid answer.
 */
export async function askSettings(given: PartialSettings, opts: WizardOptions): Promise<WizardResult> {
  const prompts = await promptsLoading;
  const input = process.stdin;
  const out = process.stdout;
  const escape = new AbortController();
  const onKeypress = (_text: unknown, key?: { name?: string; meta?: boolean }) => {
    if (key?.name === 'escape') escape.abort(new WizardCancelled('Cancelled with Esc.'));
  };
  emitKeypressEvents(input);
  input.on('keypress', onKeypress);
  const context = { signal: escape.signal };
  const theme = promptTheme();

  const answers: PartialSettings = {};
  const known = (): PartialSettings => ({ ...given, ...answers });
  const set = (key: SettingKey, value: unknown) => {
    (answers as Record<SettingKey, unknown>)[key] = value;
  };
  const isGiven = (key: SettingKey) => given[key] !== undefined;
  const say = (line: string) => out.write(`${line}\n`);
  const warnAbout = (spec: SettingSpec) => {
    const warning = spec.warn?.(fillDefaults(known()));
    if (warning) say(`  ${style.yellow('⚠')} ${style.yellow(warning)}`);
  };
  const message = (spec: SettingSpec) => `${TITLES[spec.key]}${style.dim(`${DESCRIBE_SEPARATOR}${spec.describe}`)}`;

  /** Checks one typed answer with the schema's parser, then its rules in context. */
  const validateText = (spec: SettingSpec, text: string): string | true => {
    let value: unknown;
    try {
      value = parseSettingValue(spec, text.trim(), 'flag');
    } catch (error) {
      return error instanceof SettingsError ? error.message : String(error);
    }
    return checkSetting(spec.key, value, known()) ?? true;
  };

  const ask = async (key: SettingKey): Promise<void> => {
    const spec = specOf(key);
    if (isGiven(key) || isFixed(spec) || spec.onlyValue?.(fillDefaults(known())) !== undefined) return;
    const current = fillDefaults(known())[key];
    const kind = spec.kind;
    let value: unknown;
    if (kind.type === 'choice') {
      const choices = kind.choices.map((choice) => {
        const problem = checkSetting(key, choice, known());
        return {
          value: choice,
          name: choiceName(key, choice),
          short: String(choice),
          ...(problem ? { disabled: `(${problem})` } : {}),
        };
      });
      if (choices.every((c) => c.disabled !== undefined)) {
        // Nothing the user could pick fits the settings already given: say which rule breaks.
        throw new SettingsError(choices[0]?.disabled?.slice(1, -1) ?? `No valid ${TITLES[key]}.`);
      }
      value = await prompts.select({ message: message(spec), choices, default: current, theme, loop: false }, context);
    } else if (kind.type === 'bool') {
      for (;;) {
        const answer = await prompts.confirm({ message: message(spec), default: current === true, theme }, context);
        const problem = checkSetting(key, answer, known());
        if (!problem) {
          value = answer;
          break;
        }
        say(`  ${style.red(`> ${problem}`)}`);
      }
    } else {
      const text = await prompts.input(
        { message: message(spec), default: String(current), theme, validate: (t: string) => validateText(spec, t) },
        context,
      );
      value = parseSettingValue(spec, text.trim(), 'flag');
    }
    // A derived setting answered with the value it would take anyway keeps following the phase.
    if (!(isDerived(spec) && value === current)) set(key, value);
    warnAbout(spec);
  };

  try {
    let proceedIntoNonEmpty = false;
    const confirmFolder = async () => {
      const name = fillDefaults(known()).name;
      if (!opts.targetIsNonEmpty(name)) return;
      const goOn = await prompts.confirm(
        {
          message: `The folder for ${style.cyan(name)} exists and is not empty. Continue? Nothing is deleted; files the project replaces are backed up first.`,
          default: false,
          theme,
        },
        context,
      );
      if (!goOn) throw new WizardCancelled(`Cancelled: the folder for ${name} is not empty.`);
      proceedIntoNonEmpty = true;
    };

    say(style.bold('create-async-parachain') + style.dim(' · Esc or Ctrl-C cancels; nothing is written until you confirm'));
    if (isGiven('name')) await confirmFolder();
    for (const key of BASICS) {
      await ask(key);
      if (key === 'name' && !isGiven('name')) await confirmFolder();
    }

    const openAsync = ASYNC_BACKING.filter((key) => !isGiven(key) && !isFixed(specOf(key)) && specOf(key).onlyValue?.(fillDefaults(known())) === undefined);
    if (openAsync.length > 0) {
      const d = fillDefaults(known());
      const current =
        `capacity ${d.capacity}, velocity ${d.velocity}${d.velocity > 1 ? `, relay parent offset ${d.relayParentOffset}` : ''}, ${d.blockTimeMs} ms blocks, ${d.authoringMs} ms authoring, ` +
        `depth ${d.maxCandidateDepth}, ancestry ${d.allowedAncestryLen}, lookahead ${d.lookahead}`;
      const customise = await prompts.confirm(
        { message: `Customise async-backing parameters?${style.dim(`${DESCRIBE_SEPARATOR}phase ${d.phase} uses ${current}`)}`, default: false, theme },
        context,
      );
      if (customise) for (const key of ASYNC_BACKING) await ask(key);
    }

    for (const key of [...NETWORK, ...PROJECT]) await ask(key);
    const listed = new Set<SettingKey>([...BASICS, ...ASYNC_BACKING, ...NETWORK, ...PROJECT]);
    for (const spec of SETTINGS) if (!listed.has(spec.key)) await ask(spec.key);

    const settings = known();
    const resolved = resolveSettings(settings);
    say('');
    say(formatSummary(resolved.settings, given));
    for (const warning of resolved.warnings) say(`  ${style.yellow('⚠')} ${style.yellow(warning)}`);
    const create = await prompts.confirm({ message: 'Create the project with these settings?', default: true, theme }, context);
    if (!create) throw new WizardCancelled('Cancelled at the summary.');
    return { settings, proceedIntoNonEmpty };
  } catch (error) {
    if (isPromptCancel(error)) throw new WizardCancelled(escape.signal.aborted ? 'Cancelled with Esc.' : 'Cancelled with Ctrl-C.');
    throw error;
  } finally {
    input.off('keypress', onKeypress);
    if (input.isTTY && input.isRaw) input.setRawMode(false);
    input.pause();
  }
}

function choiceName(key: SettingKey, choice: string | number): string {
  if (key === 'phase') return `${choice} ${style.dim(`— ${PHASE_SUMMARIES[choice as Phase]}`)}`;
  if (key === 'sdk' && choice in PROFILES) return `${choice} ${style.dim(`— ${PROFILES[choice as keyof typeof PROFILES].summary}`)}`;
  return String(choice);
}

/** The resolved settings, one per line, with the ones given on the command line marked. */
export function formatSummary(settings: Settings, given: PartialSettings): string {
  const width = Math.max(...SETTINGS.map((spec) => TITLES[spec.key].length));
  const lines = [style.bold('Summary')];
  for (const spec of SETTINGS) {
    const mark = given[spec.key] !== undefined ? style.dim(' (given)') : '';
    lines.push(`  ${TITLES[spec.key].padEnd(width)}  ${style.cyan(formatValue(spec.key, settings[spec.key]))}${mark}`);
  }
  return lines.join('\n');
}
