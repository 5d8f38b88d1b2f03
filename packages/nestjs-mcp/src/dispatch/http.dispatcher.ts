import type { Cancellation } from './cancellation.js';

/** An HTTP request to send to a route: through the app's own adapter, or to the API at `baseUrl`. */
export interface DispatchRequest {
  readonly method: string;
  /** Path and query string, e.g. `/items/5?verbose=true`. */
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly payload?: string | Buffer;
  /** The MCP caller's address, so throttling and IP rules see the real client. */
  readonly remoteAddress?: string;
  /** Ends the request when aborted (timeout, cancelled call). */
  readonly cancellation?: Cancellation;
}

/** What the route answered. */
export interface DispatchResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string | string[] | number | undefined>;
  readonly body: Buffer;
  /**
   * Set when the dispatcher stopped reading a body larger than the size cap: `body` holds only its first
   * bytes (one more than the cap); `size` is the whole body's size when the response declared it.
   */
  readonly partial?: { readonly size?: number };
}

/**
 * Sends a request through the app's HTTP pipeline (middleware, guards, pipes, interceptors, filters): the
 * app's own in-process, or a separately running copy's over HTTP.
 */
export interface HttpDispatcher {
  dispatch(request: DispatchRequest): Promise<DispatchResponse>;
}
