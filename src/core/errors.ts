// Errors meant for people: the message says what happened and what to do. Anything else that reaches a
// surface is a bug, shown with a generic prefix and logged in full.

export type ErrorCode =
  | 'not-ready'
  | 'bad-input'
  | 'config'
  | 'network'
  | 'auth'
  | 'timeout'
  | 'model'
  | 'download'
  | 'cancelled'
  | 'server'
  | 'internal';

/** A command a message can offer as a button. */
export interface ErrorAction {
  label: string;
  command: string;
  args?: unknown[];
}

export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    message: string,
    readonly code: ErrorCode,
    /** What the user can do about it, one sentence; appended when shown. */
    readonly fix?: string,
    readonly actions: ErrorAction[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** The message with its fix, as shown in a notification or printed by the CLI. */
  get display(): string {
    return this.fix ? `${this.message} ${this.fix}` : this.message;
  }
}

export function isAbortError(err: unknown): boolean {
  return (
    err instanceof Error && (err.name === 'AbortError' || (err instanceof UserError && err.code === 'cancelled'))
  );
}

/** Throws the standard AbortError if the signal is aborted; call between units of work. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

export function abortError(): Error {
  const e = new Error('The operation was aborted');
  e.name = 'AbortError';
  return e;
}

/** Text for any error: a UserError's display, otherwise the message with a hint that it is unexpected. */
export function describeError(err: unknown): string {
  if (err instanceof UserError) return err.display;
  if (err instanceof Error) return `Unexpected error: ${err.message}`;
  return `Unexpected error: ${String(err)}`;
}

/** Waits `ms`, or rejects with an AbortError as soon as `signal` aborts (for retry back-offs). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
