import 'reflect-metadata';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  ADAPTERS,
  bearer,
  callJson,
  callTool,
  createApp,
  jsonRpc,
  listen,
  MCP_POST_HEADERS,
  type AdapterName,
  type RunningApp,
} from '@nestjs-mcp/testing';
import type { McpModuleOptions } from 'nestjs-mcp';
import { connectV2 } from './fixtures/era-clients.js';
import { NotesInstance, notesApp } from './fixtures/notes.app.js';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `condition` holds, for up to 10 s (the machine may be busy). */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 10_000) throw new Error(`${what} did not happen within 10 s`);
    await wait(20);
  }
}

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Closes the API app, ending its connections first: after a call was aborted (size cap, timeout), Node's
 * fetch (undici) opens a spare connection that sends nothing, which the server would wait for.
 */
async function closeApi(api: RunningApp | undefined): Promise<void> {
  if (!api) return;
  (api.app.getHttpServer() as Server).closeAllConnections();
  await api.close();
}

const instanceOf = (app: RunningApp): NotesInstance => app.app.get(NotesInstance);

/** Starts the notes app labelled `label` on `adapter`, with `prefix` as its global prefix. */
async function startNotes(
  adapter: AdapterName,
  label: string,
  options: McpModuleOptions = {},
  prefix?: string,
): Promise<RunningApp> {
  const app: INestApplication = await createApp(notesApp(label, options), adapter);
  if (prefix) app.setGlobalPrefix(prefix);
  return listen(app);
}

describe.each(ADAPTERS)('separate deployment (baseUrl) on %s', (adapter) => {
  let api: RunningApp;
  let mcp: RunningApp;
  let client: Client;

  beforeAll(async () => {
    // The API is served under /edge/api; the MCP app knows its routes as /api/… and reaches them through a
    // base URL with the /edge path, as behind a proxy that mounts the API there.
    api = await startNotes(adapter, 'api', {}, 'edge/api');
    const baseUrl = `${api.baseUrl}/edge/`;
    mcp = await startNotes(adapter, 'mcp', { baseUrl, timeoutMs: 60_000 }, 'api');
    client = await mcp.connect({ path: '/api/mcp' });
  });

  afterAll(async () => {
    await mcp?.close();
    await closeApi(api);
  });

  it('runs a GET with path and query values on the API instance, not on the MCP instance', async () => {
    const note = await callJson(client, 'get_note', { id: 5, shout: true });
    expect(note).toEqual({ id: 5, text: 'NOTE 5', servedBy: 'api' });
    expect(instanceOf(api).served).toContain('GET /edge/api/notes/5?shout=true');
    expect(instanceOf(mcp).served).toEqual([]);
  });

  it('sends a POST body, and the write lands in the API instance only', async () => {
    const created = await callJson<{ id: number; servedBy: string }>(client, 'create_note', {
      text: 'hello',
    });
    expect(created).toMatchObject({ text: 'hello', servedBy: 'api' });
    expect(instanceOf(api).notes).toContainEqual({ id: created.id, text: 'hello' });
    expect(instanceOf(mcp).notes).toEqual([]);
  });

  it("forwards the caller's bearer token to the API's guard", async () => {
    const withToken = await mcp.connect({ path: '/api/mcp', headers: bearer('ada', { role: 'admin' }) });
    const me = await callJson(withToken, 'who_am_i');
    expect(me).toEqual({ user: { id: 'ada', role: 'admin' }, servedBy: 'api' });

    const anonymous = await callTool(client, 'who_am_i');
    expect(anonymous.isError).toBe(true);
    expect(anonymous.text).toContain('Status code: 401');
  });

  it("sends the MCP caller's address as X-Forwarded-For", async () => {
    const seen = await callJson<{ forwardedFor: string; servedBy: string }>(client, 'client_address');
    expect(seen.servedBy).toBe('api');
    expect(seen.forwardedFor).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  });

  it("gives the API's 404 as an error result", async () => {
    const missing = await callTool(client, 'get_note', { id: 404 });
    expect(missing.isError).toBe(true);
    expect(missing.text).toContain('Status code: 404');
    expect(missing.text).toContain('Note 404 not found');
  });

  it('does not follow a redirect: the result says where it points', async () => {
    const moved = await callTool(client, 'old_note');
    expect(moved).toEqual({ isError: false, text: 'Redirect: status 302, Location: /notes/1' });
    expect(instanceOf(api).served).not.toContain('GET /edge/api/notes/1');
  });

  it('ends the request to the API when the MCP client disconnects from the call', async () => {
    const disconnect = new AbortController();
    const call = fetch(`${mcp.baseUrl}/api/mcp`, {
      method: 'POST',
      headers: MCP_POST_HEADERS,
      body: jsonRpc('tools/call', { name: 'slow_note', arguments: {} }),
      signal: disconnect.signal,
    }).then((response) => response.text());
    await until(() => instanceOf(api).slowStarted, 'the slow route starting');
    disconnect.abort();
    await expect(call).rejects.toThrow();
    // Long before the 60 s timeout, and the route's own 30 s.
    await until(() => instanceOf(api).slowClosed, 'the request to the API closing');
  });

  it('works for a 2026-07-28 client (v2 SDK) too', async () => {
    const modern = await connectV2(`${mcp.baseUrl}/api/mcp`);
    try {
      const result = await modern.callTool({ name: 'get_note', arguments: { id: 9 } });
      const text = (result.content as Array<{ text: string }>)[0].text;
      expect(JSON.parse(text)).toEqual({ id: 9, text: 'note 9', servedBy: 'api' });
    } finally {
      await modern.close();
    }
  });
});

