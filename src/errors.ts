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
