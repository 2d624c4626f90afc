/** Runs plugin-supplied callbacks so that a throw, a rejection or a hang can never escape or stall the caller. */

/** The logging surface the SDK needs; Nest's `Logger` satisfies it. */
export interface SdkLogger {
  warn(message: string, ...meta: unknown[]): void;
  error(message: string, ...meta: unknown[]): void;
}

export type Settled<T> =
  | { kind: 'value'; value: T; elapsedMs: number }
  | { kind: 'error'; error: unknown; elapsedMs: number }
  | { kind: 'timeout'; elapsedMs: number };

/**
 * Calls `fn` and settles within `limitMs`: never rejects. `fn` gets an AbortSignal that aborts at the
 * limit so cooperative work can stop; uncooperative work is abandoned (JavaScript cannot preempt it).
 */
export function settleWithin<T>(fn: (signal: AbortSignal) => T | PromiseLike<T>, limitMs: number): Promise<Settled<T>> {
  const started = performance.now();
  const elapsed = (): number => performance.now() - started;
  const controller = new AbortController();
  return new Promise<Settled<T>>((resolve) => {
    let done = false;
    const finish = (outcome: Settled<T>): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const timer = setTimeout(() => {
      controller.abort(new Error(`time limit of ${limitMs} ms exceeded`));
      finish({ kind: 'timeout', elapsedMs: elapsed() });
    }, limitMs);
    // A hanging callback must not keep the process alive on its own.
    timer.unref?.();
    try {
      Promise.resolve(fn(controller.signal)).then(
        (value) => finish({ kind: 'value', value, elapsedMs: elapsed() }),
        (error: unknown) => finish({ kind: 'error', error, elapsedMs: elapsed() }),
      );
    } catch (error) {
      finish({ kind: 'error', error, elapsedMs: elapsed() });
    }
  });
}
