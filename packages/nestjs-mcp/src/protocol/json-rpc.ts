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
  data?: unknown,
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  const error = data === undefined ? { code, message } : { code, message, data };
  res.end(JSON.stringify({ jsonrpc: '2.0', error, id }));
}
