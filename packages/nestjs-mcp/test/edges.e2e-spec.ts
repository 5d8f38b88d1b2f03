import 'reflect-metadata';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import {
  ADAPTERS,
  appsPerTest,
  createApp,
  jsonRpc,
  listen,
  MCP_POST_HEADERS,
  rawRequest,
  type RawRequest,
  type RunningApp,
} from '@nestjs-mcp/testing';
import { widgetsApp } from './fixtures/widgets.app.js';

interface EdgeCase {
  readonly name: string;
  /** Path on the app; default `/mcp`. */
  readonly path?: string;
  readonly request: RawRequest;
  readonly status: number;
  /** The JSON-RPC error code of the answer. */
  readonly code: number;
  readonly message: string;
  /** The answer's id, when it is not `null`. */
  readonly id?: number;
  readonly headers?: Record<string, string>;
}

const post = (body: string | Buffer, headers: Record<string, string> = {}): RawRequest => ({
  headers: { ...MCP_POST_HEADERS, ...headers },
  body,
});
const withoutContentType = { accept: MCP_POST_HEADERS.accept };

/** Each row is a request the endpoint answers with a spec'd JSON-RPC error, identically on both adapters. */
const EDGES: readonly EdgeCase[] = [
  {
    name: 'a JSON-RPC message without method, result or error',
    request: post('{"jsonrpc":"2.0","id":7}'),
    status: 400,
    code: -32600,
    id: 7,
    message: 'a message needs a "method"',
  },
  {
    name: 'a request without "jsonrpc"',
    request: post('{"id":3,"method":"tools/list"}'),
    status: 400,
    code: -32600,
    id: 3,
    message: '"jsonrpc" must be "2.0"',
  },
  {
    name: 'an object id',
    request: post('{"jsonrpc":"2.0","id":{"n":1},"method":"tools/list"}'),
    status: 400,
    code: -32600,
    message: '"id" must be a string or an integer',
  },
  {
    name: 'a method that is not a string',
    request: post('{"jsonrpc":"2.0","id":4,"method":42}'),
    status: 400,
    code: -32600,
    id: 4,
    message: '"method" must be a non-empty string',
  },
  {
    name: 'a JSON number',
    request: post('42'),
    status: 400,
    code: -32600,
    message: 'expected a JSON-RPC message object, got the number 42',
  },
  {
    name: 'an empty batch',
    request: post('[]'),
    status: 400,
    code: -32600,
    message: 'empty array',
  },
  {
    name: 'a batch from a 2025-06-18 client',
    request: post(`[${jsonRpc('tools/list')}]`, { 'mcp-protocol-version': '2025-06-18' }),
    status: 400,
    code: -32600,
    message: 'batches are not supported in protocol version 2025-06-18',
  },
  {
    name: 'params given as an array',
    request: post('{"jsonrpc":"2.0","id":5,"method":"tools/list","params":[1]}'),
    status: 400,
    code: -32602,
    id: 5,
    message: '"params" must be an object',
  },
  {
    name: 'tools/call without a name',
    request: post(jsonRpc('tools/call', { arguments: {} }, 8)),
    status: 200,
    code: -32602,
    id: 8,
    message: "params.name: required, a string (the tool's name)",
  },
  {
    name: 'tools/call with arguments that are not an object',
    request: post(jsonRpc('tools/call', { name: 'fetch_widget', arguments: 3 }, 9)),
    status: 200,
    code: -32602,
    id: 9,
    message: 'params.arguments: expected an object, got a number',
  },
  {
    name: 'initialize without protocolVersion',
    request: post(jsonRpc('initialize', { capabilities: {}, clientInfo: { name: 'c', version: '1' } }, 10)),
    status: 200,
    code: -32602,
    id: 10,
    message: 'params.protocolVersion: required, a string',
  },
  {
    name: 'malformed JSON',
    request: post('{"jsonrpc": "2.0", "id": 1,'),
    status: 400,
    code: -32700,
    message: 'Parse error: the request body is not valid JSON',
  },
  {
    name: 'an empty body',
    request: post(''),
    status: 400,
    code: -32700,
    message: 'the request body is empty',
  },
  {
    name: 'an empty chunked body',
    request: post('', { 'transfer-encoding': 'chunked' }),
    status: 400,
    code: -32700,
    message: 'the request body is empty',
  },
  {
    name: 'an empty JSON object',
    request: post('{}'),
    status: 400,
    code: -32600,
    message: '"jsonrpc" must be "2.0", got nothing',
  },
  {
    name: 'an empty JSON object, chunked',
    request: post('{}', { 'transfer-encoding': 'chunked' }),
    status: 400,
    code: -32600,
    message: '"jsonrpc" must be "2.0", got nothing',
  },
  {
    name: 'a gzip body that decodes to nothing',
    request: post(gzipSync(''), { 'content-encoding': 'gzip' }),
    status: 400,
    code: -32700,
    message: 'the request body is empty',
  },
  {
    name: 'a gzip body that decodes to an empty JSON object',
    request: post(gzipSync('{}'), { 'content-encoding': 'gzip' }),
    status: 400,
    code: -32600,
    message: '"jsonrpc" must be "2.0", got nothing',
  },
  {
    name: 'a gzip Content-Encoding over bytes that are not gzip',
    request: post(Buffer.from('definitely not gzip'), { 'content-encoding': 'gzip' }),
    status: 400,
    code: -32700,
    message: 'the request body is not valid gzip data',
  },
  {
    name: 'an unsupported Content-Encoding',
    request: post(jsonRpc('tools/list'), { 'content-encoding': 'zstd' }),
    status: 415,
    code: -32000,
    message: 'Unsupported Content-Encoding: zstd',
  },
  {
    name: 'a body over the endpoint limit (maxRequestBytes, 4 MiB by default)',
    request: post(
      jsonRpc('tools/call', { name: 'create_widget', arguments: { name: 'x'.repeat(4_200_000) } }),
    ),
    status: 413,
    code: -32000,
    message: "Payload Too Large: the request body is over this MCP endpoint's limit of 4194304 bytes",
  },
  {
    name: 'a small gzip body that decodes past the endpoint limit',
    request: post(
      gzipSync(jsonRpc('tools/call', { name: 'create_widget', arguments: { name: ' '.repeat(5e6) } })),
      {
        'content-encoding': 'gzip',
      },
    ),
    status: 413,
    code: -32000,
    message: 'Payload Too Large: the request body is over this MCP endpoint',
  },
  {
    name: 'the endpoint path with a trailing slash',
    path: '/mcp/',
    request: post(jsonRpc('tools/list')),
    status: 404,
    code: -32000,
    message: 'Not found: /mcp/. The MCP endpoint is /mcp (exactly',
  },
  {
    name: 'the endpoint path in another case',
    path: '/MCP',
    request: post(jsonRpc('tools/list')),
    status: 404,
    code: -32000,
    message: 'Not found: /MCP. The MCP endpoint is /mcp (exactly',
  },
  {
    name: 'a JSON body in another charset than UTF-8',
    request: post(jsonRpc('tools/list'), { 'content-type': 'application/json; charset=latin1' }),
    status: 415,
    code: -32000,
    message: 'Content-Type must be application/json in UTF-8, got charset=latin1',
  },
  {
    name: 'a POST without Content-Type',
    request: { headers: withoutContentType, body: jsonRpc('tools/list') },
    status: 415,
    code: -32000,
    message: 'Content-Type must be application/json',
  },
  {
    name: 'a POST with an empty Content-Type',
    request: { headers: { ...withoutContentType, 'content-type': '' }, body: jsonRpc('tools/list') },
    status: 415,
    code: -32000,
    message: 'Content-Type must be application/json',
  },
  {
    name: 'a POST of another media type',
    request: post('<call/>', { 'content-type': 'application/xml' }),
    status: 415,
    code: -32000,
    message: 'Content-Type must be application/json',
  },
  {
    name: 'a client that does not accept SSE, sending another media type',
    request: post('<call/>', { 'content-type': 'application/xml', accept: 'application/json' }),
    status: 406,
    code: -32000,
    message: 'Not Acceptable',
  },
  ...(['DELETE', 'PUT', 'PATCH'] as const).map((method): EdgeCase => ({
    name: `a ${method} with a JSON content type and no body`,
    request: { method, headers: { ...MCP_POST_HEADERS, 'content-length': '0' } },
    status: 405,
    code: -32000,
    message: `Method not allowed: ${method}`,
    headers: { allow: 'POST' },
  })),
  {
    name: 'a PUT with a malformed JSON body',
    request: { method: 'PUT', headers: MCP_POST_HEADERS, body: '{"broken":' },
    status: 405,
    code: -32000,
    message: 'Method not allowed: PUT',
    headers: { allow: 'POST' },
  },
];

