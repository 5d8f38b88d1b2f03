import type { ServerResponse } from 'node:http';
import { JsonRpcErrorCode, writeJsonRpcError } from '../protocol/json-rpc.js';

/**
 * The endpoint `path` is a near miss of: the same path with one trailing slash, or in another case. Express
 * (non-strict, case-insensitive by default) serves those as the endpoint and Fastify serves neither; both
 * answer them with the same 404, which names the endpoint. `undefined` for the endpoint itself or any other
 * path.
 */
export function endpointVariant(path: string, endpoints: Iterable<string>): string | undefined {
  const wanted = (path.endsWith('/') && path !== '/' ? path.slice(0, -1) : path).toLowerCase();
  for (const endpoint of endpoints) {
    if (endpoint !== path && endpoint.toLowerCase() === wanted) return endpoint;
  }
  return undefined;
}

/** The 404 for a near miss of the endpoint's path (see `endpointVariant`). */
export function rejectPathVariant(res: ServerResponse, path: string, endpoint: string): void {
  writeJsonRpcError(
    res,
    404,
    JsonRpcErrorCode.ServerError,
    `Not found: ${path}. The MCP endpoint is ${endpoint} (exactly: no trailing slash, same case).`,
  );
}

/** The path of a request URL, without its query. */
export function pathOf(url: string | undefined): string {
  return (url ?? '').split('?', 1)[0] ?? '';
}
