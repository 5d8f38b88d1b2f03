/**
 * What ends a call early, as the call path reads it: the part of `AbortSignal` it uses, so an
 * `AbortSignal` (the SDK's, an app's) is one.
 */
export interface Cancellation {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/**
 * A {@link Cancellation} with plain listeners. The library's own (a call's timeout and cancellation, a
 * client's closed response) use it instead of `AbortController`: a controller, its signal and their
 * EventTarget listeners were ~8 % of a stateless call's CPU. Listeners run once, like `{ once: true }`
 * ones; one added after the abort never runs, as with an `AbortSignal`. Unlike an `AbortSignal`: a listener
 * added twice runs twice, one removed by an earlier listener during the abort still runs, and one that
 * throws stops the rest (the error goes to whoever called `abort()`). The library's listeners are distinct
 * and do not throw.
 */
export class Canceller implements Cancellation {
  private listeners?: (() => void)[];
  private abortedWith?: { reason: unknown };
  private controller?: AbortController;

  get aborted(): boolean {
    return this.abortedWith !== undefined;
  }

  get reason(): unknown {
    return this.abortedWith?.reason;
  }

  /** Aborts (once) with `reason`, an `AbortError` by default, as `AbortController.abort` does. */
  abort(reason: unknown = new DOMException('This operation was aborted', 'AbortError')): void {
    if (this.abortedWith) return;
    this.abortedWith = { reason };
    const listeners = this.listeners;
    this.listeners = undefined;
    for (const listener of listeners ?? []) listener();
  }

  addEventListener(_type: 'abort', listener: () => void): void {
    if (this.abortedWith) return;
    (this.listeners ??= []).push(listener);
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    const index = this.listeners?.indexOf(listener) ?? -1;
    if (index >= 0) this.listeners!.splice(index, 1);
  }

  /** An `AbortSignal` that follows this, for APIs that need a real one (`fetch`); made on first use. */
  get signal(): AbortSignal {
    if (!this.controller) {
      const controller = (this.controller = new AbortController());
      if (this.abortedWith) controller.abort(this.abortedWith.reason);
      else this.addEventListener('abort', () => controller.abort(this.reason));
    }
    return this.controller.signal;
  }
}

/** `cancellation` as an `AbortSignal`, for APIs that need a real one. */
export function abortSignalOf(cancellation: Cancellation): AbortSignal {
  if (cancellation instanceof AbortSignal) return cancellation;
  if (cancellation instanceof Canceller) return cancellation.signal;
  const controller = new AbortController();
  if (cancellation.aborted) controller.abort(cancellation.reason);
  else cancellation.addEventListener('abort', () => controller.abort(cancellation.reason), { once: true });
  return controller.signal;
}
