import 'reflect-metadata';
import {
  ADAPTERS,
  callJson,
  callRefused,
  jsonRpc,
  listen,
  MCP_POST_HEADERS,
  rawRequest,
  type RunningApp,
} from '@nestjs-mcp/testing';
import { createItemsApp } from '../src/bootstrap.js';
import { FiltersExampleModule } from '../src/filters-example.module.js';

/**
 * Each endpoint's server name and exact tools, restated here rather than derived from the module. find_items
 * is marked @McpTool(), so it is on every endpoint whatever the filters; reset_items is on none.
 */
const ENDPOINTS: ReadonlyArray<readonly [path: string, name: string, tools: string[]]> = [
  ['/include-operations-mcp', 'Items MCP: include operations', ['find_items', 'get_item', 'list_items']],
  [
    '/exclude-operations-mcp',
    'Items MCP: exclude operations',
    ['find_items', 'get_item', 'get_item_image', 'item_stats', 'list_items'],
  ],
  [
    '/include-tags-mcp',
    'Items MCP: include tags',
    ['create_item', 'delete_item', 'find_items', 'get_item', 'get_item_image', 'list_items', 'update_item'],
  ],
  ['/exclude-tags-mcp', 'Items MCP: exclude tags', ['find_items', 'item_stats']],
  [
    '/combined-include-mcp',
    'Items MCP: combined include',
    [
      'create_item',
      'delete_item',
      'find_items',
      'get_item',
      'get_item_image',
      'item_stats',
      'list_items',
      'update_item',
    ],
  ],
];

describe.each(ADAPTERS)('the filters example on %s', (adapter) => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await listen(await createItemsApp(adapter, { logger: false }, FiltersExampleModule));
  });
  afterAll(() => running.close());

  it.each(ENDPOINTS)('%s is "%s" and offers exactly its selected tools', async (path, name, tools) => {
    const client = await running.connect({ path });
    expect(client.getServerVersion()?.name).toBe(name);
    expect((await client.listTools()).tools.map((tool) => tool.name).sort()).toEqual(tools);
  });

  it('answers a tool left out by its filters as unknown, on that endpoint only', async () => {
    const readOnly = await running.connect({ path: '/exclude-operations-mcp' });
    const created = await callRefused(readOnly, 'create_item', { name: 'Pliers', price: 9.99 });
    expect(created).toMatchObject({ code: -32602 });
    expect(created.message).toContain('Unknown tool: "create_item"');
    const everything = await running.connect({ path: '/combined-include-mcp' });
    expect(await callJson(everything, 'get_item', { id: 1 })).toMatchObject({ id: 1, name: 'Hammer' });
  });

  it('serves item_stats where the filters select it, over the store the item routes share', async () => {
    const stats = await running.connect({ path: '/exclude-tags-mcp' });
    expect(await callJson(stats, 'item_stats')).toEqual({
      count: 5,
      totalValue: 147.39,
      tags: { tool: 5, 'hand-tool': 4, wood: 1, 'power-tool': 1 },
    });
  });

  it('serves no default /mcp endpoint, only the five configured ones', async () => {
    const response = await rawRequest(`${running.baseUrl}/mcp`, {
      headers: MCP_POST_HEADERS,
      body: jsonRpc('tools/list'),
    });
    expect(response.status).toBe(404);
  });
});
