import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { DocumentBuilder } from '@nestjs/swagger';
import {
  ADAPTERS,
  createApp,
  listen,
  MCP_POST_HEADERS,
  rawRequest,
  type RawResponse,
  type RunningApp,
} from '@nestjs-mcp/testing';
import { getMcpToolsServiceToken, McpModule, type McpToolsService } from 'nestjs-mcp';
import { BooksController, erasApp } from './fixtures/eras.app.js';

/**
 * The stateless fast path answers plain 2025-era `tools/call` and `tools/list` itself; anything with a
 * `_meta` goes through the SDK. An empty `_meta` changes nothing in the answer, so the same request with
 * and without one must get the same bytes: if the SDK's answer changes (an upgrade), this fails.
 */
const REQUESTS: ReadonlyArray<[string, Record<string, string>, string, Record<string, unknown>, unknown]> = [
  ['a call', { 'mcp-protocol-version': '2025-11-25' }, 'tools/call', bookCall('9780262510875'), 1],
  ['a call with a string id', { 'mcp-protocol-version': '2025-06-18' }, 'tools/call', bookCall('1'), 'a"b'],
  [
    'a call the route answers 404',
    { 'mcp-protocol-version': '2025-11-25' },
    'tools/call',
    bookCall('0000000000000'),
    2,
  ],
  [
    'a call refused by argument validation',
    { 'mcp-protocol-version': '2025-11-25' },
    'tools/call',
    { name: 'add_book', arguments: { title: 'T' } },
    3,
  ],
  [
    'a call with no arguments',
    { 'mcp-protocol-version': '2025-03-26' },
    'tools/call',
    { name: 'get_book' },
    4,
  ],
  ['a call without MCP-Protocol-Version', {}, 'tools/call', bookCall('9780262510875'), 5],
  ['a listing', { 'mcp-protocol-version': '2025-11-25' }, 'tools/list', {}, 6],
  ['a listing at 2024-11-05', { 'mcp-protocol-version': '2024-11-05' }, 'tools/list', {}, 7],
];

const ENVELOPE = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientCapabilities': {},
};

/**
 * 2026-07-28 requests with the plain envelope; the same with a foreign `_meta` key (which the SDK ignores)
 * go through the SDK.
 */
const MODERN_REQUESTS: ReadonlyArray<[string, string, Record<string, unknown>, unknown]> = [
  ['a call', 'tools/call', bookCall('9780262510875'), 1],
  ['a call with a string id', 'tools/call', bookCall('1'), 'x'],
  ['a call the route answers 404', 'tools/call', bookCall('0000000000000'), 2],
  ['a call refused by argument validation', 'tools/call', { name: 'add_book', arguments: { title: 'T' } }, 3],
  ['a call with no arguments', 'tools/call', { name: 'get_book' }, 4],
  [
    'a call with clientInfo and capabilities',
    'tools/call',
    {
      ...bookCall('9780262510875'),
      _meta: {
        ...ENVELOPE,
        'io.modelcontextprotocol/clientInfo': { name: 'agent', version: '2.0.0' },
        'io.modelcontextprotocol/clientCapabilities': { roots: { listChanged: true }, sampling: {} },
      },
    },
    5,
  ],
  ['a listing', 'tools/list', {}, 6],
];

function bookCall(isbn: string): Record<string, unknown> {
  return { name: 'get_book', arguments: { isbn } };
}

/** What must match: status, body, and every header but the clock's and the connection's. */
function answerOf(response: RawResponse) {
  const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...headers } = response.headers;
  return { status: response.status, headers, body: response.text };
}

