// The interactive wizard. Every question comes from the settings table (title, kind, choices,
// describe text, defaultOf, onlyValue, warn) and every answer is checked by the schema's own
// parser and rules, so the wizard holds no rule of its own. The prompts write to stderr, so
// stdout carries only the result; the inquirer prompts are imported only when a question is asked.

import { emitKeypressEvents } from 'node:readline';
import { PROFILES } from '../profiles/index.js';
import { SettingsError } from '../errors.js';
import { checkSetting, fillDefaults, parseSettingValue, resolveSettings, type Origins } from '../settings/resolve.js';
import { SETTINGS, specOf, type PartialSettings, type Phase, type SettingKey, type SettingSpec, type Settings } from '../settings/schema.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { PHASE_SUMMARIES } from './next-steps.js';
import { askYesNo, inquirerPrompts, linePrompts, type Choice, type Layout, type Prompts } from './prompts.js';
import { errorStyle as style } from './style.js';

/** The user pressed Ctrl-C or Esc, or declined to go on; the CLI exits with 130 and writes nothing. */
export class WizardCancelled extends Error {
  override name = 'WizardCancelled';
  constructor(message = 'Cancelled by the user.') {
    super(message);
  }
}

export interface WizardOptions {
  /** Where each given setting came from, so messages name it. */
  origins: Origins;
  /** Why the directory argument is not a valid name: said first, then the name is asked. */
  nameProblem?: string;
  /** Whether the folder the project `name` would be written to exists and is not empty. */
  targetIsNonEmpty: (name: string) => boolean;
}

export interface WizardResult {
  /** The given settings plus every answer; derived settings the user did not customise stay unset. */
  settings: PartialSettings;
  origins: Origins;
  /** The user agreed to write into a non-empty folder (nothing is deleted). */
  proceedIntoNonEmpty: boolean;
  /** Warnings already shown on the terminal, not to be printed again. */
  shownWarnings: string[];
}

/** Question order. A setting missing here is asked at the end, so none is ever skipped. */
// Velocity follows the phase: on a release with elastic scaling it is the main choice of phase 3.
const BASICS: readonly SettingKey[] = ['name', 'sdk', 'phase', 'velocity', 'paraId', 'relayChain', 'tokenSymbol', 'tokenDecimals'];
const ASYNC_BACKING: readonly SettingKey[] = [
  'relayParentOffset',
  'capacity',
  'relaySlotMs',
  'blockTimeMs',
  'slotDurationMs',
  'authoringMs',
  'maxCandidateDepth',
  'allowedAncestryLen',
  'lookahead',
];
const NETWORK: readonly SettingKey[] = ['collators', 'validators', 'zombienetFormat', 'provider'];
const PROJECT: readonly SettingKey[] = ['omniNode', 'templatePallet'];

const DESCRIBE_SEPARATOR = ' · ';
const CUSTOMISE = 'Async-backing parameters';
const CONFIRM = 'Create the project';
const FOLDER = 'Write into the folder';

/**
 * The prompts `@inquirer/prompts` re-exports, loaded one by one: its editor prompt (and the
 * ~500 kB iconv-lite it pulls in) stays out of the bundle, which matters for the first question.
 */
async function loadInquirer() {
  const [input, select] = await Promise.all([import('@inquirer/input'), import('@inquirer/select')]);
  return { input: input.default, select: select.default };
}

// A dumb terminal cannot move the cursor, which inquirer's prompts need.
const dumbTerminal = process.env.TERM === 'dumb';
// Importing this module means a question is coming: start loading the prompts at once.
const inquirerLoading = dumbTerminal ? undefined : loadInquirer();

function formatValue(key: SettingKey, value: unknown): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (key.endsWith('Ms')) return `${String(value)} ms`;
  return String(value);
}

function isPromptCancel(error: unknown): boolean {
  return error instanceof Error && ['ExitPromptError', 'AbortPromptError', 'CancelPromptError', 'PromptCancelled'].includes(error.name);
}

