// Every error the user can cause, with the exit code it maps to. Kept in one small module so
// the command-line entry can tell them apart without loading the commands that throw them.

export const EXIT = { ok: 0, refused: 1, usage: 2, cancelled: 130 } as const;

/** A usage error (exit 2 unless told otherwise), e.g. an unknown fragment name. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
  }
}

/** A setting's value breaks a rule of the schema. */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

/** The target folder cannot take a new project. */
export class TargetError extends Error {
  override name = 'TargetError';
}

/** Fragment markers are damaged, or regen refuses to rewrite a region. */
export class FragmentError extends Error {
  override name = 'FragmentError';
  constructor(
    message: string,
    /** Added to the `--json` error document (e.g. every conflicting fragment). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** A project's manifest is missing, damaged, or from a newer tool. */
export class ManifestError extends Error {
  override name = 'ManifestError';
}

/** `upgrade` will not touch the repository (no runtime, a downgrade, an unknown release, ..). */
export class UpgradeRefusal extends Error {
  override name = 'UpgradeRefusal';
}

// Errors are told apart by name, not instanceof: the wizard and check bundles each carry their
// own copy of this module, so their classes are not the ones main.ts sees.
const REFUSALS = new Set(['SettingsError', 'TargetError', 'FragmentError', 'ManifestError', 'UpgradeRefusal']);

export function isUsageError(error: unknown): error is UsageError {
  return error instanceof Error && error.name === 'UsageError' && typeof (error as UsageError).exitCode === 'number';
}

/** Refusals that exit 1 with their message as it is. */
export function isRefusal(error: unknown): error is Error {
  return error instanceof Error && REFUSALS.has(error.name);
}

/** The longest stretch of a user's text echoed in a message. */
const SHOWN_CHARACTERS = 60;

/**
 * How every message shows a value the user gave: text in double quotes (JSON escapes, cut to a
 * readable length), numbers and booleans bare, objects and arrays by what they are.
 */
export function quote(value: unknown): string {
  if (typeof value === 'string') {
    if (value.length <= SHOWN_CHARACTERS) return JSON.stringify(value);
    return `${JSON.stringify(value.slice(0, SHOWN_CHARACTERS)).slice(0, -1)}…" (${value.length.toLocaleString('en-US')} characters)`;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return 'nothing';
}

/** What a JSON value is, for "expected a number, got a string". */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return { string: 'a string', number: 'a number', boolean: 'a boolean', object: 'an object' }[typeof value as string] ?? 'nothing';
}
