import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  extractWWWAuthenticateParams,
  UnauthorizedError,
  type OAuthClientProvider,
} from '@modelcontextprotocol/sdk/client/auth.js';
import {
  StreamableHTTPClientTransport,
  StreamableHTTPError,
} from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ADAPTERS, appsPerTest, jsonRpc, MCP_POST_HEADERS } from '@nestjs-mcp/testing';
import { authApp, ENDPOINT_GUARDS, guarded, SCOPES } from './fixtures/auth.app.js';

/** A listed tool's `_meta`. */
const metaOf = (tool: { [key: string]: unknown } | undefined) => tool?.['_meta'];

/** How clients learn that a login is needed: the SDK client's discovery, and tools that declare security. */
describe.each(ADAPTERS)('auth discovery on %s', (adapter) => {
  const { start } = appsPerTest(adapter);

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
});
