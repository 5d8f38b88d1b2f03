import type { IncomingMessage, ServerResponse } from 'node:http';
import { inject, type Response } from 'light-my-request';
import type { Cancellation } from './cancellation.js';
import type { DispatchRequest, DispatchResponse, HttpDispatcher } from './http.dispatcher.js';

/** A Node request handler: the Express app, or Fastify's router. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Dispatches a request into the app in-process with light-my-request (which Fastify's own `inject()` uses
 * too), so the app's whole HTTP pipeline runs. An aborted request (a call that timed out, or that the
 * client cancelled) is disconnected the way a network client disconnects: the socket and the response
 * close, which ends what the route still does for it (an SSE stream, say).
 */
export class InProcessInjector implements HttpDispatcher {
  private ready?: Promise<void>;

  /**
   * @param handler - the app's request handler.
   * @param prepare - run once before the first request (Fastify must be ready to route).
   */
  constructor(
    private readonly handler: RequestHandler,
    private readonly prepare?: () => Promise<unknown>,
  ) {}

  async dispatch(request: DispatchRequest): Promise<DispatchResponse> {
    if (this.prepare) await (this.ready ??= this.prepare().then(() => undefined));
    const { cancellation } = request;
    let stopListening: (() => void) | undefined;
    const handler: RequestHandler = (req, res) => {
      if (cancellation) stopListening = disconnectOnAbort(cancellation, req, res);
      this.handler(req, res);
    };
    try {
      // The cancellation is not handed to light-my-request: its listener would outlive the call. The options are
      // built by the request builder from the catalog, so light-my-request's per-request check of them
      // (a JSON Schema validation) is skipped; its callback form avoids the deferred start of its promise
      // form (a Chain started on the next tick).
      const response = await new Promise<Response>((resolve, reject) => {
        inject(
          handler,
          {
            method: request.method as 'GET',
            url: request.url,
            headers: request.headers,
            payload: request.payload,
            remoteAddress: request.remoteAddress,
            validate: false,
          },
          (error, injected) => (error ? reject(error) : resolve(injected as Response)),
        );
      });
      return { statusCode: response.statusCode, headers: response.headers, body: response.rawPayload };
    } finally {
      stopListening?.();
    }
  }
}

/** Disconnects the request when `cancellation` aborts; returns what stops listening once the call is over. */
function disconnectOnAbort(
  cancellation: Cancellation,
  req: IncomingMessage,
  res: ServerResponse,
): () => void {
  const disconnect = (): void => {
    const socket = req.socket as unknown as { destroyed?: boolean; emit(event: string): boolean };
    if (!socket.destroyed) {
      socket.destroyed = true;
      socket.emit('close');
    }
    // Destroying the request makes the pending injection settle, with what the route wrote so far.
    req.destroy();
    res.destroy();
  };
  if (cancellation.aborted) {
    disconnect();
    return () => undefined;
  }
  cancellation.addEventListener('abort', disconnect, { once: true });
  return () => cancellation.removeEventListener('abort', disconnect);
}
