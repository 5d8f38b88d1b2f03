import 'reflect-metadata';
import {
  ADAPTERS,
  appsPerTest,
  bearer,
  callJson,
  connectClient,
  jsonRpc,
  MCP_POST_HEADERS,
  rawRequest,
  type RawResponse,
} from '@nestjs-mcp/testing';
import type { McpModuleOptions } from 'nestjs-mcp';
import { authApp, guarded } from './fixtures/auth.app.js';
import { widgetsApp } from './fixtures/widgets.app.js';

const PAGE = 'http://localhost:5173';
const APP_ORIGIN = 'https://app.example.com';

/** The MCP request headers a browser client sends, which a preflight must allow. */
const MCP_HEADERS = [
  'content-type',
  'authorization',
  'mcp-session-id',
  'mcp-protocol-version',
  'last-event-id',
  'mcp-method',
  'mcp-name',
];

/** A browser's preflight for an MCP POST from `origin`. */
const preflight = (url: string, origin: string, headers = MCP_HEADERS) =>
  rawRequest(url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': headers.join(','),
    },
  });

const listTools = (url: string, headers: Record<string, string> = {}) =>
  rawRequest(url, { headers: { ...MCP_POST_HEADERS, ...headers }, body: jsonRpc('tools/list') });

const listOf = (value: RawResponse['headers'][string]) =>
  String(value ?? '')
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter(Boolean);

const app = (options: McpModuleOptions) => widgetsApp({ name: 'Widgets MCP', ...options });

describe.each(ADAPTERS)('CORS for browser clients (option cors) on %s', (adapter) => {
  const { start } = appsPerTest(adapter);

  it('answers a preflight from an allowed origin: its origin, the MCP headers and methods', async () => {
    const running = await start(app({ cors: true }));
    const response = await preflight(`${running.baseUrl}/mcp`, PAGE);
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe(PAGE);
    expect(listOf(response.headers['access-control-allow-methods'])).toEqual(
      expect.arrayContaining(['get', 'post', 'delete']),
    );
    expect(listOf(response.headers['access-control-allow-headers'])).toEqual(
      expect.arrayContaining(MCP_HEADERS),
    );
    expect(response.headers['access-control-max-age']).toBe('600');
    expect(listOf(response.headers.vary)).toContain('origin');
  });

  it('lets browsers read answers: the origin and the exposed MCP headers, on success', async () => {
    const running = await start(app({ cors: true }));
    const response = await listTools(`${running.baseUrl}/mcp`, { origin: PAGE });
    expect(response.status).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe(PAGE);
    expect(listOf(response.headers['access-control-expose-headers'])).toEqual(
      expect.arrayContaining(['mcp-session-id', 'www-authenticate']),
    );
    // A client that sends an Origin works end to end.
    const client = await connectClient(`${running.baseUrl}/mcp`, { origin: PAGE });
    try {
      expect(await callJson(client, 'fetch_widget', { id: 5 })).toMatchObject({ id: 5 });
    } finally {
      await client.close();
    }
  });

  it('puts the CORS headers on error answers of the endpoint (406, 413, 405)', async () => {
    const running = await start(app({ cors: true, maxRequestBytes: 1000 }));
    const url = `${running.baseUrl}/mcp`;
    const answers = [
      await rawRequest(url, {
        headers: { origin: PAGE, 'content-type': 'application/json', accept: 'application/json' },
        body: jsonRpc('tools/list'),
      }),
      await rawRequest(url, {
        headers: { ...MCP_POST_HEADERS, origin: PAGE },
        body: jsonRpc('tools/list', { _meta: { pad: 'x'.repeat(2000) } }),
      }),
      await rawRequest(url, { method: 'GET', headers: { origin: PAGE, accept: 'text/event-stream' } }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([406, 413, 405]);
    for (const answer of answers) {
      expect(answer.headers['access-control-allow-origin']).toBe(PAGE);
      expect(answer.message().error?.code).toBe(-32000);
    }
  });

  it("exposes WWW-Authenticate on auth's 401, so a browser client can start its OAuth flow", async () => {
    const running = await start(authApp({ ...guarded(), cors: true }));
    const url = `${running.baseUrl}/mcp`;
    const preflighted = await preflight(url, PAGE);
    expect(preflighted.status).toBe(204);
    const refused = await listTools(url, { origin: PAGE });
    expect(refused.status).toBe(401);
    expect(refused.headers['access-control-allow-origin']).toBe(PAGE);
    expect(listOf(refused.headers['access-control-expose-headers'])).toEqual([
      'mcp-session-id',
      'www-authenticate',
    ]);
    expect(refused.headers['www-authenticate']).toContain('Bearer');
    const served = await listTools(url, { origin: PAGE, ...bearer('alice', { role: 'admin' }) });
    expect(served.status).toBe(200);
    expect(served.headers['access-control-allow-origin']).toBe(PAGE);
  });

  it('allows exactly the origins the Origin check allows', async () => {
    const running = await start(app({ cors: true, allowedOrigins: [APP_ORIGIN] }));
    const url = `${running.baseUrl}/mcp`;
    for (const origin of [APP_ORIGIN, PAGE]) {
      const response = await preflight(url, origin);
      expect([origin, response.status, response.headers['access-control-allow-origin']]).toEqual([
        origin,
        204,
        origin,
      ]);
    }
    for (const refused of [
      await preflight(url, 'https://evil.example'),
      await listTools(url, { origin: 'https://evil.example' }),
    ]) {
      expect(refused.status).toBe(403);
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
      expect(refused.message().error?.message).toContain('allowedOrigins');
    }
  });

  it('allows the forwarded headers and the extra ones it is given', async () => {
    const running = await start(
      app({
        cors: { allowHeaders: ['X-Trace-Id'], exposeHeaders: ['x-request-id'], maxAge: 60 },
        forwardHeaders: ['authorization', 'x-tenant'],
      }),
    );
    const response = await preflight(`${running.baseUrl}/mcp`, PAGE, [
      ...MCP_HEADERS,
      'x-tenant',
      'x-trace-id',
    ]);
    expect(listOf(response.headers['access-control-allow-headers'])).toEqual(
      expect.arrayContaining([...MCP_HEADERS, 'x-tenant', 'x-trace-id']),
    );
    expect(response.headers['access-control-max-age']).toBe('60');
    const answer = await listTools(`${running.baseUrl}/mcp`, { origin: PAGE });
    expect(listOf(answer.headers['access-control-expose-headers'])).toEqual(
      expect.arrayContaining(['mcp-session-id', 'www-authenticate', 'x-request-id']),
    );
  });

  it('sends no CORS headers by default (cors off): browsers keep other origins out', async () => {
    const running = await start(app({}));
    const url = `${running.baseUrl}/mcp`;
    const preflighted = await preflight(url, PAGE);
    expect(preflighted.headers['access-control-allow-origin']).toBeUndefined();
    const answer = await listTools(url, { origin: PAGE });
    expect(answer.status).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses cors options it does not know at startup', async () => {
    await expect(start(app({ cors: { origins: ['https://a.example'] } as never }))).rejects.toThrow(
      'McpModule option "cors" does not know origins',
    );
  });
});
