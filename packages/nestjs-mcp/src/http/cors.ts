import type { IncomingMessage, ServerResponse } from 'node:http';
import { firstHeaderValue } from './content-negotiation.js';
import type { McpResolvedCors } from './security.options.js';

/** Methods of the MCP transports over HTTP (GET and DELETE for stateful sessions). */
const ALLOWED_METHODS = 'GET, POST, DELETE';

/**
 * CORS for browser-based MCP clients, for a request whose `Origin` passed the Origin check (so the origins
 * CORS allows are exactly those the check allows). Sets the headers on the Node response before anything
 * answers, so they are on every answer: the result, a 401 from `auth`, a 4xx from the endpoint's edge.
 * Answers a preflight (204) itself and returns true; otherwise returns false.
 */
export function answeredCors(req: IncomingMessage, res: ServerResponse, cors: McpResolvedCors): boolean {
  // Caches must keep answers to different origins apart, also the ones without CORS headers.
  res.setHeader('vary', withVary(res.getHeader('vary'), 'Origin'));
  const origin = firstHeaderValue(req, 'origin');
  if (!origin) return false;
  res.setHeader('access-control-allow-origin', origin);
  if (!isPreflight(req)) {
    res.setHeader('access-control-expose-headers', cors.exposeHeaders.join(', '));
    return false;
  }
  res.writeHead(204, {
    'access-control-allow-methods': ALLOWED_METHODS,
    'access-control-allow-headers': cors.allowHeaders.join(', '),
    'access-control-max-age': String(cors.maxAge),
    'content-length': '0',
  });
  res.end();
  return true;
}

/** A CORS preflight: OPTIONS naming the method the browser wants to send. */
export function isPreflight(req: IncomingMessage): boolean {
  return req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
}

function withVary(current: ReturnType<ServerResponse['getHeader']>, name: string): string {
  const values = String(current ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);
  return values.some((value) => value.toLowerCase() === name.toLowerCase() || value === '*')
    ? values.join(', ')
    : [...values, name].join(', ');
}
