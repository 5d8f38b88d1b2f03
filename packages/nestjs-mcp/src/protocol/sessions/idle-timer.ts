/**
 * Ends a session after `ms` without activity: `arm()` on each request restarts the count; when it runs out
 * while `busy()` (a call still in flight), it waits another period instead.
 */
export class IdleTimer {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly ms: number,
    private readonly busy: () => boolean,
    private readonly onIdle: () => void,
  ) {}

  arm(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.busy()) this.arm();
      else this.onIdle();
    }, this.ms);
    // An idle session must not keep the process alive.
    this.timer.unref();
  }

  clear(): void {
    clearTimeout(this.timer);
  }
}