describe.each(ADAPTERS)('edge answers of the MCP endpoint on %s', (adapter) => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await listen(await createApp(widgetsApp(), adapter));
  });

  afterAll(() => running.close());

  it.each(EDGES)('answers $name with $status and $code', async (edge) => {
    const response = await rawRequest(`${running.baseUrl}${edge.path ?? '/mcp'}`, edge.request);
    expect(response.status).toBe(edge.status);
    expect(response.headers).toMatchObject(edge.headers ?? {});
    const message = response.message();
    expect(message).toMatchObject({ jsonrpc: '2.0', id: edge.id ?? null, error: { code: edge.code } });
    expect(message.error?.message).toContain(edge.message);
  });

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ] as const)('reads a %s-encoded request body', async (encoding, compress) => {
    const body = compress(Buffer.from(jsonRpc('tools/list')));
    const response = await rawRequest(`${running.baseUrl}/mcp`, post(body, { 'content-encoding': encoding }));
    expect(response.status).toBe(200);
    expect((response.message().result as { tools: unknown[] }).tools.length).toBeGreaterThan(0);
  });

  it('still serves batches to 2025-03-26 clients', async () => {
    const body = `[${jsonRpc('tools/list', {}, 1)},${jsonRpc('ping', {}, 2)}]`;
    const response = await rawRequest(
      `${running.baseUrl}/mcp`,
      post(body, { 'mcp-protocol-version': '2025-03-26' }),
    );
    expect(response.status).toBe(200);
    expect(response.text).toContain('"tools"');
  });

  it("leaves the app's own 404 and trailing-slash routing alone", async () => {
    for (const [method, path, body] of [
      ['PUT', '/widgets', '{}'],
      ['PATCH', '/mcp-not-here', '{}'],
      ['DELETE', '/widgets/', undefined],
      ['GET', '/nowhere/', undefined],
    ] as const) {
      const response = await rawRequest(`${running.baseUrl}${path}`, {
        method,
        headers: body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {},
        body,
      });
      expect(response.status).toBe(404);
      expect(JSON.parse(response.text)).toMatchObject({ statusCode: 404 });
    }
  });
});

