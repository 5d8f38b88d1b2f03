import 'reflect-metadata';
import {
  Client as ClientV2,
  StreamableHTTPClientTransport as TransportV2,
} from '@modelcontextprotocol/client';
import {
  ADAPTERS,
  appsPerTest,
  bearer,
  connectClient,
  MCP_POST_HEADERS,
  rawRequest,
} from '@nestjs-mcp/testing';
import { widgetsApp } from './fixtures/widgets.app.js';

const MODERN = '2026-07-28';

/** A 2026-07-28 request as a client of that revision sends it: version in `_meta` and in the headers. */
function modernRequest(method: string, id: number, params: Record<string, unknown> = {}) {
  const envelope = {
    'io.modelcontextprotocol/protocolVersion': MODERN,
    'io.modelcontextprotocol/clientCapabilities': {},
  };
  return {
    headers: { ...MCP_POST_HEADERS, 'mcp-protocol-version': MODERN, 'mcp-method': method },
    body: JSON.stringify({ jsonrpc: '2.0', id, method, params: { ...params, _meta: envelope } }),
  };
}

/** The SDK v2 client negotiating as told: pinned to 2026-07-28, or probing (`auto`). */
async function connectV2(
  url: string,
  mode: 'auto' | { pin: string },
  headers: Record<string, string> = {},
): Promise<ClientV2> {
  const client = new ClientV2({ name: 'era-probe', version: '1.0.0' }, { versionNegotiation: { mode } });
  await client.connect(new TransportV2(new URL(url), { requestInit: { headers } }));
  return client;
}

describe.each(ADAPTERS)('protocolVersions on %s', (adapter) => {
  const { start } = appsPerTest(adapter);

  it('serves both eras by default; tools/list is cacheable for 2026-07-28 clients (public without auth)', async () => {
    const app = await start(widgetsApp());
    const answer = await rawRequest(`${app.baseUrl}/mcp`, modernRequest('tools/list', 3));
    expect(answer.status).toBe(200);
    expect(answer.message()).toMatchObject({
      id: 3,
      result: { resultType: 'complete', ttlMs: 60_000, cacheScope: 'public' },
    });
    const legacy = await app.connect();
    expect((await legacy.listTools()).tools.length).toBeGreaterThan(0);
  });

  it("forwards a 2026-07-28 caller's token to the route, as for 2025-era callers", async () => {
    const app = await start(widgetsApp());
    const url = `${app.baseUrl}/mcp`;
    const alice = await connectV2(url, { pin: MODERN }, bearer('alice', { role: 'admin' }));
    const anonymous = await connectV2(url, { pin: MODERN });
    try {
      const who = await alice.callTool({ name: 'who_am_i', arguments: {} });
      expect(who.isError).toBeFalsy();
      expect(JSON.parse((who.content as Array<{ text: string }>)[0].text)).toEqual({
        id: 'alice',
        role: 'admin',
      });
      const refused = await anonymous.callTool({ name: 'who_am_i', arguments: {} });
      expect(refused.isError).toBe(true);
    } finally {
      await Promise.all([alice.close(), anonymous.close()]);
    }
  });

  it("['2026-07-28'] serves 2026-07-28 clients only: initialize gets the unsupported-version error", async () => {
    const app = await start(widgetsApp({ protocolVersions: [MODERN] }));
    const url = `${app.baseUrl}/mcp`;
    const pinned = await connectV2(url, { pin: MODERN });
    try {
      expect(pinned.getProtocolEra()).toBe('modern');
      expect((await pinned.listTools()).tools.map((tool) => tool.name)).toContain('fetch_widget');
    } finally {
      await pinned.close();
    }
    await expect(connectClient(url)).rejects.toThrow(/2026-07-28/);
  });

  it('2025 revisions only: 2026-07-28 requests are refused listing them, and probing clients fall back', async () => {
    const app = await start(widgetsApp({ protocolVersions: ['2025-11-25', '2025-06-18'] }));
    const url = `${app.baseUrl}/mcp`;
    const refused = await rawRequest(url, modernRequest('tools/list', 4));
    expect(refused.status).toBe(400);
    expect(refused.message()).toEqual({
      jsonrpc: '2.0',
      id: 4,
      error: {
        code: -32022,
        message: 'Unsupported protocol version: 2026-07-28. This server supports 2025-11-25, 2025-06-18.',
        data: { supported: ['2025-11-25', '2025-06-18'], requested: MODERN },
      },
    });
    const probing = await connectV2(url, 'auto');
    try {
      expect(probing.getProtocolEra()).toBe('legacy');
      expect((await probing.listTools()).tools.map((tool) => tool.name)).toContain('fetch_widget');
    } finally {
      await probing.close();
    }
    const oldHeader = await rawRequest(url, {
      headers: { ...MCP_POST_HEADERS, 'mcp-protocol-version': '2025-03-26' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 'x', method: 'tools/list' }),
    });
    expect(oldHeader.status).toBe(400);
    expect(oldHeader.message()).toMatchObject({
      id: 'x',
      error: {
        code: -32000,
        message:
          'Bad Request: Unsupported protocol version: 2025-03-26 (supported versions: 2025-11-25, 2025-06-18)',
      },
    });
  });
});
