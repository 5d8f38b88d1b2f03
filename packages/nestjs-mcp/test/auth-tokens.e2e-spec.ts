import 'reflect-metadata';
import { jest } from '@jest/globals';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import jwt from 'jsonwebtoken';
import { ADAPTERS, CapturingLogger, listen, type RunningApp } from '@nestjs-mcp/testing';
import { post } from './fixtures/auth.requests.js';
import { oidcApp, oidcJwtStrategy } from './fixtures/oidc.app.js';
import {
  API_AUDIENCE,
  OIDC_CLIENT_ID,
  OIDC_CLIENT_SECRET,
  startOidcProvider,
  type RunningProvider,
} from './fixtures/oidc.provider.js';

/**
 * The provider's signing key, held by the test too: tokens signed with it carry a signature the provider's
 * published JWKS verifies, so a wrong `aud`, `iss` or `exp` is the only thing that can make the app refuse them.
 */
const KID = `test-${randomUUID()}`;
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PROVIDER_JWK = { ...privateKey.export({ format: 'jwk' }), kid: KID, alg: 'RS256', use: 'sig' };
const PRIVATE_PEM = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
/** A key the provider never published: proves only the signature check. */
const STRANGER_PEM = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ format: 'pem', type: 'pkcs8' })
  .toString();

/** Seconds since the epoch, as JWT time claims count. */
const now = () => Math.floor(Date.now() / 1000);

describe.each(ADAPTERS)('provider-signed tokens at the guarded endpoint on %s', (adapter) => {
  let upstream: RunningProvider;
  /** An access token as the provider issues them, signed with its key; `claims` override the good ones. */
  const sign = (claims: Record<string, unknown> = {}, key = PRIVATE_PEM) =>
    jwt.sign(
      {
        iss: upstream.issuer,
        aud: API_AUDIENCE,
        sub: 'alice',
        iat: now() - 10,
        exp: now() + 300,
        scope: 'widgets:read',
        ...claims,
      },
      key,
      { algorithm: 'RS256', keyid: KID },
    );

  beforeAll(async () => {
    upstream = await startOidcProvider(undefined, { jwks: { keys: [PROVIDER_JWK] } });
  });
  afterAll(() => upstream.close());

  describe.each([
    ['without a global prefix', undefined],
    ['with a global prefix', 'api'],
  ])('%s', (_label, prefix) => {
    const logger = new CapturingLogger();
    let app: RunningApp;
    const endpoint = prefix ? `/${prefix}/mcp` : '/mcp';
    const challenge = () =>
      `Bearer resource_metadata="${app.baseUrl}/.well-known/oauth-protected-resource${endpoint}"`;

    beforeAll(async () => {
      const nest = await NestFactory.create(
        oidcApp(oidcJwtStrategy(upstream.issuer, API_AUDIENCE), {
          // The proxy's client secret is in the configuration, so a leak into the logs would show.
          issuer: upstream.issuer,
          oauthMetadataUrl: upstream.discoveryUrl,
          setupProxies: true,
          clientId: OIDC_CLIENT_ID,
          clientSecret: OIDC_CLIENT_SECRET,
        }),
        adapter === 'fastify' ? new FastifyAdapter() : new ExpressAdapter(),
        { logger, abortOnError: false },
      );
      if (prefix) nest.setGlobalPrefix(prefix);
      app = await listen(nest);
    });
    afterAll(() => app.close());

    it('uses the key the test holds: the provider publishes it', async () => {
      const published = (await (await fetch(`${upstream.issuer}/jwks`)).json()) as {
        keys: Array<{ kid: string }>;
      };
      expect(published.keys.map((key) => key.kid)).toEqual([KID]);
    });

    it('accepts a correctly-claimed token signed with the provider key', async () => {
      const response = await post(`${app.baseUrl}${endpoint}`, { authorization: `Bearer ${sign()}` });
      expect(response.status).toBe(200);
      // The route's own passport-jwt guard accepts it too: the guarded tool is listed.
      const { result } = response.message() as { result: { tools: Array<{ name: string }> } };
      expect(result.tools.map((tool) => tool.name)).toContain('who_am_i');
    });

    it('answers a request without a token with 401 and the challenge, without error="invalid_token"', async () => {
      const response = await post(`${app.baseUrl}${endpoint}`);
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe(challenge());
      expect(JSON.parse(response.text)).toMatchObject({ statusCode: 401 });
    });

    const refused: Array<[string, () => string]> = [
      ['a malformed token', () => 'not.a.jwt'],
      ['an expired token', () => sign({ iat: now() - 600, exp: now() - 60 })],
      ['a wrong-audience token', () => sign({ aud: 'https://other.example.com/api' })],
      ['a wrong-issuer token', () => sign({ iss: 'https://other-issuer.example.com' })],
      ['a token signed with a key the provider never published', () => sign({}, STRANGER_PEM)],
    ];

    it.each(refused)(
      'answers %s with 401, error="invalid_token" and the metadata URL',
      async (_kind, token) => {
        const response = await post(`${app.baseUrl}${endpoint}`, { authorization: `Bearer ${token()}` });
        expect(response.status).toBe(401);
        expect(response.headers['www-authenticate']).toBe(`${challenge()}, error="invalid_token"`);
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        expect(JSON.parse(response.text)).toMatchObject({ statusCode: 401 });
      },
    );

    it('logs no token, key or client secret while refusing them (Nest logger and console)', async () => {
      const consoleLines: string[] = [];
      const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
        jest.spyOn(console, level).mockImplementation((...parts: unknown[]) => {
          consoleLines.push(parts.map(String).join(' '));
        }),
      );
      const tokens = [...refused.map(([, token]) => token()), sign()];
      try {
        for (const token of tokens)
          await post(`${app.baseUrl}${endpoint}`, { authorization: `Bearer ${token}` });
      } finally {
        for (const spy of spies) spy.mockRestore();
      }
      // The logger did capture the app's lines (route mappings at least).
      expect(logger.lines.length).toBeGreaterThan(0);
      const secrets = [
        OIDC_CLIENT_SECRET,
        String(PROVIDER_JWK.d),
        ...tokens,
        // A log line that cut the token would still leak its signature.
        ...tokens.map((token) => token.split('.')[2] ?? token).filter((part) => part.length > 20),
      ];
      const leaks = [...logger.lines, ...consoleLines].filter((line) =>
        secrets.some((secret) => line.includes(secret)),
      );
      expect(leaks).toEqual([]);
    });
  });
});
