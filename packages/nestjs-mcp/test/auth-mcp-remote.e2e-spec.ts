import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { ADAPTERS, appsPerTest, callJson, listen } from '@nestjs-mcp/testing';
import { withMcpRemote } from './fixtures/mcp-remote.js';
import { oidcApp, oidcJwtStrategy } from './fixtures/oidc.app.js';
import {
  API_AUDIENCE,
  MCP_REMOTE_CALLBACK_PORT,
  MCP_REMOTE_REDIRECT_URI,
  OIDC_CLIENT_ID,
  OIDC_USER,
  startOidcProvider,
  type RunningProvider,
} from './fixtures/oidc.provider.js';

/**
 * The OAuth flow driven by `mcp-remote`, the stdio bridge Claude Desktop uses, configured as for a provider
 * without dynamic registration: a fixed callback port (pre-registered with the provider), the provider's
 * static client (`--static-oauth-client-info`), `--transport http-only`. mcp-remote finds the provider
 * through this app's 401 and protected-resource metadata (`auth.issuer`); its "open the browser" step runs
 * `$BROWSER <url>` (the `open` package's xdg-open), and BROWSER points at a script that plays the user's
 * browser through the provider's login and consent and lands on mcp-remote's callback. mcp-remote then
 * exchanges the code at the provider, and a stdio client calls a tool through it.
 *
 * This covers `issuer` mode (the protected-resource metadata names the provider itself); the proxy is
 * driven by mcp-remote in apps/items-api/test/oauth-example.e2e-spec.ts, custom metadata in
 * auth-mcp-remote-custom.e2e-spec.ts.
 */
const SLOW = 240_000;

/** Resolves once nothing accepts connections on `port` any more (mcp-remote's callback server is gone). */
async function portReleased(port: number): Promise<boolean> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (!open) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

describe.each(ADAPTERS)(
  'mcp-remote logs in at the provider named by the protected-resource metadata on %s',
  (adapter) => {
    const { track } = appsPerTest(adapter);
    let upstream: RunningProvider;
    let scratch: string;

    beforeAll(async () => {
      upstream = await startOidcProvider();
    });
    afterAll(() => upstream.close());
    beforeEach(() => {
      // mcp-remote's token cache and the browser's log live here, never in the user's ~/.mcp-auth.
      scratch = mkdtempSync(join(tmpdir(), 'mcp-remote-oauth-'));
    });
    afterEach(() => rmSync(scratch, { recursive: true, force: true }));

    it.each([
      ['without a global prefix', ''],
      ['with a global prefix', '/api'],
    ])(
      "%s: completes the login on its fixed callback port, then a tool call reaches the route's passport-jwt guard",
      async (_label, prefix) => {
        const nest = await NestFactory.create(
          oidcApp(oidcJwtStrategy(upstream.issuer, API_AUDIENCE), {
            issuer: upstream.issuer,
            scopesSupported: ['widgets:read'],
          }),
          adapter === 'fastify' ? new FastifyAdapter() : new ExpressAdapter(),
          { logger: false, abortOnError: false },
        );
        if (prefix) nest.setGlobalPrefix(prefix.slice(1));
        const app = track(await listen(nest));
        const endpoint = `${app.baseUrl}${prefix}/mcp`;
        const browserLog = join(scratch, 'browser.log');
        await withMcpRemote(
          { endpoint, callbackPort: MCP_REMOTE_CALLBACK_PORT, scratch, browserLog },
          async (client) => {
            expect(await callJson(client, 'who_am_i')).toEqual({ id: OIDC_USER });
          },
        );
        // The browser was sent to the provider the protected-resource metadata names, for the static client,
        // with mcp-remote's fixed redirect URI and the MCP endpoint as resource; it ended on the callback.
        const visited = readFileSync(browserLog, 'utf8').trim().split('\n');
        const authorize = new URL(visited[0] ?? '');
        expect(`${authorize.origin}${authorize.pathname}`).toBe(`${upstream.issuer}/auth`);
        expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
          client_id: OIDC_CLIENT_ID,
          redirect_uri: MCP_REMOTE_REDIRECT_URI,
          resource: endpoint,
          code_challenge_method: 'S256',
        });
        expect(visited.some((url) => url.startsWith(`${MCP_REMOTE_REDIRECT_URI}?code=`))).toBe(true);
        // Nothing of mcp-remote keeps running: its callback server is gone.
        expect(await portReleased(MCP_REMOTE_CALLBACK_PORT)).toBe(true);
      },
      SLOW,
    );
  },
);
