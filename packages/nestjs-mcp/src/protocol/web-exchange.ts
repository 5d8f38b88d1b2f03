import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger } from '@nestjs/common';
import { JsonRpcErrorCode, writeJsonRpcError } from './json-rpc.js';
import { toWebRequest, writeWebResponse, type BodyRewrite } from './node-web.bridge.js';

const logger = new Logger('McpModule');

/**
 * Writes a `Response` to the Node response, its bytes through `rewrite` when given; resolves when it is
 * fully sent (an SSE stream has ended).
 */
export type Respond = (response: Response, rewrite?: BodyRewrite) => Promise<void>;

/**
 * Serves one Node request through web-standard code: builds the `Request` (aborted when the client goes
 * away), lets `serve` answer it, and turns an unexpected failure into a JSON-RPC 500. `streamBody`: the
 * request's body has not been parsed by the app and is read from the Node stream.
 */
export async function serveWebExchange(
  req: IncomingMessage,
  res: ServerResponse,
  streamBody: boolean,
  serve: (request: Request, respond: Respond) => Promise<void>,
): Promise<void> {
  const disconnected = new AbortController();
  const onClose = () => {
    if (!res.writableFinished) disconnected.abort();
  };
  res.once('close', onClose);
  try {
    const request = toWebRequest(req, disconnected.signal, streamBody);
    await serve(request, (response, rewrite) => writeWebResponse(response, res, rewrite));
  } catch (error) {
    if (disconnected.signal.aborted) return;
    logger.error(`MCP request failed: ${(error as Error).message}`, (error as Error).stack);
    writeJsonRpcError(res, 500, JsonRpcErrorCode.InternalError, 'Internal error');
  } finally {
    res.off('close', onClose);
    // A client that left gets no answer; ending the socket lets the server close without waiting for it.
    if (disconnected.signal.aborted && !res.destroyed) res.destroy();
  }
}

/** A JSON-RPC error as a web `Response`, for refusals decided before any SDK transport sees the request. */
export function jsonRpcErrorResponse(
  status: number,
  code: number,
  message: string,
  id: string | number | null = null,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id }), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}
