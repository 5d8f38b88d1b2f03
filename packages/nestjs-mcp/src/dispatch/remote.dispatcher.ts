import { describeUrl } from './base-url.js';
import { abortSignalOf } from './cancellation.js';
import type { DispatchRequest, DispatchResponse, HttpDispatcher } from './http.dispatcher.js';
import { describeNetworkError } from './network-errors.js';

/**
 * Sends tool calls over HTTP(S) to a separately running copy of the API (the `baseUrl` option), with
 * Node's built-in `fetch` (undici's global pool keeps connections alive between calls).
 *
 * What the in-process dispatcher does, done over the network: the route's path (global prefix included) is
 * appended to the base URL's path; redirects are not followed (the result says the status and `Location`);
 * the call's abort signal (timeout, cancellation) ends the request, and is handed to `fetch` as it is (no
 * composite signal: see `CallAbort`). The MCP caller's address goes in `X-Forwarded-For`, appended to the
 * caller's own when that header is forwarded. The body is read only up to just past `maxBytes`: the rest is
 * never downloaded, and the response says so (`partial`).
 */
export class RemoteDispatcher implements HttpDispatcher {
  /**
   * @param baseUrl - the API's URL as `resolveBaseUrl` returns it (no trailing slash).
   * @param maxBytes - the response size cap (`maxResponseBytes`).
   */
  constructor(
    private readonly baseUrl: string,
    private readonly maxBytes: number,
  ) {}

  async dispatch(request: DispatchRequest): Promise<DispatchResponse> {
    const url = `${this.baseUrl}${request.url}`;
    const method = request.method.toUpperCase();
    if (request.payload !== undefined && (method === 'GET' || method === 'HEAD')) {
      throw new Error(
        `${method} ${describeUrl(url)}: the route takes a body, which fetch cannot send with ${method}`,
      );
    }
    try {
      const response = await fetch(url, {
        method,
        headers: outgoingHeaders(request),
        body: request.payload === undefined ? undefined : bytesOf(request.payload),
        redirect: 'manual',
        ...(request.cancellation ? { signal: abortSignalOf(request.cancellation) } : {}),
      });
      const { body, complete } = await readCapped(response.body, this.maxBytes);
      const headers = incomingHeaders(response.headers);
      return {
        statusCode: response.status,
        headers,
        body,
        ...(complete ? {} : { partial: { size: declaredSize(headers) } }),
      };
    } catch (error) {
      // The call's timeout or cancellation: the invoker words it.
      if (request.cancellation?.aborted) throw error;
      throw new Error(`${method} ${describeUrl(url)}: ${describeNetworkError(error)}`, {
        cause: error,
      });
    }
  }
}

/** The request's headers, plus `X-Forwarded-For` and an uncompressed response (its size is then exact). */
function outgoingHeaders(request: DispatchRequest): Record<string, string> {
  const headers: Record<string, string> = { 'accept-encoding': 'identity', ...request.headers };
  if (request.remoteAddress) {
    const earlier = headers['x-forwarded-for'];
    headers['x-forwarded-for'] = earlier ? `${earlier}, ${request.remoteAddress}` : request.remoteAddress;
  }
  return headers;
}

function bytesOf(payload: string | Buffer): Buffer {
  return typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
}

/** Response headers as Node writes them: names in lower case, `set-cookie` as a list. */
function incomingHeaders(source: Headers): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of source) headers[name] = value;
  const cookies = source.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  return headers;
}

/** The whole body's size when the response declared it (and it is not content-encoded). */
function declaredSize(headers: Record<string, string | string[]>): number | undefined {
  const length = headers['content-length'];
  if (typeof length !== 'string' || headers['content-encoding'] !== undefined) return undefined;
  return /^\d+$/.test(length) ? Number(length) : undefined;
}

/**
 * Reads a body until it ends or passes `maxBytes`; past it, stops (cancelling the rest of the download) and
 * keeps the first `maxBytes + 1` bytes: one past the cap, so the mapper sees it was over and can cut text at
 * a character boundary.
 */
async function readCapped(
  stream: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<{ body: Buffer; complete: boolean }> {
  if (!stream) return { body: Buffer.alloc(0), complete: true };
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { body: Buffer.concat(chunks, length), complete: true };
      chunks.push(value);
      length += value.byteLength;
      if (length > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { body: Buffer.concat(chunks, length).subarray(0, maxBytes + 1), complete: false };
      }
    }
  } finally {
    reader.releaseLock();
  }
}
