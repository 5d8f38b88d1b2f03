import 'reflect-metadata';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  ADAPTERS,
  bearer,
  callJson,
  callRefused,
  callTool,
  createApp,
  jsonRpc,
  listen,
  MCP_POST_HEADERS,
  rawRequest,
  type RunningApp,
} from '@nestjs-mcp/testing';
import { widgetsApp } from './fixtures/widgets.app.js';

describe.each(ADAPTERS)('tools on %s', (adapter) => {
  let running: RunningApp;
  let client: Client;

  beforeAll(async () => {
    const module = widgetsApp({ name: 'Widgets MCP', instructions: 'Use the widgets.' });
    running = await listen(await createApp(module, adapter));
    client = await running.connect();
  });

  afterAll(() => running.close());

  it('initializes with the configured name and instructions', () => {
    expect(client.getServerVersion()).toMatchObject({ name: 'Widgets MCP', version: '1.0.0' });
    expect(client.getInstructions()).toBe('Use the widgets.');
  });

  describe('tools/list', () => {
    it('lists every documented route but excluded ones, named by operationId or @McpTool', async () => {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual([
        'count_categories',
        'create_widget',
        'delete_widget',
        'fetch_widget',
        'filtered_failure',
        'list_widgets',
        'pipeline_probe',
        'plain_text',
        'who_am_i',
      ]);
    });

    it('describes a tool with its summary and description, and @McpTool title', async () => {
      const { tools } = await client.listTools();
      const byName = new Map(tools.map((tool) => [tool.name, tool]));
      expect(byName.get('list_widgets')?.description).toBe(
        'List widgets\n\nPages through widgets.\n\n### Responses:\n\n**200**: OK (Success Response)',
      );
      expect(byName.get('delete_widget')?.description).toBe(
        'DELETE /widgets/{id}\n\n### Responses:\n\n**204**: No Content (Success Response)',
      );
      expect(byName.get('fetch_widget')?.title).toBe('Fetch one widget');
    });

    it('flattens path, query and body into one titled input schema', async () => {
      const { tools } = await client.listTools();
      const byName = new Map(tools.map((tool) => [tool.name, tool]));
      expect(byName.get('fetch_widget')?.inputSchema).toEqual({
        type: 'object',
        additionalProperties: false,
        properties: { id: { type: 'number', title: 'id' } },
        required: ['id'],
      });
      expect(byName.get('list_widgets')?.inputSchema).toEqual({
        type: 'object',
        additionalProperties: false,
        properties: { limit: { type: 'number', title: 'limit', description: 'Page size' } },
      });
      const create = byName.get('create_widget')?.inputSchema;
      expect(create?.required).toEqual(['name', 'size']);
      expect(create?.properties).toEqual({
        name: {
          type: 'string',
          title: 'name',
          description: 'Display name',
          minLength: 2,
          examples: ['Sprocket'],
        },
        size: { type: 'number', title: 'size', description: 'Size in millimetres', minimum: 1 },
        note: { type: ['string', 'null'], title: 'note', description: 'Free-form note' },
      });
    });

    it('keeps a recursive DTO as local $defs', async () => {
      const { tools } = await client.listTools();
      const schema = tools.find((tool) => tool.name === 'count_categories')?.inputSchema as Record<
        string,
        any
      >;
      expect(schema.properties.children).toMatchObject({
        type: 'array',
        items: { $ref: '#/$defs/CategoryDto' },
      });
      expect(schema.$defs.CategoryDto.properties.children.items).toEqual({ $ref: '#/$defs/CategoryDto' });
    });
  });

  describe('tools/call', () => {
    it('returns JSON pretty-printed with non-ASCII kept', async () => {
      const { text, isError } = await callTool(client, 'fetch_widget', { id: 5 });
      expect(isError).toBe(false);
      expect(text).toBe(JSON.stringify({ id: 5, name: 'Widget 5', label: 'Größe ✓' }, null, 2));
    });

    it('sends query parameters and applies the route pipes', async () => {
      expect(await callJson(client, 'list_widgets', { limit: 3 })).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
      expect(await callJson(client, 'list_widgets')).toEqual([{ id: 1 }, { id: 2 }]);
    });

    it('sends the body as JSON and returns the 201 result', async () => {
      const created = await callJson(client, 'create_widget', { name: 'Sprocket', size: 3, note: null });
      expect(created).toEqual({ id: 7, name: 'Sprocket', size: 3, note: null });
    });

    it('says a 204 is empty and returns plain text as is', async () => {
      expect(await callTool(client, 'delete_widget', { id: 1 })).toEqual({
        text: 'The route answered 204 with an empty response (no content).',
        isError: false,
      });
      expect(await callTool(client, 'plain_text')).toEqual({ text: 'just text, größer ✓', isError: false });
    });

    it('sends a recursive body', async () => {
      const tree = { name: 'root', children: [{ name: 'a', children: [{ name: 'a1' }] }, { name: 'b' }] };
      expect(await callJson(client, 'count_categories', tree)).toEqual({ count: 4 });
    });

    it('reports a 404 as an error result with the status and body', async () => {
      const { text, isError } = await callTool(client, 'fetch_widget', { id: 404 });
      expect(isError).toBe(true);
      expect(text).toMatch(
        /^Error calling fetch_widget\. Status code: 404\. Response: \{.*"Widget 404 not found"/,
      );
    });

    it('reports a ValidationPipe rejection as an error result with 400 and the message', async () => {
      const { text, isError } = await callTool(client, 'create_widget', { name: 'Cog', size: 1.5 });
      expect(isError).toBe(true);
      expect(text).toContain('Status code: 400');
      expect(text).toContain('size must be an integer number');
    });

    it('rejects arguments that fail the input schema before calling the route', async () => {
      const missing = await callTool(client, 'create_widget', { name: 'Cog' });
      expect(missing).toEqual({
        text: 'Input validation error: missing required argument "size"',
        isError: true,
      });
      const short = await callTool(client, 'create_widget', { name: 'C', size: 2 });
      expect(short.isError).toBe(true);
      expect(short.text).toMatch(/^Input validation error: name must NOT have fewer than 2 characters/);
      const wrongType = await callTool(client, 'fetch_widget', { id: 'five' });
      expect(wrongType).toEqual({ text: 'Input validation error: id must be number', isError: true });
    });

    it('refuses an unknown tool with the protocol error -32602 (not a tool result)', async () => {
      const refused = await callRefused(client, 'no_such_tool');
      expect(refused.code).toBe(-32602);
      expect(refused.message).toContain(
        'Unknown tool: "no_such_tool". Call tools/list for the tools this server offers.',
      );
    });

    it('does not serve excluded routes as tools', async () => {
      expect(await callRefused(client, 'reset_widgets')).toMatchObject({ code: -32602 });
    });

    it('runs middleware, interceptors and exception filters', async () => {
      const probe = await callJson<{ wrapped: { stampedBy: string } }>(client, 'pipeline_probe');
      expect(probe.wrapped.stampedBy).toBe('middleware');
      const filtered = await callTool(client, 'filtered_failure');
      expect(filtered.isError).toBe(true);
      expect(filtered.text).toBe(
        'Error calling filtered_failure. Status code: 418. Response: {"teapot":true,"original":400}',
      );
    });

    it('passes the MCP caller address through to the route', async () => {
      const response = await rawRequest(`${running.baseUrl}/mcp`, {
        headers: MCP_POST_HEADERS,
        body: jsonRpc('tools/call', { name: 'pipeline_probe', arguments: {} }),
        localAddress: '127.0.0.2',
      });
      const result = response.message().result as { content: Array<{ text: string }> };
      expect(JSON.parse(result.content[0].text).wrapped.ip).toMatch(/127\.0\.0\.2$/);
    });
  });

  describe('guards', () => {
    it('answers a guarded route called without a token with a 401 error result', async () => {
      const { text, isError } = await callTool(client, 'who_am_i');
      expect(isError).toBe(true);
      expect(text).toMatch(/^Error calling who_am_i\. Status code: 401\./);
    });

    it('forwards the bearer token sent to /mcp, so the guard resolves the user', async () => {
      const authorized = await running.connect({ headers: bearer('alice', { role: 'admin' }) });
      expect(await callJson(authorized, 'who_am_i')).toEqual({ id: 'alice', role: 'admin' });
    });

    it('rejects a token with a bad signature', async () => {
      const forged = await running.connect({ headers: { authorization: 'Bearer not.a.jwt' } });
      expect((await callTool(forged, 'who_am_i')).text).toContain('Status code: 401');
    });
  });
});
