import 'reflect-metadata';
import {
  ADAPTERS,
  createApp,
  listen,
  MCP_POST_HEADERS,
  rawRequest,
  type RawResponse,
  type RunningApp,
} from '@nestjs-mcp/testing';
import { erasApp } from './fixtures/eras.app.js';

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
});
