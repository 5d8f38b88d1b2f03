// First: silences oidc-provider's start-up notices, which its import prints.
import './oidc-quiet.js';
import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  ADAPTERS,
  callJson,
  followAuthorization,
  HeadlessOAuthClient,
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

const REDIRECT_URI = 'http://127.0.0.1:8765/oauth/callback';
const MCP_REMOTE = 'mcp-remote@0.15.1';
/** mcp-remote's fixed callback port here; the README uses 8080. */
const CALLBACK_PORT = 8767;
const SLOW = 240_000;

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

describe.each(ADAPTERS)(
  "mcp-remote with the README's Claude Desktop configuration (a fixed callback port) on %s",
  (adapter) => {
    let provider: DevOidcProvider;
    let running: RunningApp;
    let configDir: string;

    beforeAll(async () => {
      provider = await startDevOidcProvider({
        port: 0,
        redirectUris: [`http://localhost:${CALLBACK_PORT}/oauth/callback`],
      });
      const config = devProviderConfig(provider.issuer);
      const module = OAuthExampleModule.forProvider(config, await discoverKeys(config));
      running = await listen(await createItemsApp(adapter, { logger: false }, module));
      configDir = await mkdtemp(join(tmpdir(), 'mcp-auth-'));
    });
    afterAll(async () => {
      await running?.close();
      await provider?.close();
      await rm(configDir, { recursive: true, force: true });
    });

    it(
      'logs in through the proxy at the local provider and calls a tool as the dev user',
      async () => {
        // mcp-remote connects to the app's origin as `localhost`, as in the README.
        const endpoint = `${running.baseUrl.replace('127.0.0.1', 'localhost')}/mcp`;
        const transport = new StdioClientTransport({
          command: 'npx',
          args: ['--yes', MCP_REMOTE, endpoint, String(CALLBACK_PORT), '--transport', 'http-only'],
          // BROWSER=true: opening a browser does nothing; this test is the browser.
          env: {
            ...(process.env as Record<string, string>),
            MCP_REMOTE_CONFIG_DIR: configDir,
            BROWSER: 'true',
          },
          stderr: 'pipe',
        });
        const visited: string[] = [];
        let login: Promise<string> | undefined;
        transport.stderr?.on('data', (chunk: Buffer) => {
          const url = /(http:\/\/localhost:\d+\/oauth\/authorize\S*)/.exec(chunk.toString())?.[1];
          if (url && !login) {
            login = followAuthorization(
              url,
              `http://localhost:${CALLBACK_PORT}/oauth/callback`,
              visited,
              true,
            );
          }
        });
        const client = new Client({ name: 'stdio-client', version: '1.0.0' });
        await client.connect(transport);
        try {
          expect(await login).toMatch(/[?&]code=/);
          expect(new URL(visited[1] ?? '').origin).toBe(provider.issuer);
          const result = await client.callTool({ name: 'whoami', arguments: {} });
          expect(result.structuredContent).toEqual({ subject: DEV_OIDC_USER });
        } finally {
          await client.close();
        }
      },
      SLOW,
    );
  },
);
