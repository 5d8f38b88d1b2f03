/**
 * What a tool call reports while it runs, for whoever serves it (a stateful session turns these into
 * `notifications/message` log records). Every callback is optional and must not throw.
 */
export interface CallEvents {
  /** The call's HTTP request is about to go through the app, e.g. `GET /items/1`. */
  dispatching?(request: { readonly method: string; readonly url: string }): void;
  /** The route answered with this status after `elapsedMs`. */
  answered?(status: number, elapsedMs: number): void;
}
