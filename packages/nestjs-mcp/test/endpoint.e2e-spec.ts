import 'reflect-metadata';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import {
  ADAPTERS,
  createApp,
  jsonRpc,
  listen,
  MCP_POST_HEADERS,
  rawRequest,
  type RunningApp,
} from '@nestjs-mcp/testing';
import { widgetsApp } from './fixtures/widgets.app.js';

describe.each(ADAPTERS)('the MCP endpoint on %s', (adapter) => {
  let running: RunningApp;
  let url: string;

  beforeAll(async () => {
    running = await listen(await createApp(widgetsApp(), adapter));
    url = `${running.baseUrl}/mcp`;
  });

  afterAll(() => running.close());

  it('answers GET and DELETE with 405 and a JSON-RPC error (stateless)', async () => {
    for (const method of ['GET', 'DELETE']) {
      const response = await rawRequest(url, { method, headers: { accept: 'text/event-stream' } });
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe('POST');
      expect(response.message().error?.message).toContain(`Method not allowed: ${method}`);
    }
  });

  it('answers malformed JSON with a JSON-RPC parse error, not an HTML page', async () => {
    const response = await rawRequest(url, {
      headers: MCP_POST_HEADERS,
      body: '{"jsonrpc": "2.0", "id": 1,',
    });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(response.text)).toMatchObject({ jsonrpc: '2.0', error: { code: -32700 }, id: null });
  });

  it('answers a body over maxRequestBytes (4 MiB by default) with a JSON-RPC error and 413', async () => {
    const body = jsonRpc('tools/call', { name: 'create_widget', arguments: { name: 'x'.repeat(4_200_000) } });
    const response = await rawRequest(url, { headers: MCP_POST_HEADERS, body });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.text)).toMatchObject({ jsonrpc: '2.0', error: { code: -32000 } });
  });

  it('keeps the transport status codes: 406 without the Accept types, 415 for another content type', async () => {
    const noAccept = await rawRequest(url, {
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: jsonRpc('tools/list'),
    });
    expect(noAccept.status).toBe(406);
    const wrongType = await rawRequest(url, {
      headers: { 'content-type': 'text/plain', accept: MCP_POST_HEADERS.accept },
      body: jsonRpc('tools/list'),
    });
    expect(wrongType.status).toBe(415);
    expect(JSON.parse(wrongType.text)).toMatchObject({ jsonrpc: '2.0', error: {} });
  });

  it('answers a valid request without a session, as a stateless server', async () => {
    const response = await rawRequest(url, { headers: MCP_POST_HEADERS, body: jsonRpc('tools/list') });
    expect(response.status).toBe(200);
    expect(response.headers['mcp-session-id']).toBeUndefined();
    expect((response.message().result as { tools: unknown[] }).tools.length).toBeGreaterThan(0);
  });

  it('serves a 2025-03-26 client and refuses an unknown protocol version with 400', async () => {
    const initialize = jsonRpc('initialize', {
      protocolVersion: '2025-03-26',
      capabilities: {},
      clientInfo: { name: 'old-client', version: '0.1.0' },
    });
    const old = await rawRequest(url, { headers: MCP_POST_HEADERS, body: initialize });
    expect(old.status).toBe(200);
    expect(old.message().result).toMatchObject({ protocolVersion: '2025-03-26' });
    const call = await rawRequest(url, {
      headers: { ...MCP_POST_HEADERS, 'mcp-protocol-version': '2025-03-26' },
      body: jsonRpc('tools/call', { name: 'fetch_widget', arguments: { id: 2 } }),
    });
    expect(call.message().result).toMatchObject({ content: [{ type: 'text' }] });
    const unknown = await rawRequest(url, {
      headers: { ...MCP_POST_HEADERS, 'mcp-protocol-version': '1999-01-01' },
      body: jsonRpc('tools/list'),
    });
    expect(unknown.status).toBe(400);
  });

  it('leaves other routes body errors to the app', async () => {
    const response = await rawRequest(`${running.baseUrl}/widgets`, {
      headers: { 'content-type': 'application/json' },
      body: '{"broken":',
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toMatchObject({ statusCode: 400 });
  });

  it('is neither in the app Swagger document nor leaves a trace in it', () => {
    const document = SwaggerModule.createDocument(running.app, new DocumentBuilder().build());
    expect(Object.keys(document.paths)).not.toContain('/mcp');
    expect(JSON.stringify(document)).not.toContain('x-nestjs-mcp');
    expect(Object.keys(document.paths)).toContain('/widgets/{id}');
  });
});
