import { McpConfigurationError } from '../mcp.errors.js';

/** The `sse` option: `true` serves the legacy HTTP+SSE transport beside the endpoint; `path` moves it. */
export type McpSseOption = boolean | { path?: string };

/**
 * Where the legacy SSE transport is served, or `undefined` when it is off. By default beside the MCP
 * endpoint: its last segment becomes `sse` (`/mcp` → `/sse`, `/tools/mcp` → `/tools/sse`), messages are
 * POSTed to `<that>/messages`. Both paths are before the app's global prefix, as controller paths are.
 */
export function ssePathOf(
  sse: unknown,
  endpointPath: string,
  normalize: (path: string | undefined) => string,
): string | undefined {
  if (sse === undefined || sse === null || sse === false) return undefined;
  const chosen = typeof sse === 'object' && !Array.isArray(sse) ? (sse as { path?: unknown }).path : null;
  let path: string;
  // `{}` is `{ path?: string }` without its path: the default, as with `true`.
  if (sse === true || chosen === undefined) {
    path = endpointPath.replace(/[^/]+$/, 'sse');
  } else if (typeof chosen === 'string') {
    path = normalize(chosen);
  } else {
    throw new McpConfigurationError(
      `McpModule option "sse" must be true, false or { path: '/sse' }, got ${JSON.stringify(sse)}.`,
    );
  }
  if (path === endpointPath || `${path}/messages` === endpointPath) {
    throw new McpConfigurationError(
      `McpModule option "sse": the legacy SSE transport would be served at ${path}, which is the MCP ` +
        `endpoint's path (${endpointPath}) or its messages path; set another, e.g. sse: { path: '/sse' }.`,
    );
  }
  return path;
}

/** The legacy SSE paths each app serves, and the endpoint each belongs to. */
const ssePathsOfApp = new WeakMap<object, Map<string, string>>();

/**
 * Records that `app` serves the legacy SSE transport of the endpoint at `endpointPath` at `path`; throws
 * when another endpoint of the app already does (`sse: true` beside `/reports-mcp` and `/other-mcp` is
 * `/sse` twice): Express would serve the first transport at both, Fastify refuse to start with a bare
 * "Method 'GET' already declared".
 */
export function claimSsePath(app: object, path: string, endpointPath: string): void {
  const paths = ssePathsOfApp.get(app) ?? new Map<string, string>();
  ssePathsOfApp.set(app, paths);
  const owner = paths.get(path);
  if (owner !== undefined && owner !== endpointPath) {
    throw new McpConfigurationError(
      `McpModule option "sse": the endpoints ${owner} and ${endpointPath} would both serve the legacy SSE ` +
        `transport at ${path}; give one its own, e.g. sse: { path: '${endpointPath}/sse' }.`,
    );
  }
  paths.set(path, endpointPath);
}
