import 'reflect-metadata';
import { Module, type INestApplication } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { discoverOAuthProtectedResourceMetadata } from '@modelcontextprotocol/sdk/client/auth.js';
import jwt from 'jsonwebtoken';
import { of } from 'rxjs';
import {
  ADAPTERS,
  appsPerTest,
  bearer,
  callJson,
  callTool,
  createApp,
  rawRequest,
  TEST_JWT_SECRET,
} from '@nestjs-mcp/testing';
import { McpModule, type McpModuleOptions } from 'nestjs-mcp';
import {
  asyncAuthApp,
  authApp,
  ENDPOINT_GUARDS,
  guarded,
  ISSUER,
  PolicyModule,
  SCOPES,
  UnbuildableGuard,
} from './fixtures/auth.app.js';
import { post } from './fixtures/auth.requests.js';
import { JwtStrategy } from './fixtures/jwt.strategy.js';
import { WidgetsController } from './fixtures/widgets.controller.js';

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
    // The Host check would refuse evil.example first (403) on this loopback server: allow it here.
    const options = guarded({ resourceUrl: 'https://mcp.example.com/tools/mcp/' });
    const app = await start(authApp({ ...options, allowedHosts: ['evil.example'] }));
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

  it('answers a Host that is not a host with the challenge for localhost, not a 500', async () => {
    // With the Host check off: it would refuse these Hosts (403) before auth.
    const app = await start(authApp({ ...guarded(), allowedHosts: '*' }));
    for (const host of ['a b', 'evil.example:99999']) {
      const refused = await post(`${app.baseUrl}/mcp`, { host });
      expect(refused.status).toBe(401);
      expect(refused.headers['www-authenticate']).toContain(
        'resource_metadata="http://localhost/.well-known/oauth-protected-resource/mcp"',
      );
    }
    const metadata = await rawRequest(`${app.baseUrl}/.well-known/oauth-protected-resource/mcp`, {
      method: 'GET',
      headers: { host: 'x@evil.example' },
    });
    expect(JSON.parse(metadata.text).resource).toBe('http://evil.example/mcp');
  });

  it('exposes WWW-Authenticate to browser clients of an app with CORS', async () => {
    const app = await start(authApp(guarded()), (nest) => nest.enableCors({ exposedHeaders: ['X-Trace'] }));
    const refused = await post(`${app.baseUrl}/mcp`, { origin: 'http://localhost:6274' });
    expect(refused.headers['access-control-allow-origin']).toBe('*');
    expect(String(refused.headers['access-control-expose-headers']).split(/,\s*/)).toEqual(
      expect.arrayContaining(['X-Trace', 'WWW-Authenticate']),
    );
    const metadata = await rawRequest(`${app.baseUrl}/.well-known/oauth-protected-resource/mcp`, {
      method: 'GET',
      headers: { origin: 'http://localhost:6274' },
    });
    expect(metadata.headers['access-control-allow-origin']).toBe('*');
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
});
