import { createHash } from 'node:crypto';

/**
 * Who a session belongs to, from the `Authorization` header of a request the endpoint's auth guards accepted:
 * for a JWT bearer token its issuer and subject, so that a renewed token of the same user keeps the session
 * (2025-era SDK clients keep sending the old session id after a refresh and never re-initialize); for other
 * credentials the whole header. Hashed either way: never the token itself. Only sound where the guards verify
 * the token on every request, as `auth.guards` do.
 */
export function sessionOwner(authorization: string | string[] | undefined): string {
  const header = Array.isArray(authorization) ? authorization.join(',') : (authorization ?? '');
  const subject = jwtSubject(header);
  return createHash('sha256')
    .update(subject ? `jwt ${subject}` : `header ${header}`)
    .digest('base64url');
}

/** `iss` and `sub` of a `Bearer` JWT, or `undefined` when the header holds no JWT with a subject. */
function jwtSubject(header: string): string | undefined {
  const match = /^bearer\s+([\w-]+)\.([\w-]+)\.([\w-]*)$/i.exec(header.trim());
  if (!match) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(match[2], 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof claims.sub !== 'string' || claims.sub === '') return undefined;
    return JSON.stringify([typeof claims.iss === 'string' ? claims.iss : '', claims.sub]);
  } catch {
    return undefined;
  }
}
