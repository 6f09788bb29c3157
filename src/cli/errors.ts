// Exit codes everywhere: 0 success; 1 invalid settings, refused or failed; 2 usage error;
// 130 cancelled by the user.

export const EXIT = { ok: 0, refused: 1, usage: 2, cancelled: 130 } as const;

/** An error the user caused, with the exit code it maps to and a one-sentence message. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
  }
}
