import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Module, type INestApplication } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  discoverOAuthProtectedResourceMetadata,
  extractWWWAuthenticateParams,
  UnauthorizedError,
  type OAuthClientProvider,
} from '@modelcontextprotocol/sdk/client/auth.js';
import {
  StreamableHTTPClientTransport,
  StreamableHTTPError,
} from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import jwt from 'jsonwebtoken';
import { of } from 'rxjs';
import {
  ADAPTERS,
  appsPerTest,
  bearer,
  callJson,
  callTool,
  createApp,
  jsonRpc,
  MCP_POST_HEADERS,
  rawRequest,
  TEST_JWT_SECRET,
} from '@nestjs-mcp/testing';
import { McpModule, type McpModuleOptions } from 'nestjs-mcp';
import {
  asyncAuthApp,
  authApp,
  ENDPOINT_GUARDS,
  globalGuardApp,
  PolicyModule,
  Public,
  UnbuildableGuard,
} from './fixtures/auth.app.js';
import { JwtStrategy } from './fixtures/jwt.strategy.js';
import { WidgetsController } from './fixtures/widgets.controller.js';

const ISSUER = 'https://auth.example.com/';
const SCOPES = ['mcp:tools', 'widgets:read'];

const guarded = (extra: McpModuleOptions['auth'] = {}): McpModuleOptions => ({
  auth: { guards: ENDPOINT_GUARDS, issuer: ISSUER, scopesSupported: SCOPES, ...extra },
});

/** A listed tool's `_meta`. */
const metaOf = (tool: { [key: string]: unknown } | undefined) => tool?.['_meta'];

/** One JSON-RPC POST to the endpoint, as an MCP client sends it. */
function post(url: string, headers: Record<string, string> = {}) {
  return rawRequest(url, { headers: { ...MCP_POST_HEADERS, ...headers }, body: jsonRpc('tools/list') });
}

const token = (claims: Record<string, unknown>, secret = TEST_JWT_SECRET) =>
  ({
    authorization: `Bearer ${jwt.sign({ sub: 'alice', ...claims }, secret, { algorithm: 'HS256' })}`,
  }) as const;

const REFUSED_TOKENS: Array<[string, Record<string, string>]> = [
  ['a malformed token', { authorization: 'Bearer not.a.jwt' }],
  ['an expired token', token({ exp: Math.floor(Date.now() / 1000) - 60 })],
  ['a wrongly signed token', token({}, 'another-secret')],
];

