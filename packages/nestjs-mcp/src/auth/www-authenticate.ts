import type { McpResolvedAuth } from './auth.options.js';

/** RFC 9728's well-known prefix of protected-resource metadata. */
export const PROTECTED_RESOURCE_WELL_KNOWN = '/.well-known/oauth-protected-resource';

/** What an Express or Fastify request says about where it was sent. */
interface RequestLike {
  readonly headers?: Record<string, string | string[] | undefined>;
  /** Express and Fastify: `https` when the connection (or a trusted proxy) says so. */
  readonly protocol?: string;
  /** Express 5 and Fastify 5: `Host` with its port (`X-Forwarded-Host` when the app trusts proxies). */
  readonly host?: string;
}

/**
 * `http://host:port` as the client addressed this app. It comes from the request's `Host` header, which
 * the client chooses: `auth.resourceUrl` pins the URLs announced to clients instead.
 */
export function requestOrigin(request: unknown): string {
  const req = request as RequestLike;
  const protocol = req.protocol === 'https' ? 'https' : 'http';
  const header = req.headers?.host;
  const host =
    typeof req.host === 'string' && req.host ? req.host : Array.isArray(header) ? header[0] : header;
  return parsedOrigin(`${protocol}://${host ?? 'localhost'}`) ?? `${protocol}://localhost`;
}

/**
 * The origin of a URL built from a client's `Host`, or undefined when it is not a host at all (`a b`,
 * `x:99999`). Userinfo (`x@evil.example`) is dropped, so every URL announced from it agrees.
 */
function parsedOrigin(candidate: string): string | undefined {
  try {
    return new URL(candidate).origin;
  } catch {
    return undefined;
  }
}

/** The path (without query) an Express or Fastify request was sent to, global prefix included. */
export function requestPath(request: unknown): string {
  const req = request as { originalUrl?: string; url?: string; raw?: { url?: string } };
  const url = req.originalUrl ?? req.raw?.url ?? req.url ?? '';
  return url.split('?', 1)[0] ?? '';
}

/** The canonical URL of the MCP endpoint served at `endpointPath`: `resourceUrl`, else from the request. */
export function resourceUrlOf(auth: McpResolvedAuth, request: unknown, endpointPath: string): string {
  return auth.resourceUrl ?? `${requestOrigin(request)}${endpointPath}`;
}

/** RFC 9728 §3.1: the well-known segment goes between the resource's origin and its path. */
export function protectedResourceMetadataUrl(resource: string): string {
  const url = new URL(resource);
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/+$/, '');
  return `${url.origin}${PROTECTED_RESOURCE_WELL_KNOWN}${path}`;
}

/** The details of one refused MCP request. */
export interface Challenge {
  readonly status: 401 | 403;
  /** The request carried credentials (an `Authorization` header) that were refused. */
  readonly credentialsSent: boolean;
  readonly resourceMetadataUrl: string;
  readonly scopes?: readonly string[];
}

/**
 * `WWW-Authenticate` for a refused request (RFC 6750, RFC 9728 §5.1, MCP authorization): where the
 * protected-resource metadata is, which scopes to ask for, and why a sent token was not enough.
 */
export function wwwAuthenticate(challenge: Challenge): string {
  const params = [`resource_metadata="${quoted(challenge.resourceMetadataUrl)}"`];
  if (challenge.scopes?.length) params.push(`scope="${quoted(challenge.scopes.join(' '))}"`);
  if (challenge.status === 401 && challenge.credentialsSent) params.push('error="invalid_token"');
  if (challenge.status === 403 && challenge.scopes?.length) params.push('error="insufficient_scope"');
  return `Bearer ${params.join(', ')}`;
}

function quoted(value: string): string {
  return value.replace(/["\\]/g, (character) => `\\${character}`);
}
