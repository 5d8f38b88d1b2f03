import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { ADAPTERS, callJson } from '@nestjs-mcp/testing';
import { withMcpRemote } from './fixtures/mcp-remote.js';
import { oidcApp, oidcJwtStrategy } from './fixtures/oidc.app.js';
import {
  API_AUDIENCE,
  OIDC_CLIENT_ID,
  OIDC_USER,
  startOidcProvider,
  type RunningProvider,
} from './fixtures/oidc.provider.js';

/**
 * The README's advice for clients that check the issuer (mcp-remote 0.15, RFC 8414 §3.3): serve
 * `customOAuthMetadata` with this app's origin as `issuer` and the provider's endpoints, and turn the
 * provider's RFC 9207 `iss` redirect parameter off. mcp-remote then logs in at the provider through the
 * metadata this app serves, with the pre-registered client, and calls a tool. Driven as in
 * auth-mcp-remote.e2e-spec.ts (a script stands in for the browser). Either half of the advice is needed:
 * with the provider's `issuer` in the metadata mcp-remote stops with `IssuerMismatchError` (RFC 8414 §3.3),
 * and with the provider's `iss` left in the redirect it stops with `IssuerMismatchError` (RFC 9207).
 */
const SLOW = 240_000;

/**
 * Its own fixed callback port, listed with the provider: auth-mcp-remote.e2e-spec.ts uses
 * MCP_REMOTE_CALLBACK_PORT and may run at the same time in another Jest worker.
 */
const CALLBACK_PORT = 47614;
const REDIRECT_URI = `http://127.0.0.1:${CALLBACK_PORT}/oauth/callback`;

/** A loopback port free right now: the app's origin must be known before the module is built. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.each(ADAPTERS)('mcp-remote with customOAuthMetadata naming this app as issuer on %s', (adapter) => {
  let upstream: RunningProvider;
  let scratch: string;

  beforeAll(async () => {
    upstream = await startOidcProvider([REDIRECT_URI], { issInRedirect: false });
  });
  afterAll(() => upstream.close());
  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'mcp-remote-custom-'));
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  it(
    "logs in at the provider through the served metadata, then a tool call reaches the route's passport-jwt guard",
    async () => {
      const port = await freePort();
      const origin = `http://127.0.0.1:${port}`;
      const nest = await NestFactory.create(
        oidcApp(oidcJwtStrategy(upstream.issuer, API_AUDIENCE), {
          customOAuthMetadata: {
            issuer: origin,
            authorization_endpoint: `${upstream.issuer}/auth`,
            token_endpoint: `${upstream.issuer}/token`,
            jwks_uri: `${upstream.issuer}/jwks`,
            response_types_supported: ['code'],
            code_challenge_methods_supported: ['S256'],
            token_endpoint_auth_methods_supported: ['client_secret_post'],
          },
          scopesSupported: ['widgets:read'],
        }),
        adapter === 'fastify' ? new FastifyAdapter() : new ExpressAdapter(),
        { logger: false, abortOnError: false },
      );
      await nest.listen(port, '127.0.0.1');
      const endpoint = `${origin}/mcp`;
      const browserLog = join(scratch, 'browser.log');
      try {
        await withMcpRemote(
          { endpoint, callbackPort: CALLBACK_PORT, scratch, browserLog },
          async (client) => {
            expect(await callJson(client, 'who_am_i')).toEqual({ id: OIDC_USER });
          },
        );
      } finally {
        await nest.close();
      }
      // The metadata this app served sent the browser to the provider's authorization endpoint.
      const visited = readFileSync(browserLog, 'utf8').trim().split('\n');
      const authorize = new URL(visited[0] ?? '');
      expect(`${authorize.origin}${authorize.pathname}`).toBe(`${upstream.issuer}/auth`);
      expect(authorize.searchParams.get('client_id')).toBe(OIDC_CLIENT_ID);
      expect(visited.some((url) => url.startsWith(`${REDIRECT_URI}?code=`))).toBe(true);
      // mcp-remote read this app's metadata: the provider's own discovery document was never asked for.
      expect(upstream.hits.get('/.well-known/openid-configuration') ?? 0).toBe(0);
      expect(upstream.hits.get('/.well-known/oauth-authorization-server') ?? 0).toBe(0);
    },
    SLOW,
  );
});
