import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { Injectable, type Type } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';

import type { TokenUser } from '../auth/jwt.strategy.js';
import type { ProviderKeys } from './oauth-config.js';

type Jwk = JsonWebKey & { kid?: string };

/**
 * The provider's public keys as PEM by key id. Fetched on first use and again when a token names a key id
 * not seen yet (the provider rotated its keys); a failed fetch is retried on the next token.
 */
function jwksKeys(jwksUri: string): (kid: string | undefined) => Promise<string> {
  let keys: Promise<Map<string | undefined, string>> | undefined;
  const load = () =>
    fetch(jwksUri, { signal: AbortSignal.timeout(10_000) })
      .then((response) => response.json() as Promise<{ keys: Jwk[] }>)
      .then(
        ({ keys: jwks }) =>
          new Map(
            jwks
              .filter((jwk) => jwk.kty === 'RSA' || jwk.kty === 'EC')
              .map((jwk) => [
                jwk.kid,
                createPublicKey({ key: jwk, format: 'jwk' })
                  .export({ type: 'spki', format: 'pem' })
                  .toString(),
              ]),
          ),
      );
  return async (kid) => {
    keys ??= load();
    let known = await keys.catch((error: unknown) => {
      keys = undefined;
      throw error;
    });
    if (!known.has(kid)) {
      keys = load();
      known = await keys;
    }
    const key = known.get(kid);
    if (!key) throw new Error(`no key ${kid} in ${jwksUri}`);
    return key;
  };
}

/**
 * The app's `jwt` strategy for an OpenID provider: asymmetric access tokens checked against the provider's
 * JWKS, with issuer and audience verified, as an app using Auth0 or Keycloak does. `req.user` gets the
 * token's subject, as in the token-passthrough example, so `GET /me` works with either.
 */
export function providerJwtStrategy(keys: ProviderKeys, audience: string): Type {
  const keyFor = jwksKeys(keys.jwksUri);
  @Injectable()
  class ProviderJwtStrategy extends PassportStrategy(Strategy, 'jwt') {
    constructor() {
      super({
        jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
        issuer: keys.tokenIssuer,
        audience,
        algorithms: ['RS256', 'PS256', 'ES256'],
        secretOrKeyProvider: (
          _request: unknown,
          rawJwt: string,
          done: (error: unknown, key?: string) => void,
        ) => {
          let kid: string | undefined;
          try {
            kid = JSON.parse(Buffer.from(rawJwt.split('.')[0] ?? '', 'base64url').toString('utf8')).kid;
          } catch {
            return done(new Error('malformed token header'));
          }
          keyFor(kid).then(
            (key) => done(null, key),
            (error: unknown) => done(error),
          );
        },
      });
    }

    validate(payload: { sub: string }): TokenUser {
      return { subject: payload.sub };
    }
  }
  return ProviderJwtStrategy;
}
