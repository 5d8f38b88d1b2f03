import type { ServerResponse } from 'node:http';

/** JSON-RPC 2.0 error codes used at the HTTP edge. */
export const JsonRpcErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  InvalidParams: -32602,
  InternalError: -32603,
  /** Implementation-defined: the HTTP request itself is not acceptable (method, size, media type). */
  ServerError: -32000,
} as const;

/**
 * Writes a JSON-RPC error response; its id is `null` unless given, as the transport does for requests it
 * cannot read.
 */
export function writeJsonRpcError(
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
  headers: Record<string, string> = {},
  id: string | number | null = null,
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id }));
}

/** The answer to a POST without a body, the same whichever adapter notices. */
export const EMPTY_BODY_MESSAGE = 'Parse error: the request body is empty; send one JSON-RPC message';

/** The answer to a body that is not `application/json`, whichever layer notices. */
export const UNSUPPORTED_MEDIA_TYPE = 'Unsupported Media Type: Content-Type must be application/json';
