import { McpConfigurationError } from '../mcp.errors.js';

/** The Fetch standard's "bad ports" (https://fetch.spec.whatwg.org/#port-blocking): fetch fails on them. */
const BLOCKED_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104,
  109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515,
  526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049,
  3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/**
 * Checks the `baseUrl` option and returns it as the dispatcher prepends it to route paths: an absolute
 * `http:` or `https:` URL without query, fragment or credentials, its trailing slashes dropped
 * (`https://api.internal:8443/prefix/` → `https://api.internal:8443/prefix`). Unset: `undefined`, and tool
 * calls are dispatched in-process.
 */
export function resolveBaseUrl(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw problem(`got ${JSON.stringify(value)}`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw problem(`got ${JSON.stringify(value)}, which is not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw problem(`got the scheme "${url.protocol.slice(0, -1)}"`);
  }
  // A path keeps `?` and `#` percent-encoded, so any left in the URL start a query or fragment (even empty).
  if (url.href.includes('?') || url.href.includes('#')) {
    throw problem('it must not have a query string or a fragment (each call sets its own query)');
  }
  if (url.username || url.password) {
    throw problem(
      'it must not carry credentials (user:password@): every call would send them, even for callers ' +
        'without credentials of their own. Forward the callers\' headers ("forwardHeaders") instead',
    );
  }
  if (BLOCKED_PORTS.has(Number(url.port))) {
    throw problem(
      `fetch refuses port ${url.port} (the Fetch standard blocks it, as browsers do): serve the API on another port`,
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function problem(what: string): McpConfigurationError {
  return new McpConfigurationError(
    `McpModule option "baseUrl" must be the absolute http(s) URL of the running API, such as ` +
      `"http://localhost:3000" or "https://api.internal:8443/prefix"; ${what}.`,
  );
}

/** `url` without credentials, query or fragment, for messages (they may reach the MCP client). */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(an invalid URL)';
  }
}

/** The resolved `baseUrl` option, as a property to spread into the resolved options (none when unset). */
export function baseUrlOption(value: unknown): { baseUrl?: string } {
  const baseUrl = resolveBaseUrl(value);
  return baseUrl === undefined ? {} : { baseUrl };
}
