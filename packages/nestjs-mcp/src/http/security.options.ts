import { McpConfigurationError } from '../mcp.errors.js';

/** Default of `maxRequestBytes`: 4 MiB, far above any JSON-RPC message a tool call needs. */
export const DEFAULT_MAX_REQUEST_BYTES = 4 * 1024 * 1024;

/** Default of `cors.maxAge`: how long a browser may reuse a preflight answer, in seconds. */
export const DEFAULT_CORS_MAX_AGE = 600;

/** CORS for browser-based MCP clients; the allowed origins are those of the Origin check. */
export interface McpCorsOptions {
  /**
   * Request headers browsers may send besides the MCP ones (`content-type`, `authorization`,
   * `mcp-session-id`, `mcp-protocol-version`, `last-event-id`, `mcp-method`, `mcp-name`) and the
   * `forwardHeaders`, e.g. `['x-trace-id']`.
   */
  allowHeaders?: string[];
  /** Response headers browsers may read besides `mcp-session-id` and `www-authenticate`. */
  exposeHeaders?: string[];
  /** Seconds a browser may cache a preflight answer (`Access-Control-Max-Age`). Default 600. */
  maxAge?: number;
}

/** The options of `McpModuleOptions` that guard the endpoint's edge. */
export interface McpSecurityOptions {
  /**
   * Web origins allowed to call the endpoint from a browser, exactly (`['https://app.example.com']`),
   * besides loopback origins (`http(s)://localhost`, `127.0.0.1`, `[::1]`, any port) and requests without
   * `Origin` (non-browser clients), which are always allowed. Any other `Origin` gets 403 (DNS-rebinding
   * protection). `'*'` turns the check off (a warning is logged at startup).
   */
  allowedOrigins?: string[] | '*';
  /**
   * `Host` values the endpoint accepts besides `localhost`, `127.0.0.1` and `[::1]`, e.g.
   * `['api.example.com']` (any port) or `['api.example.com:8443']` (that port only). Without it, the Host
   * check applies to connections to a loopback address only (a DNS-rebinding page reaches a local server
   * under a foreign name); with it, to every connection. `'*'` turns the check off (warning at startup).
   */
  allowedHosts?: string[] | '*';
  /**
   * Largest MCP request body in bytes, decoded (gzip, deflate, br), whatever the app's body-parser limits
   * (Express's 100 kB default, Fastify's 1 MiB); larger ones get 413. Default 4 MiB (4194304). A tool call
   * still meets its route's own limit.
   */
  maxRequestBytes?: number;
  /**
   * CORS for browser-based clients: `true`, or options for extra headers and the preflight cache. The allowed
   * origins are those of the Origin check (loopback and `allowedOrigins`). Default false (browsers cannot
   * call the endpoint from another origin).
   */
  cors?: boolean | McpCorsOptions;
}

/** CORS after defaults: header names lower-cased. */
export interface McpResolvedCors {
  readonly allowHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly maxAge: number;
}

/** What the endpoint's edge checks enforce, after defaults and validation. */
export interface McpResolvedSecurity {
  /** Allowed `Origin`s besides loopback ones, as `URL.origin`s; `'*'`: the Origin check is off. */
  readonly allowedOrigins: ReadonlySet<string> | '*';
  /**
   * Allowed `Host`s besides loopback names (lower-cased; an entry without a port matches any port);
   * `'*'`: the Host check is off. Without entries the check applies only to loopback connections.
   */
  readonly allowedHosts: ReadonlySet<string> | '*';
  readonly maxRequestBytes: number;
  /** Set when `cors` is on. */
  readonly cors?: McpResolvedCors;
}

/** MCP request headers a browser client sends (2026-07-28 adds `mcp-method` and `mcp-name`). */
const MCP_REQUEST_HEADERS = [
  'content-type',
  'authorization',
  'mcp-session-id',
  'mcp-protocol-version',
  'last-event-id',
  'mcp-method',
  'mcp-name',
];
const MCP_RESPONSE_HEADERS = ['mcp-session-id', 'www-authenticate'];

/**
 * Validates the security options and applies their defaults: loopback origins and hosts only, a 4 MiB
 * body limit, no CORS. `forwardHeaders` are headers the client sends, so CORS lets browsers send them.
 */
export function resolveSecurityOptions(
  options: McpSecurityOptions,
  forwardHeaders: Iterable<string>,
): McpResolvedSecurity {
  const cors = corsOf(options.cors, forwardHeaders);
  return {
    allowedOrigins: listOf('allowedOrigins', options.allowedOrigins, originOf, "['https://app.example.com']"),
    allowedHosts: listOf('allowedHosts', options.allowedHosts, hostOf, "['api.example.com']"),
    maxRequestBytes: maxRequestBytesOf(options.maxRequestBytes),
    ...(cors ? { cors } : {}),
  };
}