describe.each(ADAPTERS)('auth on %s', (adapter) => {
  const { start } = appsPerTest(adapter);

  describe.each([
    ['without a global prefix', undefined],
    ['with a global prefix', 'api'],
  ])('endpoint guarded by auth.guards, %s', (_label, prefix) => {
    const endpoint = prefix ? `/${prefix}/mcp` : '/mcp';
    const launch = (options: McpModuleOptions = guarded()) =>
      start(authApp(options), (app: INestApplication) => {
        if (prefix) app.setGlobalPrefix(prefix);
      });

    it('answers a request without a token with 401, WWW-Authenticate and a JSON body', async () => {
      const app = await launch();
      const response = await post(`${app.baseUrl}${endpoint}`);
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe(
        `Bearer resource_metadata="${app.baseUrl}/.well-known/oauth-protected-resource${endpoint}", ` +
          `scope="mcp:tools widgets:read"`,
      );
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(response.text)).toMatchObject({ statusCode: 401 });
    });

    it.each(REFUSED_TOKENS)('answers %s with 401 and error="invalid_token"', async (_kind, headers) => {
      const app = await launch();
      const response = await post(`${app.baseUrl}${endpoint}`, headers);
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe(
        `Bearer resource_metadata="${app.baseUrl}/.well-known/oauth-protected-resource${endpoint}", ` +
          `scope="mcp:tools widgets:read", error="invalid_token"`,
      );
    });

    it('answers a guard\'s ForbiddenException with 403 and error="insufficient_scope"', async () => {
      const app = await launch();
      const response = await post(`${app.baseUrl}${endpoint}`, bearer('bob', { role: 'guest' }));
      expect(response.status).toBe(403);
      expect(response.headers['www-authenticate']).toBe(
        `Bearer resource_metadata="${app.baseUrl}/.well-known/oauth-protected-resource${endpoint}", ` +
          `scope="mcp:tools widgets:read", error="insufficient_scope"`,
      );
      expect(JSON.parse(response.text)).toMatchObject({ statusCode: 403, message: 'Guests may not use MCP' });
    });

    it("serves tools to a valid token; the route's own guard authenticates from the forwarded header", async () => {
      const app = await launch();
      const client = await app.connect({ path: endpoint, headers: bearer('alice', { role: 'admin' }) });
      expect((await client.listTools()).tools.map((tool) => tool.name)).toContain('who_am_i');
      expect(await callJson(client, 'who_am_i')).toEqual({ id: 'alice', role: 'admin' });
    });

    it('serves the protected-resource metadata at the root, outside the global prefix', async () => {
      const app = await launch();
      const expected = {
        resource: `${app.baseUrl}${endpoint}`,
        authorization_servers: [ISSUER],
        scopes_supported: SCOPES,
        bearer_methods_supported: ['header'],
      };
      for (const path of [
        `/.well-known/oauth-protected-resource${endpoint}`,
        '/.well-known/oauth-protected-resource',
      ]) {
        const response = await rawRequest(`${app.baseUrl}${path}`, { method: 'GET' });
        expect([path, response.status]).toEqual([path, 200]);
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        expect(JSON.parse(response.text)).toEqual(expected);
      }
      if (prefix) {
        const prefixed = await rawRequest(`${app.baseUrl}/${prefix}/.well-known/oauth-protected-resource`, {
          method: 'GET',
        });
        expect(prefixed.status).toBe(404);
      }
      // What the SDK's own discovery finds from the endpoint URL alone.
      const discovered = await discoverOAuthProtectedResourceMetadata(`${app.baseUrl}${endpoint}`);
      expect(discovered).toEqual(expected);
    });

    it('leaves the refusals of other routes to the app (no WWW-Authenticate)', async () => {
      const app = await launch();
      const response = await rawRequest(`${app.baseUrl}${prefix ? `/${prefix}` : ''}/widgets/me`, {
        method: 'GET',
      });
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBeUndefined();
    });
  });

  it('pins the announced URLs with resourceUrl whatever Host the client sends', async () => {
    const app = await start(authApp(guarded({ resourceUrl: 'https://mcp.example.com/tools/mcp/' })));
    const refused = await post(`${app.baseUrl}/mcp`, { host: 'evil.example' });
    expect(refused.headers['www-authenticate']).toBe(
      'Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/tools/mcp", ' +
        'scope="mcp:tools widgets:read"',
    );
    const metadata = await rawRequest(`${app.baseUrl}/.well-known/oauth-protected-resource/mcp`, {
      method: 'GET',
      headers: { host: 'evil.example' },
    });
    expect(JSON.parse(metadata.text).resource).toBe('https://mcp.example.com/tools/mcp');
  });

  it('without scopes, says nothing about them (401 and 403)', async () => {
    const app = await start(authApp({ auth: { guards: ENDPOINT_GUARDS } }));
    const metadataUrl = `${app.baseUrl}/.well-known/oauth-protected-resource/mcp`;
    expect((await post(`${app.baseUrl}/mcp`)).headers['www-authenticate']).toBe(
      `Bearer resource_metadata="${metadataUrl}"`,
    );
    const forbidden = await post(`${app.baseUrl}/mcp`, bearer('bob', { role: 'guest' }));
    expect([forbidden.status, forbidden.headers['www-authenticate']]).toEqual([
      403,
      `Bearer resource_metadata="${metadataUrl}"`,
    ]);
    const metadata = await rawRequest(metadataUrl, { method: 'GET' });
    expect(JSON.parse(metadata.text)).toEqual({
      resource: `${app.baseUrl}/mcp`,
      bearer_methods_supported: ['header'],
    });
  });

  it('takes auth (guards included) from a forRootAsync factory', async () => {
    const app = await start(asyncAuthApp(() => guarded()));
    expect((await post(`${app.baseUrl}/mcp`)).status).toBe(401);
    const client = await app.connect({ headers: bearer('alice', { role: 'admin' }) });
    expect(await callJson(client, 'who_am_i')).toEqual({ id: 'alice', role: 'admin' });
  });

  it('answers 403 when a guard instance returns false (an Observable of false too)', async () => {
    const app = await start(
      authApp({ auth: { guards: [{ canActivate: () => true }, { canActivate: () => of(false) }] } }),
    );
    const refused = await post(`${app.baseUrl}/mcp`, bearer('alice'));
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text)).toEqual({ statusCode: 403, message: 'Forbidden resource' });
  });

  it('stops bootstrap when a guard cannot be built, saying where its dependencies must come from', async () => {
    const app = await createApp(authApp({ auth: { guards: [UnbuildableGuard] } }), adapter);
    await expect(app.init()).rejects.toThrow(
      /^McpModule option "auth.guards": cannot create UnbuildableGuard \(.*UnprovidedService.*\)\. Its constructor dependencies must come from a global module/s,
    );
    await app.close();
  });

  it('keeps the auth of several MCP servers in one app apart', async () => {
    @Module({
      imports: [
        PassportModule,
        PolicyModule,
        McpModule.forRoot(guarded()),
        McpModule.forRoot({
          path: '/admin-mcp',
          auth: { guards: ENDPOINT_GUARDS, scopesSupported: ['admin'] },
        }),
        McpModule.forRoot({ path: '/open-mcp' }),
      ],
      controllers: [WidgetsController],
      providers: [JwtStrategy],
    })
    class ThreeServersModule {}
    const app = await start(ThreeServersModule);
    for (const [path, scope] of [
      ['/mcp', 'mcp:tools widgets:read'],
      ['/admin-mcp', 'admin'],
    ]) {
      const refused = await post(`${app.baseUrl}${path}`);
      expect(refused.headers['www-authenticate']).toBe(
        `Bearer resource_metadata="${app.baseUrl}/.well-known/oauth-protected-resource${path}", scope="${scope}"`,
      );
      const metadata = await rawRequest(`${app.baseUrl}/.well-known/oauth-protected-resource${path}`, {
        method: 'GET',
      });
      expect(JSON.parse(metadata.text)).toMatchObject({
        resource: `${app.baseUrl}${path}`,
        scopes_supported: scope.split(' '),
      });
    }
    const root = await rawRequest(`${app.baseUrl}/.well-known/oauth-protected-resource`, { method: 'GET' });
    expect(root.status).toBe(200);
    await expect((await app.connect({ path: '/open-mcp' })).listTools()).resolves.toBeDefined();
    const missing = await rawRequest(`${app.baseUrl}/.well-known/oauth-protected-resource/open-mcp`, {
      method: 'GET',
    });
    expect(missing.status).toBe(404);
  });

  it('serves no metadata and lets every request through without auth', async () => {
    const app = await start(authApp({}));
    expect(
      (await rawRequest(`${app.baseUrl}/.well-known/oauth-protected-resource`, { method: 'GET' })).status,
    ).toBe(404);
    const client = await app.connect();
    expect((await callTool(client, 'who_am_i')).text).toContain('Status code: 401');
  });

  describe('tools whose routes declare security', () => {
    it('say so in one description line and in _meta', async () => {
      const app = await start(authApp({}));
      const { tools } = await (await app.connect()).listTools();
      const byName = new Map(tools.map((tool) => [tool.name, tool]));
      expect(byName.get('who_am_i')?.description).toBe(
        'The caller, as the JWT guard resolved it\n\nRequires authentication: bearer.\n\n' +
          '### Responses:\n\n**200**: OK (Success Response)',
      );
      expect(metaOf(byName.get('who_am_i'))).toEqual({ 'nestjs-mcp/security': [{ bearer: [] }] });
      expect(byName.get('oauth_route')?.description).toContain(
        '\n\nRequires authentication: oauth2 (scopes: widgets:read, widgets:write).\n\n',
      );
      expect(metaOf(byName.get('oauth_route'))).toEqual({
        'nestjs-mcp/security': [{ oauth2: ['widgets:read', 'widgets:write'] }],
      });
      expect(byName.get('key_route')?.description).toContain('Requires authentication: bearer or api_key.');
      for (const name of ['optional_route', 'plain_route']) {
        expect(byName.get(name)?.description).not.toContain('Requires authentication');
        expect(metaOf(byName.get(name))).toBeUndefined();
      }
    });

    it("take the document's security requirements when the route declares none", async () => {
      const config = {
        openapi: '3.0.0',
        info: { title: 'Secured', version: '1' },
        security: [{ api_key: [] }],
      };
      const app = await start(authApp({ swagger: { config } }));
      const { tools } = await (await app.connect()).listTools();
      const plain = tools.find((tool) => tool.name === 'plain_route');
      expect(plain?.description).toContain('Requires authentication: api_key.');
      expect(metaOf(plain)).toEqual({ 'nestjs-mcp/security': [{ api_key: [] }] });
      // An operation's own requirements win over the document's.
      expect(tools.find((tool) => tool.name === 'oauth_route')?.description).not.toContain('api_key');
    });
  });

  describe('SDK client discovery', () => {
    it('a client without credentials gets a 401 whose header the SDK reads', async () => {
      const app = await start(authApp(guarded()));
      const failure = new Client({ name: 't', version: '1' }).connect(
        new StreamableHTTPClientTransport(new URL(`${app.baseUrl}/mcp`)),
      );
      await expect(failure).rejects.toBeInstanceOf(StreamableHTTPError);
      await expect(failure).rejects.toMatchObject({ code: 401 });
      const response = await fetch(`${app.baseUrl}/mcp`, {
        method: 'POST',
        headers: MCP_POST_HEADERS,
        body: jsonRpc('tools/list'),
      });
      const params = extractWWWAuthenticateParams(response);
      expect(params.resourceMetadataUrl?.href).toBe(
        `${app.baseUrl}/.well-known/oauth-protected-resource/mcp`,
      );
      expect(params.scope).toBe('mcp:tools widgets:read');
    });

    describe('with an OAuth provider', () => {
      let issuerServer: Server;
      let issuer: string;

      beforeAll(async () => {
        // A stand-in authorization server: only its metadata is needed before the browser step.
        issuerServer = createServer((req, res) => {
          if (req.url !== '/.well-known/oauth-authorization-server') return void res.writeHead(404).end();
          res.writeHead(200, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              issuer,
              authorization_endpoint: `${issuer}/authorize`,
              token_endpoint: `${issuer}/token`,
              response_types_supported: ['code'],
              code_challenge_methods_supported: ['S256'],
            }),
          );
        });
        await new Promise<void>((resolve) => issuerServer.listen(0, '127.0.0.1', resolve));
        issuer = `http://127.0.0.1:${(issuerServer.address() as AddressInfo).port}`;
      });

      afterAll(() => new Promise<void>((resolve) => issuerServer.close(() => resolve())));

      it('follows WWW-Authenticate and the metadata to the issuer, then asks for a login', async () => {
        const app = await start(
          authApp({ auth: { guards: ENDPOINT_GUARDS, issuer, scopesSupported: SCOPES } }),
        );
        const seen: { authorizeUrl?: URL; resourceMetadata?: unknown } = {};
        const provider: OAuthClientProvider = {
          redirectUrl: 'http://127.0.0.1:8080/oauth/callback',
          clientMetadata: { redirect_uris: ['http://127.0.0.1:8080/oauth/callback'], client_name: 't' },
          clientInformation: () => ({ client_id: 'static-client' }),
          tokens: () => undefined,
          saveTokens: () => undefined,
          redirectToAuthorization: (url) => {
            seen.authorizeUrl = url;
          },
          saveCodeVerifier: () => undefined,
          codeVerifier: () => 'verifier',
          saveDiscoveryState: (state) => {
            seen.resourceMetadata = state.resourceMetadata;
          },
        };
        const transport = new StreamableHTTPClientTransport(new URL(`${app.baseUrl}/mcp`), {
          authProvider: provider,
        });
        await expect(new Client({ name: 't', version: '1' }).connect(transport)).rejects.toBeInstanceOf(
          UnauthorizedError,
        );
        expect(seen.resourceMetadata).toMatchObject({
          resource: `${app.baseUrl}/mcp`,
          authorization_servers: [issuer],
        });
        expect(seen.authorizeUrl?.origin + (seen.authorizeUrl?.pathname ?? '')).toBe(`${issuer}/authorize`);
        expect(seen.authorizeUrl?.searchParams.get('resource')).toBe(`${app.baseUrl}/mcp`);
        expect(seen.authorizeUrl?.searchParams.get('scope')).toBe('mcp:tools widgets:read');
        expect(seen.authorizeUrl?.searchParams.get('client_id')).toBe('static-client');
      });
    });
  });

  describe('endpointDecorators in an app with a global guard', () => {
    it('without them, the global guard refuses /mcp itself', async () => {
      const app = await start(globalGuardApp({}));
      expect((await post(`${app.baseUrl}/mcp`)).status).toBe(401);
    });

    it('with [Public()], /mcp is open while the routes keep the global guard', async () => {
      const app = await start(globalGuardApp({ endpointDecorators: [Public()] }));
      const anonymous = await app.connect();
      expect(await callJson(anonymous, 'status')).toEqual({ ok: true });
      expect((await callTool(anonymous, 'status_me')).text).toContain('Status code: 401');
      const alice = await app.connect({ headers: bearer('alice') });
      expect(await callJson(alice, 'status_me')).toEqual({ id: 'alice' });
    });

    it('with [Public()] and auth.guards, /mcp answers its own 401 with WWW-Authenticate', async () => {
      const app = await start(
        globalGuardApp({ endpointDecorators: [Public()], auth: { guards: ENDPOINT_GUARDS.slice(0, 1) } }),
      );
      const refused = await post(`${app.baseUrl}/mcp`);
      expect(refused.status).toBe(401);
      expect(refused.headers['www-authenticate']).toContain('resource_metadata=');
      const alice = await app.connect({ headers: bearer('alice') });
      expect(await callJson(alice, 'status_me')).toEqual({ id: 'alice' });
    });
  });
});
