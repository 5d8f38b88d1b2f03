import type { ServerResponse } from 'node:http';

/** JSON-RPC 2.0 error codes used at the HTTP edge. */
export const JsonRpcErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  InternalError: -32603,
  /** Implementation-defined: the HTTP request itself is not acceptable (method, size, media type). */
  ServerError: -32000,
} as const;

/** Writes a JSON-RPC error response with no id, as the transport does for requests it cannot read. */
export function writeJsonRpcError(
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}
