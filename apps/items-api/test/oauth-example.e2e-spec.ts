// First: silences oidc-provider's start-up notices, which its import prints.
import './oidc-quiet.js';
import 'reflect-metadata';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  ADAPTERS,
  callJson,
  jsonRpc,
  listen,
  MCP_POST_HEADERS,
  rawRequest,
  type RunningApp,
} from '@nestjs-mcp/testing';
import { createItemsApp } from '../src/bootstrap.js';
import {
  DEV_CLIENT_ID,
  DEV_CLIENT_SECRET,
  DEV_OIDC_USER,
  ITEMS_API_AUDIENCE,
  startDevOidcProvider,
  type DevOidcProvider,
} from '../src/oauth/dev-oidc-provider.js';
import { devProviderConfig, discoverKeys } from '../src/oauth/oauth-config.js';
import { OAuthExampleModule } from '../src/oauth-example.module.js';
import { HeadlessOAuthClient } from './headless-oauth.js';

const REDIRECT_URI = 'http://127.0.0.1:8765/oauth/callback';

/** One part of a JWT. */
const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe.each(ADAPTERS)('the OAuth example on %s', (adapter) => {
  let provider: DevOidcProvider;
  let running: RunningApp;

  beforeAll(async () => {
    provider = await startDevOidcProvider({ port: 0, redirectUris: [REDIRECT_URI] });
    const config = devProviderConfig(provider.issuer);
    const module = OAuthExampleModule.forProvider(config, await discoverKeys(config));
    running = await listen(await createItemsApp(adapter, { logger: false }, module));
  });
  afterAll(async () => {
    await running?.close();
    await provider?.close();
  });

  it("serves the provider's metadata with this app's authorize and register endpoints", async () => {
    const response = await fetch(`${running.baseUrl}/.well-known/oauth-authorization-server`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      // This app is the authorization server clients talk to (mcp-remote checks the issuer).
      issuer: running.baseUrl,
      authorization_endpoint: `${running.baseUrl}/oauth/authorize`,
      registration_endpoint: `${running.baseUrl}/oauth/register`,
      token_endpoint: `${provider.issuer}/token`,
    });
  });

  it('answers a client without a token with 401 and WWW-Authenticate', async () => {
    const response = await rawRequest(`${running.baseUrl}/mcp`, {
      headers: MCP_POST_HEADERS,
      body: jsonRpc('tools/list'),
    });
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe(
      `Bearer resource_metadata="${running.baseUrl}/.well-known/oauth-protected-resource/mcp", scope="items:read"`,
    );
  });

  it('logs the SDK client in at the local provider through the proxy, then calls a tool as the dev user', async () => {
    const endpoint = new URL(`${running.baseUrl}/mcp`);
    const oauth = new HeadlessOAuthClient(REDIRECT_URI);
    const first = new Client({ name: 'oauth-test', version: '1.0.0' });
    await expect(
      first.connect(new StreamableHTTPClientTransport(endpoint, { authProvider: oauth })),
    ).rejects.toThrow(UnauthorizedError);
    // Registration handed out the static client; authorization went through this app to the provider.
    expect(oauth.registered).toMatchObject({ client_id: DEV_CLIENT_ID, client_secret: DEV_CLIENT_SECRET });
    const authorize = new URL(oauth.visited[0] ?? '');
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${running.baseUrl}/oauth/authorize`);
    const atProvider = new URL(oauth.visited[1] ?? '');
    expect(atProvider.origin).toBe(provider.issuer);
    expect(atProvider.searchParams.get('audience')).toBe(ITEMS_API_AUDIENCE);

    await new StreamableHTTPClientTransport(endpoint, { authProvider: oauth }).finishAuth(oauth.code!);
    const token = oauth.saved?.access_token ?? '';
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ iss: provider.issuer, aud: ITEMS_API_AUDIENCE, sub: DEV_OIDC_USER });

    const client = new Client({ name: 'oauth-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(endpoint, { authProvider: oauth }));
    try {
      expect(await callJson(client, 'whoami')).toEqual({ subject: DEV_OIDC_USER });
      expect(await callJson(client, 'get_item', { id: 1 })).toMatchObject({ id: 1, name: 'Hammer' });
    } finally {
      await client.close();
      await first.close();
    }
  });

  it('refuses a token the provider did not sign with 401 and error="invalid_token"', async () => {
    // A well-formed JWT from nowhere: a key id the provider's JWKS lacks, no issuer, another audience.
    const forged = `${part({ alg: 'RS256', kid: 'nope' })}.${part({ sub: 'mallory', aud: 'other' })}.c2ln`;
    const response = await rawRequest(`${running.baseUrl}/mcp`, {
      headers: { ...MCP_POST_HEADERS, authorization: `Bearer ${forged}` },
      body: jsonRpc('tools/list'),
    });
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/error="invalid_token"/);
  });
});