describe.each(ADAPTERS)('the stateless fast path on %s', (adapter) => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await listen(await createApp(erasApp(), adapter));
  });
  afterAll(() => running.close());

  it.each(REQUESTS)(
    'answers %s byte for byte as the SDK does',
    async (_name, headers, method, params, id) => {
      const post = (body: string) =>
        rawRequest(`${running.baseUrl}/mcp`, { headers: { ...MCP_POST_HEADERS, ...headers }, body });
      const plain = await post(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
      const throughSdk = await post(
        JSON.stringify({ jsonrpc: '2.0', id, method, params: { ...params, _meta: {} } }),
      );
      expect(plain.status).toBe(200);
      expect(plain.message().id).toEqual(id);
      expect(answerOf(plain)).toEqual(answerOf(throughSdk));
    },
  );

  it.each(MODERN_REQUESTS)(
    'answers a 2026-07-28 %s byte for byte as the SDK does',
    async (_name, method, params, id) => {
      const headers = {
        ...MCP_POST_HEADERS,
        'mcp-protocol-version': '2026-07-28',
        'mcp-method': method,
        ...(typeof params.name === 'string' ? { 'mcp-name': params.name } : {}),
      };
      const post = (meta: Record<string, unknown>) =>
        rawRequest(`${running.baseUrl}/mcp`, {
          headers,
          body: JSON.stringify({ jsonrpc: '2.0', id, method, params: { ...params, _meta: meta } }),
        });
      const meta = (params['_meta'] as Record<string, unknown> | undefined) ?? ENVELOPE;
      const plain = await post(meta);
      const throughSdk = await post({ ...meta, 'x-nestjs-mcp-test/through': 'sdk' });
      expect(plain.status).toBe(200);
      expect(plain.message().result).toMatchObject({ resultType: 'complete' });
      expect(answerOf(plain)).toEqual(answerOf(throughSdk));
    },
  );

  it.each([
    ['2025-11-25', 'extra'],
    ['2025-11-25', 'result'],
    ['2026-07-28', 'extra'],
    ['2026-07-28', 'result'],
  ])('leaves a %s call with a "%s" member to the SDK, which refuses it unrun', async (version, member) => {
    const modern = version === '2026-07-28';
    const response = await rawRequest(`${running.baseUrl}/mcp`, {
      headers: {
        ...MCP_POST_HEADERS,
        'mcp-protocol-version': version,
        ...(modern ? { 'mcp-method': 'tools/call', 'mcp-name': 'get_book' } : {}),
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 8,
        method: 'tools/call',
        params: { ...bookCall('1'), ...(modern ? { _meta: ENVELOPE } : {}) },
        [member]: {},
      }),
    });
    expect(response.status).toBe(400);
    expect(response.message()).toMatchObject({ id: 8, error: { code: -32600 } });
  });
});

/** A server named by its OpenAPI document: `refresh()` reads the identity again. */
const identityConfig = new DocumentBuilder().setTitle('Books').setVersion('1.0.0').build();

@Module({
  imports: [McpModule.forRoot({ swagger: { config: identityConfig } })],
  controllers: [BooksController],
})
class IdentityAppModule {}

describe.each(ADAPTERS)('the fast path after refresh() on %s', (adapter) => {
  let running: RunningApp;

  beforeAll(async () => {
    identityConfig.info.version = '1.0.0';
    running = await listen(await createApp(IdentityAppModule, adapter));
  });
  afterAll(() => running.close());

  it('names the server as the SDK does once its identity changed', async () => {
    const serverInfo = async (meta: Record<string, unknown>) => {
      const response = await rawRequest(`${running.baseUrl}/mcp`, {
        headers: { ...MCP_POST_HEADERS, 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/list' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta: meta } }),
      });
      const result = response.message().result as Record<string, Record<string, unknown>>;
      return result['_meta']['io.modelcontextprotocol/serverInfo'];
    };
    expect(await serverInfo(ENVELOPE)).toEqual({ name: 'Books', version: '1.0.0' });
    identityConfig.info.version = '2.0.0';
    running.app.get<McpToolsService>(getMcpToolsServiceToken()).refresh();
    const throughSdk = await serverInfo({ ...ENVELOPE, 'x-nestjs-mcp-test/through': 'sdk' });
    expect(throughSdk).toEqual({ name: 'Books', version: '2.0.0' });
    expect(await serverInfo(ENVELOPE)).toEqual(throughSdk);
  });
});