/**
 * Asks every setting not in `given` whose value the rules leave open, then shows the resolved
 * settings and asks for confirmation. Throws WizardCancelled on Ctrl-C, Esc or a declined
 * confirmation, and SettingsError when the given settings leave no valid answer.
 */
export async function askSettings(given: PartialSettings, opts: WizardOptions): Promise<WizardResult> {
  const layout: Layout = { titleWidth: Math.max(...SETTINGS.map((s) => s.title.length), CUSTOMISE.length, CONFIRM.length, FOLDER.length) };
  const escape = new AbortController();
  const input = process.stdin;
  const onKeypress = (_text: unknown, key?: { name?: string }) => {
    if (key?.name === 'escape') escape.abort(new WizardCancelled('Cancelled with Esc.'));
  };
  let prompts: Prompts;
  if (inquirerLoading) {
    prompts = inquirerPrompts(await inquirerLoading, style, layout, escape.signal);
    emitKeypressEvents(input);
    input.on('keypress', onKeypress);
  } else {
    prompts = linePrompts(layout);
  }

  const answers: PartialSettings = {};
  const origins: Origins = { ...opts.origins };
  const known = (): PartialSettings => ({ ...given, ...answers });
  const set = (key: SettingKey, value: unknown) => {
    (answers as Record<SettingKey, unknown>)[key] = value;
    origins[key] = { source: 'prompt' };
  };
  const isGiven = (key: SettingKey) => given[key] !== undefined;
  const shown = new Set<string>();
  const warnOnce = (warning: string | undefined) => {
    if (!warning || shown.has(warning)) return;
    shown.add(warning);
    prompts.say(`  ${style.yellow('⚠')} ${style.yellow(warning)}`);
  };
  const message = (spec: SettingSpec) => `${spec.title}${style.dim(`${DESCRIBE_SEPARATOR}${spec.describe}`)}`;
  /** The value the rules leave when only one is left (the phase-3 block time): stated, never asked. */
  const onlyValue = (spec: SettingSpec) => spec.onlyValue?.(fillDefaults(known()));

  /** Checks one typed answer with the schema's parser, then its rules in context. */
  const validateText = (spec: SettingSpec, text: string): string | true => {
    let value: unknown;
    try {
      value = parseSettingValue(spec, text.trim(), 'prompt');
    } catch (error) {
      return error instanceof SettingsError ? error.message : String(error);
    }
    return checkSetting(spec.key, value, known(), origins) ?? true;
  };

  const ask = async (key: SettingKey, problem?: string): Promise<void> => {
    const spec = specOf(key);
    if (problem === undefined && (isGiven(key) || onlyValue(spec) !== undefined)) return;
    const current = fillDefaults(known())[key];
    const kind = spec.kind;
    let value: unknown;
    if (problem) prompts.say(`  ${style.red(`> ${problem}`)}`);
    if (kind.type === 'choice') {
      const choices: Choice<string | number>[] = kind.choices.map((choice) => {
        const why = checkSetting(key, choice, known(), origins);
        return { value: choice, name: choiceName(key, choice), ...(why ? { disabled: why } : {}) };
      });
      if (choices.every((c) => c.disabled !== undefined)) {
        // Nothing the user could pick fits the settings already given: say which rule breaks.
        throw new SettingsError(choices[0]?.disabled ?? `No valid ${spec.title}.`);
      }
      value = await prompts.choose({ title: spec.title, message: message(spec), choices, default: current as string | number });
    } else if (kind.type === 'bool') {
      for (;;) {
        const answer = await askYesNo(prompts, { title: spec.title, message: message(spec) }, current === true);
        const why = checkSetting(key, answer, known(), origins);
        if (!why) {
          value = answer;
          break;
        }
        prompts.say(`  ${style.red(`> ${why}`)}`);
      }
    } else {
      // A name refused once is asked without offering it again.
      const offer = problem !== undefined ? undefined : String(current);
      const text = await prompts.text({ title: spec.title, message: message(spec), default: offer, validate: (t) => validateText(spec, t) });
      value = parseSettingValue(spec, text.trim(), 'prompt');
    }
    // A derived setting answered with the value it would take anyway keeps following the phase.
    if (!(spec.defaultText !== undefined && value === current)) set(key, value);
    warnOnce(spec.warn?.(fillDefaults(known())));
  };

  try {
    let proceedIntoNonEmpty = false;
    /** Asks the name until its folder is empty, or the user agrees to write into it. */
    const settleName = async (problem: string | undefined) => {
      if (problem !== undefined) await ask('name', problem);
      for (;;) {
        const name = fillDefaults(known()).name;
        if (!opts.targetIsNonEmpty(name)) return;
        const goOn = await askYesNo(
          prompts,
          { title: FOLDER, message: `The folder for ${style.cyan(name)} exists and is not empty. Continue? Nothing is deleted; files the project replaces are backed up first.` },
          false,
        );
        if (goOn) {
          proceedIntoNonEmpty = true;
          return;
        }
        proceedIntoNonEmpty = false;
        await ask('name', `The folder for ${name} is not empty: choose another name.`);
      }
    };

    prompts.say(`${style.bold(`${TOOL_NAME} v${TOOL_VERSION}`)}${style.dim(`${DESCRIBE_SEPARATOR}Esc or Ctrl-C cancels; nothing is written until you confirm`)}`);
    if (opts.nameProblem !== undefined || isGiven('name')) await settleName(opts.nameProblem);
    for (const key of BASICS) {
      if (key === 'name' && (opts.nameProblem !== undefined || isGiven('name'))) continue;
      await ask(key);
      if (key === 'name') await settleName(undefined);
    }

    const openAsync = ASYNC_BACKING.filter((key) => !isGiven(key) && onlyValue(specOf(key)) === undefined);
    if (openAsync.length > 0) {
      const d = fillDefaults(known());
      const slot = d.slotDurationMs === d.blockTimeMs ? '' : `, ${d.slotDurationMs} ms slots`;
      const current =
        `capacity ${d.capacity}, velocity ${d.velocity}${d.velocity > 1 ? `, relay parent offset ${d.relayParentOffset}` : ''}, ${d.blockTimeMs} ms blocks${slot}, ${d.authoringMs} ms authoring, ` +
        `depth ${d.maxCandidateDepth}, ancestry ${d.allowedAncestryLen}, lookahead ${d.lookahead}`;
      const customise = await askYesNo(
        prompts,
        { title: CUSTOMISE, message: `Customise async-backing parameters?${style.dim(`${DESCRIBE_SEPARATOR}phase ${d.phase} uses ${current}`)}` },
        false,
      );
      if (customise) for (const key of ASYNC_BACKING) await ask(key);
    }

    for (const key of [...NETWORK, ...PROJECT]) await ask(key);
    const listed = new Set<SettingKey>([...BASICS, ...ASYNC_BACKING, ...NETWORK, ...PROJECT]);
    for (const spec of SETTINGS) if (!listed.has(spec.key)) await ask(spec.key);

    const settings = known();
    const resolved = resolveSettings(settings, origins);
    prompts.say('');
    prompts.say(formatSummary(resolved.settings, given));
    for (const warning of resolved.warnings) warnOnce(warning);
    const create = await askYesNo(prompts, { title: CONFIRM, message: 'Create the project with these settings?' }, true);
    if (!create) throw new WizardCancelled('Cancelled at the summary.');
    return { settings, origins, proceedIntoNonEmpty, shownWarnings: [...shown] };
  } catch (error) {
    if (isPromptCancel(error)) throw new WizardCancelled(escape.signal.aborted ? 'Cancelled with Esc.' : 'Cancelled with Ctrl-C.');
    throw error;
  } finally {
    prompts.close();
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
  const width = Math.max(...SETTINGS.map((spec) => spec.title.length));
  const lines = [style.bold('Summary')];
  for (const spec of SETTINGS) {
    const mark = given[spec.key] !== undefined ? style.dim(' (given)') : '';
    lines.push(`  ${spec.title.padEnd(width)}  ${style.cyan(formatValue(spec.key, settings[spec.key]))}${mark}`);
  }
  return lines.join('\n');
}
