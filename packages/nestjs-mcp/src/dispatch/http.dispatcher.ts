/** An HTTP request to send through the app's own adapter. */
export interface DispatchRequest {
  readonly method: string;
  /** Path and query string, e.g. `/items/5?verbose=true`. */
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly payload?: string | Buffer;
  /** The MCP caller's address, so throttling and IP rules see the real client. */
  readonly remoteAddress?: string;
  /** Ends the injected request when aborted (timeout, cancelled call). */
  readonly signal?: AbortSignal;
}

/** What the route answered. */
export interface DispatchResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string | string[] | number | undefined>;
  readonly body: Buffer;
}

/** Sends a request through the app's HTTP pipeline (middleware, guards, pipes, interceptors, filters). */
export interface HttpDispatcher {
  dispatch(request: DispatchRequest): Promise<DispatchResponse>;
}
