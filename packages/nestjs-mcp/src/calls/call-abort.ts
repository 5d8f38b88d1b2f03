import { Canceller, type Cancellation } from '../dispatch/cancellation.js';

/**
 * The cancellation of one tool call: aborted when the call times out or the client cancels it.
 *
 * Fed by a timer and a listener on the client's cancellation, both released when the call ends. A
 * composite `AbortSignal.any([...])` is avoided on purpose: on Node 20 it stays reachable, with every
 * listener attached to it and all they hold (the injected request and response), long after the call
 * ended — kilobytes per call, never reclaimed.
 */
export class CallAbort extends Canceller {
  private readonly timer: NodeJS.Timeout;
  private readonly onCancel = (): void => this.abort(this.cancelled?.reason);
  private expired = false;

  /**
   * @param timeoutMs - how long the call may run before it is aborted.
   * @param cancelled - the client's cancellation of the call, if it can cancel.
   */
  constructor(
    timeoutMs: number,
    private readonly cancelled?: Cancellation,
  ) {
    super();
    this.timer = setTimeout(() => {
      this.expired = true;
      this.abort(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    if (!cancelled) return;
    if (cancelled.aborted) this.onCancel();
    else cancelled.addEventListener('abort', this.onCancel, { once: true });
  }

  /** Whether the call ran out of time (as opposed to being cancelled, or still running). */
  get timedOut(): boolean {
    return this.expired;
  }

  /** Ends the call's hold on the timer and on the client's cancellation; call it when the call ends. */
  release(): void {
    clearTimeout(this.timer);
    this.cancelled?.removeEventListener('abort', this.onCancel);
  }
}
