import type { IncomingMessage, ServerResponse } from 'node:http';
import { JsonRpcErrorCode, writeJsonRpcError } from '../protocol/json-rpc.js';
import { firstHeaderValue, type HttpRefusal } from './content-negotiation.js';
import { originOf, parseHost, type McpResolvedSecurity } from './security.options.js';

/**
 * DNS-rebinding protection (the MCP transport spec's MUST): a web page whose host name an attacker points
 * at 127.0.0.1 can make the visitor's browser call a local MCP server. Such requests carry the page's
 * `Origin` and its `Host`; both are checked against loopback names and the configured lists. Written here
 * rather than taken from the SDK's `validateOriginHeader`/`validateHostHeader`, which match host names
 * only: `allowedOrigins` are exact origins (scheme and port included), and the Host check depends on the
 * address the connection came in on, which only the Node request knows.
 */

const LOOPBACK_NAMES: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether a socket address is a loopback one (IPv4-mapped IPv6 included). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const ipv4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return ipv4.startsWith('127.') || address === '::1';
}

/** Whether an `Origin` is a loopback one: http or https on localhost, 127.0.0.1 or [::1], any port. */
function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_NAMES.has(url.hostname);
  } catch {
    return false;
  }
}

/** The 403 for a request whose `Origin` is neither absent, loopback nor listed in `allowedOrigins`. */
export function originRefusal(req: IncomingMessage, security: McpResolvedSecurity): HttpRefusal | undefined {
  const origin = firstHeaderValue(req, 'origin');
  if (origin === undefined || origin === '' || security.allowedOrigins === '*') return undefined;
  if (isLoopbackOrigin(origin)) return undefined;
  const normalized = originOf(origin);
  if (normalized !== undefined && security.allowedOrigins.has(normalized)) return undefined;
  const hint = normalized
    ? `add it to the McpModule option allowedOrigins, e.g. allowedOrigins: ['${normalized}']`
    : 'send a web origin (scheme://host[:port])';
  return forbidden(
    `Forbidden: Origin ${origin} may not use this MCP endpoint (DNS-rebinding protection allows loopback ` +
      `origins and those listed in allowedOrigins). If it is your web client, ${hint}.`,
  );
}

/**
 * The 403 for a `Host` that is not allowed: on a connection to a loopback address only loopback names are
 * (plus `allowedHosts`); once `allowedHosts` lists names, they and loopback names are the only ones on
 * every connection. An entry without a port matches any port. A request without `Host` (HTTP/1.0) is no
 * browser's and passes.
 */
export function hostRefusal(req: IncomingMessage, security: McpResolvedSecurity): HttpRefusal | undefined {
  const allowed = security.allowedHosts;
  if (allowed === '*') return undefined;
  const loopback = isLoopbackAddress(req.socket?.localAddress);
  if (allowed.size === 0 && !loopback) return undefined;
  const value = firstHeaderValue(req, 'host');
  if (value === undefined) return undefined;
  const host = parsedHost(value);
  if (
    host &&
    (LOOPBACK_NAMES.has(host.hostname) ||
      allowed.has(host.hostname) ||
      (host.port !== '' && allowed.has(`${host.hostname}:${host.port}`)))
  ) {
    return undefined;
  }
  const where = loopback
    ? 'this server is reached on a loopback address, where DNS-rebinding protection allows only localhost, ' +
      '127.0.0.1, [::1] and the names listed in allowedHosts'
    : 'it is not listed in the McpModule option allowedHosts';
  const name = host?.hostname ?? value;
  return forbidden(
    `Forbidden: Host ${value} may not use this MCP endpoint: ${where}. If clients reach this server by that ` +
      `name (e.g. behind a proxy), add it to the McpModule option allowedHosts, e.g. allowedHosts: ['${name}'].`,
  );
}

/**
 * Parsed `Host` values, for the check on every request (made twice: at the edge and in the handler) without
 * a `URL` parse each time. Clients send the same few values; the map is bounded, as the value is the
 * client's to choose.
 */
const parsedHosts = new Map<string, ReturnType<typeof parseHost> | null>();
const PARSED_HOSTS_MAX = 64;

function parsedHost(value: string): ReturnType<typeof parseHost> {
  let host = parsedHosts.get(value);
  if (host === undefined) {
    if (parsedHosts.size >= PARSED_HOSTS_MAX) parsedHosts.clear();
    host = parseHost(value) ?? null;
    parsedHosts.set(value, host);
  }
  return host ?? undefined;
}

/** The Origin check, then the Host check. */
export function foreignRequestRefusal(
  req: IncomingMessage,
  security: McpResolvedSecurity,
): HttpRefusal | undefined {
  return originRefusal(req, security) ?? hostRefusal(req, security);
}

/**
 * Answers a request from a foreign `Origin` or to a foreign `Host` with a 403 JSON-RPC error; returns
 * whether it answered. Every route of an MCP transport calls it first (the endpoint's own routes get it
 * before body parsing, guards and middleware, see `EndpointEdge`; calling it again is harmless).
 */
export function refuseForeignRequest(
  req: IncomingMessage,
  res: ServerResponse,
  security: McpResolvedSecurity,
): boolean {
  const refusal = foreignRequestRefusal(req, security);
  if (!refusal) return false;
  writeJsonRpcError(res, refusal.status, refusal.code, refusal.message);
  return true;
}

function forbidden(message: string): HttpRefusal {
  return { status: 403, code: JsonRpcErrorCode.ServerError, message };
}
