import type { ServerResponse } from 'node:http';
import { JsonRpcErrorCode, writeJsonRpcError } from '../protocol/json-rpc.js';

/**
 * The endpoint `path` is a near miss of: the same path with one trailing slash, or in another case. Express
 * (non-strict, case-insensitive by default) serves those as the endpoint and Fastify serves neither; both
 * answer them with the same 404, which names the endpoint. `undefined` for the endpoint itself or any other
 * path.
 */
export function endpointVariant(path: string, endpoints: Iterable<string>): string | undefined {
  // Every request of the app is checked: most differ in length, and are passed without a copy.
  const length = path.length > 1 && path.endsWith('/') ? path.length - 1 : path.length;
  let wanted: string | undefined;
  for (const endpoint of endpoints) {
    if (endpoint.length !== length || endpoint === path) continue;
    wanted ??= path.slice(0, length).toLowerCase();
    if (endpoint.toLowerCase() === wanted) return endpoint;
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
  if (url === undefined) return '';
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}
