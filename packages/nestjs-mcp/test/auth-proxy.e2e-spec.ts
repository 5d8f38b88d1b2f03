import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { discoverAuthorizationServerMetadata } from '@modelcontextprotocol/sdk/client/auth.js';
import { ADAPTERS, appsPerTest, rawRequest } from '@nestjs-mcp/testing';
import type { McpModuleOptions } from 'nestjs-mcp';
import { authApp, ENDPOINT_GUARDS } from './fixtures/auth.app.js';
import {
  OIDC_CLIENT_ID,
  OIDC_CLIENT_SECRET,
  OIDC_REDIRECT_URI,
  startOidcProvider,
  type RunningProvider,
} from './fixtures/oidc.provider.js';

/** A PKCE S256 challenge has 43 characters. */
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
const get = (url: string) => rawRequest(url, { method: 'GET' });
const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe.each(ADAPTERS)('OAuth proxy on %s', (adapter) => {
  const { start } = appsPerTest(adapter);
  let upstream: RunningProvider;

  beforeAll(async () => {
    upstream = await startOidcProvider();
  });
  afterAll(() => upstream.close());

  const proxied = (extra: McpModuleOptions['auth'] = {}): McpModuleOptions => ({
    auth: {
      guards: ENDPOINT_GUARDS,
      issuer: upstream.issuer,
      oauthMetadataUrl: upstream.discoveryUrl,
      setupProxies: true,
      clientId: OIDC_CLIENT_ID,
      clientSecret: OIDC_CLIENT_SECRET,
      audience: 'https://api.example.com',
      ...extra,
    },
  });

  describe.each([
    ['without a global prefix', undefined],
    ['with a global prefix', 'api'],
  ])('%s', (_label, prefix) => {
    const endpoint = prefix ? `/${prefix}/mcp` : '/mcp';
    const launch = (options: McpModuleOptions) =>
      start(authApp(options), (app: INestApplication) => {
        if (prefix) app.setGlobalPrefix(prefix);
      });

    it("serves the provider's metadata rewritten to this app's endpoints, fetched once", async () => {
      const app = await launch(proxied());
      const before = upstream.hits.get('/.well-known/openid-configuration') ?? 0;
      const original = JSON.parse((await get(upstream.discoveryUrl)).text);
      const responses = await Promise.all(
        [1, 2, 3].map(() => get(`${app.baseUrl}/.well-known/oauth-authorization-server`)),
      );
      await get(`${app.baseUrl}/.well-known/oauth-authorization-server`);
      for (const response of responses) {
        expect(response.status).toBe(200);
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        const { authorization_response_iss_parameter_supported: issSupported, ...kept } = original;
        expect(issSupported).toBe(true);
        expect(JSON.parse(response.text)).toEqual({
          ...kept,
          issuer: app.baseUrl,
          authorization_endpoint: `${app.baseUrl}/oauth/authorize`,
          registration_endpoint: `${app.baseUrl}/oauth/register`,
        });
      }
      expect(original.token_endpoint).toBe(`${upstream.issuer}/token`);
      // One fetch by this test, one by the app for four requests.
      expect((upstream.hits.get('/.well-known/openid-configuration') ?? 0) - before).toBe(2);
      // What a client finds from this app's origin, and where the protected-resource metadata sends it.
      const resource = JSON.parse(
        (await get(`${app.baseUrl}/.well-known/oauth-protected-resource${endpoint}`)).text,
      );
      expect(resource.authorization_servers).toEqual([app.baseUrl]);
      const discovered = await discoverAuthorizationServerMetadata(app.baseUrl);
      expect(discovered?.authorization_endpoint).toBe(`${app.baseUrl}/oauth/authorize`);
      if (prefix) {
        expect((await get(`${app.baseUrl}/${prefix}/.well-known/oauth-authorization-server`)).status).toBe(
          404,
        );
        expect((await get(`${app.baseUrl}/${prefix}/oauth/authorize`)).status).toBe(404);
      }
    });

    it('redirects /oauth/authorize to the provider with the default scope, audience and client id', async () => {
      const app = await launch(proxied());
      const response = await get(
        `${app.baseUrl}/oauth/authorize?response_type=code&state=st-1&code_challenge=${CHALLENGE}&` +
          `code_challenge_method=S256&redirect_uri=${encodeURIComponent(OIDC_REDIRECT_URI)}&` +
          `resource=${encodeURIComponent(`${app.baseUrl}${endpoint}`)}`,
      );
      expect(response.status).toBe(302);
      const location = new URL(String(response.headers.location));
      expect(`${location.origin}${location.pathname}`).toBe(`${upstream.issuer}/auth`);
      expect(Object.fromEntries(location.searchParams)).toEqual({
        response_type: 'code',
        state: 'st-1',
        code_challenge: CHALLENGE,
        code_challenge_method: 'S256',
        redirect_uri: OIDC_REDIRECT_URI,
        resource: `${app.baseUrl}${endpoint}`,
        scope: 'openid profile email',
        client_id: OIDC_CLIENT_ID,
        audience: 'https://api.example.com',
      });
      // The real provider accepts the request: it starts its login interaction instead of redirecting an error.
      const followed = await fetch(location, { redirect: 'manual' });
      expect(followed.status).toBe(303);
      expect(followed.headers.get('location')).toMatch(/^\/interaction\//);
    });

    it('merges the default scopes into the requested ones and leaves absent or empty values out', async () => {
      const app = await launch(proxied({ audience: undefined, defaultScope: 'openid email' }));
      const response = await get(
        `${app.baseUrl}/oauth/authorize?scope=widgets:read%20openid&state=&client_id=other`,
      );
      const location = new URL(String(response.headers.location));
      expect(Object.fromEntries(location.searchParams)).toEqual({
        scope: 'widgets:read openid email',
        client_id: 'other',
        response_type: 'code',
      });
      expect(location.search).not.toMatch(/undefined|None|=&|=$/);
    });

    it('hands out the pre-registered client with 201 and refuses bad redirect URIs (RFC 7591)', async () => {
      const app = await launch(proxied());
      const registered = await rawRequest(
        `${app.baseUrl}/oauth/register`,
        json({ redirect_uris: [OIDC_REDIRECT_URI, 'https://app.example.com/cb'], client_name: 'Claude' }),
      );
      expect(registered.status).toBe(201);
      const body = JSON.parse(registered.text);
      expect(body).toEqual({
        client_id: OIDC_CLIENT_ID,
        client_secret: OIDC_CLIENT_SECRET,
        client_id_issued_at: expect.any(Number),
        client_secret_expires_at: 0,
        redirect_uris: [OIDC_REDIRECT_URI, 'https://app.example.com/cb'],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
        client_name: 'Claude',
      });
      expect(Math.abs(body.client_id_issued_at - Date.now() / 1000)).toBeLessThan(60);
      for (const [metadata, error] of [
        [{}, 'invalid_redirect_uri'],
        [{ redirect_uris: [] }, 'invalid_redirect_uri'],
        [{ redirect_uris: ['http://evil.example/cb'] }, 'invalid_redirect_uri'],
        [{ redirect_uris: ['not a url'] }, 'invalid_redirect_uri'],
        [['x'], 'invalid_client_metadata'],
      ] as const) {
        const refused = await rawRequest(`${app.baseUrl}/oauth/register`, json(metadata));
        expect([metadata, refused.status]).toEqual([metadata, 400]);
        expect(JSON.parse(refused.text)).toEqual({ error, error_description: expect.any(String) });
      }
    });

    it('serves customOAuthMetadata as given, without the proxy endpoints', async () => {
      const metadata = {
        issuer: upstream.issuer,
        authorization_endpoint: `${upstream.issuer}/auth`,
        token_endpoint: `${upstream.issuer}/token`,
        registration_endpoint: undefined,
        scopes_supported: ['openid', 'widgets:read'],
        x_vendor: { tier: 'gold' },
      };
      const app = await launch({ auth: { guards: ENDPOINT_GUARDS, customOAuthMetadata: metadata } });
      const response = await get(`${app.baseUrl}/.well-known/oauth-authorization-server`);
      expect(response.status).toBe(200);
      const { registration_endpoint: _unset, ...given } = metadata;
      expect(JSON.parse(response.text)).toEqual(given);
      expect(response.text).not.toContain('registration_endpoint');
      const resource = JSON.parse(
        (await get(`${app.baseUrl}/.well-known/oauth-protected-resource${endpoint}`)).text,
      );
      expect(resource.authorization_servers).toEqual([app.baseUrl]);
      expect((await get(`${app.baseUrl}/oauth/authorize`)).status).toBe(404);
    });
  });

  it('answers 502 with a JSON error naming the upstream URL when the provider is down', async () => {
    const down = await startOidcProvider();
    await down.close();
    const app = await start(authApp(proxied({ oauthMetadataUrl: down.discoveryUrl })));
    for (const path of ['/.well-known/oauth-authorization-server', '/oauth/authorize?state=s']) {
      const response = await get(`${app.baseUrl}${path}`);
      expect([path, response.status]).toEqual([path, 502]);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      const body = JSON.parse(response.text);
      expect(body).toMatchObject({ statusCode: 502, upstream: down.discoveryUrl });
      expect(body.message).toContain(down.discoveryUrl);
    }
  });

  it('reads the default metadata URL (issuer + RFC 8414 path), and reports its 404 as 502 without keeping it', async () => {
    const path = '/.well-known/oauth-authorization-server';
    const before = upstream.hits.get(path) ?? 0;
    const app = await start(authApp(proxied({ oauthMetadataUrl: undefined, issuer: `${upstream.issuer}/` })));
    const served = await get(`${app.baseUrl}${path}`);
    expect(served.status).toBe(200);
    expect(JSON.parse(served.text).token_endpoint).toBe(`${upstream.issuer}/token`);
    expect(upstream.hits.get(path)! - before).toBe(1);

    const elsewhere = await start(
      authApp(proxied({ oauthMetadataUrl: undefined, issuer: `${upstream.issuer}/tenant` })),
    );
    const tenantPath = `/tenant${path}`;
    const failedBefore = upstream.hits.get(tenantPath) ?? 0;
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await get(`${elsewhere.baseUrl}${path}`);
      expect(response.status).toBe(502);
      expect(JSON.parse(response.text).message).toBe(
        `Could not read the OAuth provider's metadata at ${upstream.issuer}${tenantPath}: HTTP 404`,
      );
    }
    // A failure is not kept: each request tries the provider again.
    expect(upstream.hits.get(tenantPath)! - failedBefore).toBe(2);
  });

  it("points to resourceUrl's origin whatever Host the client sends", async () => {
    const app = await start(authApp(proxied({ resourceUrl: 'https://mcp.example.com/tools/mcp' })));
    const headers = { host: 'evil.example' };
    const metadata = await rawRequest(`${app.baseUrl}/.well-known/oauth-authorization-server`, {
      method: 'GET',
      headers,
    });
    expect(JSON.parse(metadata.text)).toMatchObject({
      authorization_endpoint: 'https://mcp.example.com/oauth/authorize',
      registration_endpoint: 'https://mcp.example.com/oauth/register',
    });
    const resource = await rawRequest(`${app.baseUrl}/.well-known/oauth-protected-resource/mcp`, {
      method: 'GET',
      headers,
    });
    expect(JSON.parse(resource.text).authorization_servers).toEqual(['https://mcp.example.com']);
  });

  it('leaves registration to the provider with setupFakeDynamicRegistration: false', async () => {
    const app = await start(authApp(proxied({ setupFakeDynamicRegistration: false })));
    const metadata = JSON.parse((await get(`${app.baseUrl}/.well-known/oauth-authorization-server`)).text);
    expect(metadata.authorization_endpoint).toBe(`${app.baseUrl}/oauth/authorize`);
    expect(metadata.registration_endpoint).toBeUndefined();
    expect(
      (await rawRequest(`${app.baseUrl}/oauth/register`, json({ redirect_uris: [OIDC_REDIRECT_URI] })))
        .status,
    ).toBe(404);
  });
});
