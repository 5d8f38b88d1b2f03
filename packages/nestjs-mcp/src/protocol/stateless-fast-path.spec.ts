import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Tool } from '../catalog/tool.js';
import { answeredFast, type FastPathSettings } from './stateless-fast-path.js';
import type { ToolProvider } from './tool-provider.js';

const tool = {
  name: 'get_item',
  description: 'Gets an item',
  inputSchema: { type: 'object' },
} as unknown as Tool;

function provider(overrides: Partial<ToolProvider> = {}): ToolProvider & { calls: unknown[] } {
  const calls: unknown[] = [];
  return {
    calls,
    server: { name: 'Test', version: '1.0.0' },
    list: () => [tool],
    has: (name) => name === 'get_item',
    call: async (name, args) => {
      calls.push([name, args]);
      return { content: [{ type: 'text', text: '{"id":1}' }], structuredContent: { id: 1 } };
    },
    ...overrides,
  } as ToolProvider & { calls: unknown[] };
}

/** Just what the fast path touches of a Node response. */
function response() {
  const written: { status?: number; headers?: Record<string, string>; body?: string } = {};
  const res = {
    headersSent: false,
    writableFinished: false,
    once: () => res,
    off: () => res,
    writeHead(status: number, headers: Record<string, string>) {
      written.status = status;
      written.headers = headers;
      return res;
    },
    cork: () => undefined,
    write(chunk: Buffer) {
      written.body = (written.body ?? '') + chunk.toString();
      return true;
    },
    end(chunk: Buffer) {
      written.body = (written.body ?? '') + chunk.toString();
      return res;
    },
  };
  return { res: res as unknown as ServerResponse, written };
}

const SETTINGS: FastPathSettings = { legacy: true, modern: true, listTtlMs: 60_000, listScope: 'public' };
const MODERN_HEADERS = { 'mcp-protocol-version': '2026-07-28' };
const ENVELOPE = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientCapabilities': {},
};

const request = (headers: Record<string, string> = {}) => ({ headers }) as unknown as IncomingMessage;
const caller = { headers: {} };

describe('answeredFast', () => {
  it('answers a plain 2025 tools/call with the result in one JSON body, as the SDK writes it', async () => {
    const tools = provider();
    const { res, written } = response();
    const body = {
      jsonrpc: '2.0',
      id: 7,
      method: 'tools/call',
      params: { name: 'get_item', arguments: { id: 1 } },
    };
    await answeredFast(tools, caller, request({ 'mcp-protocol-version': '2025-06-18' }), res, body, SETTINGS);
    expect(tools.calls).toEqual([['get_item', { id: 1 }]]);
    expect(written.status).toBe(200);
    expect(written.headers?.['content-type']).toBe('application/json');
    expect(written.body).toBe(
      '{"result":{"content":[{"type":"text","text":"{\\"id\\":1}"}],"structuredContent":{"id":1}},"jsonrpc":"2.0","id":7}',
    );
    expect(JSON.parse(written.body ?? '')).toMatchObject({ id: 7, result: { structuredContent: { id: 1 } } });
  });

  it('answers a plain tools/list from the prepared listing', async () => {
    const { res, written } = response();
    await answeredFast(
      provider(),
      caller,
      request(),
      res,
      { jsonrpc: '2.0', id: 'a', method: 'tools/list' },
      SETTINGS,
    );
    // Written in pieces: the length announced is the whole body's.
    expect(Number(written.headers?.['content-length'])).toBe(Buffer.byteLength(written.body ?? ''));
    expect(JSON.parse(written.body ?? '')).toEqual({
      jsonrpc: '2.0',
      id: 'a',
      result: { tools: [expect.objectContaining({ name: 'get_item', inputSchema: { type: 'object' } })] },
    });
  });

  it.each([
    ['a 2026-07-28 header without its envelope', MODERN_HEADERS, {}],
    [
      'a 2026-07-28 request with more than the plain envelope (a log level)',
      { ...MODERN_HEADERS, 'mcp-method': 'tools/call', 'mcp-name': 'get_item' },
      { params: { name: 'get_item', _meta: { ...ENVELOPE, 'io.modelcontextprotocol/logLevel': 'debug' } } },
    ],
    [
      'a request with _meta (progress, an envelope)',
      {},
      { params: { name: 'get_item', _meta: { progressToken: 1 } } },
    ],
    ['an unknown tool (the SDK answers -32602)', {}, { params: { name: 'nope' } }],
    ['a batch', {}, 'batch'],
    ['another method', {}, { method: 'initialize' }],
    ['a notification', {}, { id: undefined }],
  ])('leaves %s to the SDK', (_name, headers, change) => {
    const base = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'get_item', arguments: {} } };
    const body = change === 'batch' ? [base] : { ...base, ...(change as object) };
    const { res, written } = response();
    expect(answeredFast(provider(), caller, request(headers), res, body, SETTINGS)).toBeUndefined();
    expect(written.status).toBeUndefined();
  });

  it('leaves a listing that depends on the caller to the SDK', () => {
    const tools = provider({ listFor: async () => [] });
    const { res } = response();
    expect(
      answeredFast(tools, caller, request(), res, { jsonrpc: '2.0', id: 1, method: 'tools/list' }, SETTINGS),
    ).toBeUndefined();
  });

  it('answers a plain 2026-07-28 call with what that revision adds: resultType and the server', async () => {
    const { res, written } = response();
    const headers = { ...MODERN_HEADERS, 'mcp-method': 'tools/call', 'mcp-name': 'get_item' };
    const body = {
      jsonrpc: '2.0',
      id: 3,
      method: 'tools/call',
      params: { name: 'get_item', _meta: ENVELOPE },
    };
    await answeredFast(provider(), caller, request(headers), res, body, SETTINGS);
    expect(written.body).toBe(
      '{"result":{"content":[{"type":"text","text":"{\\"id\\":1}"}],"structuredContent":{"id":1},' +
        '"resultType":"complete","_meta":{"io.modelcontextprotocol/serverInfo":{"name":"Test","version":"1.0.0"}}},' +
        '"jsonrpc":"2.0","id":3}',
    );
  });

  it('answers a plain 2026-07-28 listing with its cache hint', async () => {
    const { res, written } = response();
    const headers = { ...MODERN_HEADERS, 'mcp-method': 'tools/list' };
    const body = { jsonrpc: '2.0', id: 4, method: 'tools/list', params: { _meta: ENVELOPE } };
    await answeredFast(provider(), caller, request(headers), res, body, {
      ...SETTINGS,
      listScope: 'private',
    });
    expect(Number(written.headers?.['content-length'])).toBe(Buffer.byteLength(written.body ?? ''));
    expect(JSON.parse(written.body ?? '')).toEqual({
      jsonrpc: '2.0',
      id: 4,
      result: {
        tools: [expect.objectContaining({ name: 'get_item' })],
        resultType: 'complete',
        ttlMs: 60_000,
        cacheScope: 'private',
        _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'Test', version: '1.0.0' } },
      },
    });
  });

  it('leaves an era the endpoint does not serve to the SDK', () => {
    const legacy = { jsonrpc: '2.0', id: 1, method: 'tools/list' };
    const modern = { ...legacy, params: { _meta: ENVELOPE } };
    const modernRequest = request({ ...MODERN_HEADERS, 'mcp-method': 'tools/list' });
    expect(
      answeredFast(provider(), caller, request(), response().res, legacy, { ...SETTINGS, legacy: false }),
    ).toBeUndefined();
    expect(
      answeredFast(provider(), caller, modernRequest, response().res, modern, { ...SETTINGS, modern: false }),
    ).toBeUndefined();
  });
});
