import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { UnauthorizedError, type OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js';
import { ADAPTERS, appsPerTest, callJson } from '@nestjs-mcp/testing';
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

/**
 * An MCP client's OAuth side without a browser: "opening" the authorization URL follows its redirects,
 * with the provider's cookies, through the provider's login and consent (completed by the provider
 * fixture) until the redirect to the client's callback, and keeps the code.
 */
class HeadlessOAuthClient implements OAuthClientProvider {
  code?: string;
  registered?: OAuthClientInformationMixed;
  saved?: OAuthTokens;
  visited: string[] = [];
  private verifier = '';

  get redirectUrl(): string {
    return OIDC_REDIRECT_URI;
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: 'headless test client',
      redirect_uris: [OIDC_REDIRECT_URI],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    };
  }

  clientInformation() {
    return this.registered;
  }
  saveClientInformation(information: OAuthClientInformationMixed) {
    this.registered = information;
  }
  tokens() {
    return this.saved;
  }
  saveTokens(tokens: OAuthTokens) {
    this.saved = tokens;
  }
  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }
  codeVerifier() {
    return this.verifier;
  }

  async redirectToAuthorization(url: URL): Promise<void> {
    const cookies = new Map<string, string>();
    let next = url.toString();
    for (let hop = 0; hop < 12; hop++) {
      this.visited.push(next);
      if (next.startsWith(OIDC_REDIRECT_URI)) {
        const callback = new URL(next);
        const code = callback.searchParams.get('code');
        if (!code) throw new Error(`the provider answered ${next}`);
        this.code = code;
        return;
      }
      const response = await fetch(next, {
        redirect: 'manual',
        headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
      });
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const at = pair.indexOf('=');
        cookies.set(pair.slice(0, at), pair.slice(at + 1));
      }
      const location = response.headers.get('location');
      if (!location) throw new Error(`${next} answered ${response.status}: ${await response.text()}`);
      next = new URL(location, next).toString();
    }
    throw new Error(`too many redirects: ${this.visited.join(' → ')}`);
  }
}

describe.each(ADAPTERS)('the whole OAuth flow through the proxy on %s', (adapter) => {
  const { start } = appsPerTest(adapter);
  let upstream: RunningProvider;

  beforeAll(async () => {
    upstream = await startOidcProvider();
  });
  afterAll(() => upstream.close());

  it.each([
    ['without a global prefix', undefined],
    ['with a global prefix', 'api'],
  ])(
    "logs in at the real provider and calls a tool whose route's passport-jwt guard checks the provider's JWT (%s)",
    async (_label, prefix) => {
      const app = await start(
        oidcApp(oidcJwtStrategy(upstream.issuer, API_AUDIENCE), {
          issuer: upstream.issuer,
          oauthMetadataUrl: upstream.discoveryUrl,
          setupProxies: true,
          clientId: OIDC_CLIENT_ID,
          clientSecret: OIDC_CLIENT_SECRET,
          scopesSupported: ['widgets:read'],
        }),
        (nest: INestApplication) => {
          if (prefix) nest.setGlobalPrefix(prefix);
        },
      );
      const endpoint = new URL(`${app.baseUrl}${prefix ? `/${prefix}` : ''}/mcp`);
      const oauth = new HeadlessOAuthClient();

      // No token: 401 with WWW-Authenticate, discovery, registration, authorization, login and consent.
      const first = new Client({ name: 'oauth-test', version: '1.0.0' });
      await expect(
        first.connect(new StreamableHTTPClientTransport(endpoint, { authProvider: oauth })),
      ).rejects.toThrow(UnauthorizedError);
      expect(oauth.registered).toMatchObject({
        client_id: OIDC_CLIENT_ID,
        client_secret: OIDC_CLIENT_SECRET,
      });
      const authorize = new URL(oauth.visited[0] ?? '');
      expect(`${authorize.origin}${authorize.pathname}`).toBe(`${app.baseUrl}/oauth/authorize`);
      const atProvider = new URL(oauth.visited[1] ?? '');
      expect(atProvider.origin).toBe(upstream.issuer);
      expect(atProvider.searchParams.get('scope')).toBe('widgets:read openid profile email');
      expect(oauth.code).toBeDefined();

      // The code is exchanged at the provider itself; the token is a JWT for the API.
      const transport = new StreamableHTTPClientTransport(endpoint, { authProvider: oauth });
      await transport.finishAuth(oauth.code!);
      const token = oauth.saved?.access_token ?? '';
      const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
      expect(claims).toMatchObject({ iss: upstream.issuer, aud: API_AUDIENCE, sub: OIDC_USER });

      const client = new Client({ name: 'oauth-test', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(endpoint, { authProvider: oauth }));
      try {
        expect(await callJson(client, 'who_am_i')).toEqual({ id: OIDC_USER });
      } finally {
        await client.close();
        await first.close();
      }
    },
  );
});