describe.each(ADAPTERS)('edge answers under a global prefix on %s', (adapter) => {
  const apps = appsPerTest(adapter);

  it('names the prefixed endpoint for near-miss paths and answers its body errors', async () => {
    const running = await apps.start(widgetsApp(), (app) => app.setGlobalPrefix('api'));
    for (const path of ['/api/mcp/', '/API/MCP']) {
      const nearMiss = await rawRequest(`${running.baseUrl}${path}`, post('{"broken":'));
      expect(nearMiss.status).toBe(404);
      expect(nearMiss.message().error?.message).toBe(
        `Not found: ${path}. The MCP endpoint is /api/mcp (exactly: no trailing slash, same case).`,
      );
    }
    const broken = await rawRequest(`${running.baseUrl}/api/mcp`, post('{"broken":'));
    expect(broken.status).toBe(400);
    expect(broken.message().error?.code).toBe(-32700);
    const empty = await rawRequest(
      `${running.baseUrl}/api/mcp`,
      post('', { 'transfer-encoding': 'chunked' }),
    );
    expect(empty.status).toBe(400);
    expect(empty.message().error?.message).toContain('the request body is empty');
    const served = await rawRequest(`${running.baseUrl}/api/mcp`, post(jsonRpc('tools/list')));
    expect(served.status).toBe(200);
  });
});
