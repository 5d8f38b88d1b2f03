import 'reflect-metadata';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ADAPTERS, bearer, callJson, callTool, createApp, listen, type RunningApp } from '@nestjs-mcp/testing';
import { widgetsApp } from './fixtures/widgets.app.js';

describe.each(ADAPTERS)('tools on %s', (adapter) => {
  let running: RunningApp;
  let client: Client;

  beforeAll(async () => {
    running = await listen(await createApp(widgetsApp({ name: 'Widgets MCP', instructions: 'Use the widgets.' }), adapter));
    client = await running.connect();
  });

  afterAll(() => running.close());

  it('initializes with the configured name and instructions', () => {
    expect(client.getServerVersion()).toMatchObject({ name: 'Widgets MCP', version: '1.0.0' });
    expect(client.getInstructions()).toBe('Use the widgets.');
  });

  it('lists every documented route except excluded ones, named by operationId or @McpTool', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(
      [
        'count_categories',
        'create_widget',
        'delete_widget',
        'fetch_widget',
        'filtered_failure',
        'list_widgets',
        'pipeline_probe',
        'plain_text',
        'who_am_i',
      ].sort(),
    );
  });

  it('calls a route with a path parameter and returns pretty JSON with non-ASCII kept', async () => {
    const { text, isError } = await callTool(client, 'fetch_widget', { id: 5 });
    expect(isError).toBe(false);
    expect(text).toBe(JSON.stringify({ id: 5, name: 'Widget 5', label: 'Größe ✓' }, null, 2));
  });
});
