import 'reflect-metadata';
import type { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  ADAPTERS,
  appsPerTest,
  callJson,
  CapturingLogger,
  HeadlessOAuthClient,
  listen,
} from '@nestjs-mcp/testing';
import type { McpModuleExtras, McpModuleOptions } from 'nestjs-mcp';
import { oidcApp, oidcJwtStrategy } from './fixtures/oidc.app.js';
import {
  API_AUDIENCE,
  OIDC_CLIENT_ID,
  OIDC_CLIENT_SECRET,
  OIDC_REDIRECT_URI,
  OIDC_USER,
  startOidcProvider,
  type RunningProvider,
} from './fixtures/oidc.provider.js';

describe.each(ADAPTERS)('the whole OAuth flow on %s', (adapter) => {
  const { track } = appsPerTest(adapter);
  let upstream: RunningProvider;

  beforeAll(async () => {
    upstream = await startOidcProvider();
  });
  afterAll(() => upstream.close());

  const launch = async (
    auth: McpModuleOptions['auth'],
    prefix: string | undefined,
    logger: LoggerService,
    extras: McpModuleExtras = {},
  ) => {
    const httpAdapter = adapter === 'fastify' ? new FastifyAdapter() : new ExpressAdapter();
    const nest = await NestFactory.create(
      oidcApp(oidcJwtStrategy(upstream.issuer, API_AUDIENCE), auth, extras),
      httpAdapter,
      {
        logger,
        abortOnError: false,
      },
    );
    if (prefix) nest.setGlobalPrefix(prefix);
    return track(await listen(nest));
  };

  /** `auth` logging clients in through this app's OAuth proxy at the provider. */
  const proxied = (): McpModuleOptions['auth'] => ({
    issuer: upstream.issuer,
    oauthMetadataUrl: upstream.discoveryUrl,
    setupProxies: true,
    clientId: OIDC_CLIENT_ID,
    clientSecret: OIDC_CLIENT_SECRET,
    scopesSupported: ['widgets:read'],
  });

  /** Connects with `oauth` (refused, then logging in), finishes the login, reconnects and calls a tool. */
  const loginAndCall = async (
    endpoint: URL,
    oauth: HeadlessOAuthClient,
    Transport:
      typeof StreamableHTTPClientTransport | typeof SSEClientTransport = StreamableHTTPClientTransport,
  ) => {
    const first = new Client({ name: 'oauth-test', version: '1.0.0' });
    await expect(first.connect(new Transport(endpoint, { authProvider: oauth }))).rejects.toThrow(
      UnauthorizedError,
    );
    expect(oauth.code).toBeDefined();
    // The code is exchanged at the provider itself; the token is a JWT for the API.
    const transport = new Transport(endpoint, { authProvider: oauth });
    await transport.finishAuth(oauth.code!);
    const token = oauth.saved?.access_token ?? '';
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ iss: upstream.issuer, aud: API_AUDIENCE, sub: OIDC_USER });
    const client = new Client({ name: 'oauth-test', version: '1.0.0' });
    await client.connect(new Transport(endpoint, { authProvider: oauth }));
    try {
      return await callJson(client, 'who_am_i');
    } finally {
      await client.close();
      await first.close();
    }
  };

  describe.each([
    ['without a global prefix', undefined],
    ['with a global prefix', 'api'],
  ])('%s', (_label, prefix) => {
    it("logs in through the proxy at the real provider; the route's passport-jwt guard checks the provider's JWT", async () => {
      const logger = new CapturingLogger();
      const app = await launch(proxied(), prefix, logger);
      const endpoint = new URL(`${app.baseUrl}${prefix ? `/${prefix}` : ''}/mcp`);
      const oauth = new HeadlessOAuthClient(OIDC_REDIRECT_URI);
      expect(await loginAndCall(endpoint, oauth)).toEqual({ id: OIDC_USER });
      // Registration handed out the static client; authorization went through this app to the provider.
      expect(oauth.registered).toMatchObject({
        client_id: OIDC_CLIENT_ID,
        client_secret: OIDC_CLIENT_SECRET,
      });
      const authorize = new URL(oauth.visited[0] ?? '');
      expect(`${authorize.origin}${authorize.pathname}`).toBe(`${app.baseUrl}/oauth/authorize`);
      const atProvider = new URL(oauth.visited[1] ?? '');
      expect(atProvider.origin).toBe(upstream.issuer);
      expect(atProvider.searchParams.get('scope')).toBe('widgets:read openid profile email');
      // Nothing secret in the app's logs (which did log: route mappings at least).
      expect(logger.lines.length).toBeGreaterThan(0);
      const secrets = [OIDC_CLIENT_SECRET, oauth.code!, oauth.saved!.access_token];
      expect(logger.lines.filter((line) => secrets.some((secret) => line.includes(secret)))).toEqual([]);
    });

    it('logs in at the provider announced by customOAuthMetadata, with a client registered beforehand', async () => {
      const app = await launch(
        {
          customOAuthMetadata: {
            issuer: upstream.issuer,
            // A marker only this document has: the client must have read it, not the provider's own metadata.
            authorization_endpoint: `${upstream.issuer}/auth?tenant=custom`,
            token_endpoint: `${upstream.issuer}/token`,
            jwks_uri: `${upstream.issuer}/jwks`,
            response_types_supported: ['code'],
            code_challenge_methods_supported: ['S256'],
            token_endpoint_auth_methods_supported: ['client_secret_post'],
          },
          scopesSupported: ['widgets:read'],
        },
        prefix,
        new CapturingLogger(),
      );
      const endpoint = new URL(`${app.baseUrl}${prefix ? `/${prefix}` : ''}/mcp`);
      const oauth = new HeadlessOAuthClient(OIDC_REDIRECT_URI);
      oauth.registered = { client_id: OIDC_CLIENT_ID, client_secret: OIDC_CLIENT_SECRET };
      expect(await loginAndCall(endpoint, oauth)).toEqual({ id: OIDC_USER });
      const authorize = new URL(oauth.visited[0] ?? '');
      expect(authorize.origin).toBe(upstream.issuer);
      expect(authorize.searchParams.get('tenant')).toBe('custom');
    });
  });

  it('logs in over the legacy SSE transport, whose protected-resource metadata names /sse', async () => {
    const app = await launch(proxied(), 'api', new CapturingLogger(), { sse: true });
    const metadata = await fetch(`${app.baseUrl}/.well-known/oauth-protected-resource/api/sse`);
    expect(await metadata.json()).toMatchObject({ resource: `${app.baseUrl}/api/sse` });
    const oauth = new HeadlessOAuthClient(OIDC_REDIRECT_URI);
    expect(await loginAndCall(new URL(`${app.baseUrl}/api/sse`), oauth, SSEClientTransport)).toEqual({
      id: OIDC_USER,
    });
    // The endpoint keeps its own resource.
    const endpoint = await fetch(`${app.baseUrl}/.well-known/oauth-protected-resource/api/mcp`);
    expect(await endpoint.json()).toMatchObject({ resource: `${app.baseUrl}/api/mcp` });
  });
});