describe.each(ADAPTERS)('separate deployment limits on %s', (adapter) => {
  let api: RunningApp;
  let mcp: RunningApp;
  let client: Client;

  beforeAll(async () => {
    api = await startNotes(adapter, 'api');
    mcp = await startNotes(adapter, 'mcp', { baseUrl: api.baseUrl, maxResponseBytes: 2000, timeoutMs: 1500 });
    client = await mcp.connect();
  });

  afterAll(async () => {
    await mcp?.close();
    await closeApi(api);
  });

  it('cuts a body over maxResponseBytes, naming its declared size', async () => {
    const result = await client.callTool({ name: 'big_text', arguments: { bytes: 50_000 } });
    const texts = (result.content as Array<{ text: string }>).map((block) => block.text);
    expect(texts[0]).toBe('b'.repeat(2000));
    expect(texts[1]).toContain('showed the first 2000 of 50000 bytes');
  });

  it('stops reading an endless body past the cap, and the API sees the connection close', async () => {
    const result = await client.callTool({ name: 'endless_text', arguments: {} });
    const texts = (result.content as Array<{ text: string }>).map((block) => block.text);
    expect(texts[0]).toBe('e'.repeat(2000));
    expect(texts[1]).toContain('showed the first 2000 of more than 2000 bytes');
    await until(() => instanceOf(api).endlessClosed, 'the endless stream closing');
  });

  it('times out a slow route with the usual message, and ends its request', async () => {
    const slow = await callTool(client, 'slow_note');
    expect(slow.isError).toBe(true);
    expect(slow.text).toContain('did not answer within 1500 ms');
    expect(slow.text).toContain('"timeoutMs"');
    await until(() => instanceOf(api).slowClosed, 'the slow request closing');
  });
});

describe.each(ADAPTERS)('separate deployment with the API down, on %s', (adapter) => {
  let mcp: RunningApp;

  afterAll(async () => {
    await mcp?.close();
  });

  it('answers a call with an error result naming the URL and the refused connection', async () => {
    const port = await closedPort();
    mcp = await startNotes(adapter, 'mcp', { baseUrl: `http://127.0.0.1:${port}/base` });
    const client = await mcp.connect();
    const down = await callTool(client, 'get_note', { id: 3 });
    expect(down.isError).toBe(true);
    expect(down.text).toContain(`failed: GET http://127.0.0.1:${port}/base/notes/3: connection refused`);
    expect(down.text).toContain('connection refused');
    expect(down.text).toContain('ECONNREFUSED');
    // The catalog still comes from this app's metadata, down or not.
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('create_note');
    expect(instanceOf(mcp).served).toEqual([]);
  });

  it('refuses an invalid baseUrl at startup, naming the option', async () => {
    for (const baseUrl of [
      'localhost:3000',
      'ftp://host',
      'http://host/?a=1',
      'http://u:p@host',
      'http://h:6000',
    ]) {
      await expect(createApp(notesApp('mcp', { baseUrl }), adapter)).rejects.toThrow(/"baseUrl"/);
    }
  });
});
