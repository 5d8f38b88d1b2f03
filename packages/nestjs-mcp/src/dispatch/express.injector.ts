import type { IncomingMessage, ServerResponse } from 'node:http';
import { inject } from 'light-my-request';
import type { DispatchRequest, DispatchResponse, HttpDispatcher } from './http.dispatcher.js';

type ExpressApp = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Dispatches into an Express app in-process with light-my-request.
 *
 * Express re-parents every request and response onto its own prototypes (`setPrototypeOf`), which drops
 * light-my-request's overrides (`end`, `write`, `destroy` …). Handing light-my-request the Express app
 * itself makes it rewrite Express's shared prototypes instead, which broke the next real HTTP request.
 * So the app is wrapped, and the overrides are copied onto each mock object as own properties, which
 * survive `setPrototypeOf`.
 */
export class ExpressInjector implements HttpDispatcher {
  private readonly handler: ExpressApp;

  constructor(app: ExpressApp) {
    this.handler = (req, res) => {
      keepPrototypeMethods(req);
      keepPrototypeMethods(res);
      app(req, res);
    };
  }

  async dispatch(request: DispatchRequest): Promise<DispatchResponse> {
    const response = await inject(this.handler, {
      method: request.method as 'GET',
      url: request.url,
      headers: request.headers,
      payload: request.payload,
      remoteAddress: request.remoteAddress,
      signal: request.signal,
    });
    return { statusCode: response.statusCode, headers: response.headers, body: response.rawPayload };
  }
}

function keepPrototypeMethods(target: object): void {
  const prototype = Object.getPrototypeOf(target) as object;
  for (const key of Object.getOwnPropertyNames(prototype)) {
    if (key === 'constructor' || Object.prototype.hasOwnProperty.call(target, key)) continue;
    Object.defineProperty(target, key, Object.getOwnPropertyDescriptor(prototype, key)!);
  }
}
