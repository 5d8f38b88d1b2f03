import type { DispatchRequest, DispatchResponse, HttpDispatcher } from './http.dispatcher.js';

/** The part of a Fastify instance used here (the library does not depend on Fastify). */
interface FastifyLike {
  inject(options: {
    method: string;
    url: string;
    headers: Record<string, string>;
    payload?: string | Buffer;
    remoteAddress?: string;
    signal?: AbortSignal;
  }): Promise<{ statusCode: number; headers: DispatchResponse['headers']; rawPayload: Buffer }>;
}

/** Dispatches into a Fastify app in-process with its own `inject()`. */
export class FastifyInjector implements HttpDispatcher {
  constructor(private readonly instance: FastifyLike) {}

  async dispatch(request: DispatchRequest): Promise<DispatchResponse> {
    const response = await this.instance.inject({
      method: request.method,
      url: request.url,
      headers: request.headers,
      payload: request.payload,
      remoteAddress: request.remoteAddress,
      signal: request.signal,
    });
    return { statusCode: response.statusCode, headers: response.headers, body: response.rawPayload };
  }
}