/** What `'*'` turns off, for the warning logged at startup. */
export function openChecks(security: McpResolvedSecurity): string[] {
  const open: string[] = [];
  if (security.allowedOrigins === '*') {
    open.push(
      "McpModule option allowedOrigins is '*': the Origin check is off, so any web page a user opens can " +
        'call this MCP endpoint through their browser. List the origins of your browser clients instead.',
    );
  }
  if (security.allowedHosts === '*') {
    open.push(
      "McpModule option allowedHosts is '*': the Host check is off, so a DNS-rebinding page can reach this " +
        'MCP endpoint on a loopback address. List the host names clients use instead.',
    );
  }
  return open;
}

function listOf(
  name: string,
  value: unknown,
  normalize: (entry: string) => string | undefined,
  example: string,
): ReadonlySet<string> | '*' {
  if (value === undefined || value === null) return new Set();
  if (value === '*') return '*';
  const invalid = (entry: unknown) =>
    new McpConfigurationError(
      `McpModule option "${name}" must be '*' or an array of exact values such as ${example}, got ` +
        `${JSON.stringify(entry)}.`,
    );
  if (!Array.isArray(value)) throw invalid(value);
  const entries = new Set<string>();
  for (const entry of value) {
    const normalized = typeof entry === 'string' ? normalize(entry) : undefined;
    if (normalized === undefined) throw invalid(entry);
    entries.add(normalized);
  }
  return entries;
}

/** `https://App.example.com:443` → `https://app.example.com`; `undefined` for anything but an origin. */
export function originOf(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  // `http://a.example/path` parses, but it is no origin: refuse it rather than match it loosely.
  const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  const web = url.protocol === 'http:' || url.protocol === 'https:';
  return bare && web && !value.trim().endsWith('#') && !value.trim().endsWith('?') ? url.origin : undefined;
}

/** `API.example.com:443` → `api.example.com:443`; `undefined` for anything but a host. */
export function hostOf(value: string): string | undefined {
  const host = parseHost(value);
  return host && (host.port ? `${host.hostname}:${host.port}` : host.hostname);
}

/** A `Host` value's hostname (lower-cased, IPv6 in brackets) and port; `undefined` when it is not one. */
export function parseHost(value: string): { hostname: string; port: string } | undefined {
  const trimmed = value.trim();
  if (!trimmed || /[\s/?#@\\]/.test(trimmed)) return undefined;
  try {
    const url = new URL(`http://${trimmed}`);
    // `URL` drops a port that is the scheme's default (80); the Host header keeps what the client sent.
    const port = /:(\d+)$/.exec(trimmed)?.[1] ?? '';
    return { hostname: url.hostname, port: port && String(Number(port)) };
  } catch {
    return undefined;
  }
}

function maxRequestBytesOf(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_MAX_REQUEST_BYTES;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new McpConfigurationError(
      `McpModule option "maxRequestBytes" must be a positive whole number of bytes, e.g. 8388608 (8 MiB), ` +
        `got ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

function corsOf(value: unknown, forwardHeaders: Iterable<string>): McpResolvedCors | undefined {
  if (value === undefined || value === null || value === false) return undefined;
  const options = value === true ? {} : value;
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new McpConfigurationError(
      `McpModule option "cors" must be true, false or { allowHeaders?, exposeHeaders?, maxAge? }, got ` +
        `${JSON.stringify(value)}.`,
    );
  }
  const { allowHeaders, exposeHeaders, maxAge, ...unknown } = options as McpCorsOptions;
  if (Object.keys(unknown).length > 0) {
    throw new McpConfigurationError(
      `McpModule option "cors" does not know ${Object.keys(unknown).join(', ')}; it takes allowHeaders, ` +
        'exposeHeaders and maxAge. Its allowed origins are those of the Origin check (allowedOrigins).',
    );
  }
  if (maxAge !== undefined && (typeof maxAge !== 'number' || !Number.isSafeInteger(maxAge) || maxAge < 0)) {
    throw new McpConfigurationError(
      `McpModule option "cors.maxAge" must be a whole number of seconds, got ${JSON.stringify(maxAge)}.`,
    );
  }
  return {
    allowHeaders: headerNames('allowHeaders', [...MCP_REQUEST_HEADERS, ...forwardHeaders], allowHeaders),
    exposeHeaders: headerNames('exposeHeaders', MCP_RESPONSE_HEADERS, exposeHeaders),
    maxAge: maxAge ?? DEFAULT_CORS_MAX_AGE,
  };
}

function headerNames(name: string, defaults: Iterable<string>, extra: unknown): string[] {
  if (
    extra !== undefined &&
    (!Array.isArray(extra) || extra.some((header) => typeof header !== 'string' || !/^[\w-]+$/.test(header)))
  ) {
    throw new McpConfigurationError(
      `McpModule option "cors.${name}" must be an array of header names, e.g. ['x-trace-id'], got ` +
        `${JSON.stringify(extra)}.`,
    );
  }
  return [...new Set([...defaults, ...((extra as string[] | undefined) ?? [])].map((h) => h.toLowerCase()))];
}
