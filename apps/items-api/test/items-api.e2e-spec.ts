import 'reflect-metadata';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  ADAPTERS,
  type AdapterName,
  callJson,
  callRefused,
  callTool,
  listen,
  rawRequest,
  type RunningApp,
} from '@nestjs-mcp/testing';
import { crc32 } from 'node:zlib';
import { createItemsApp } from '../src/bootstrap.js';

/** A tool description without its `### Responses:` section. */
function headingOf(description: string | undefined): string | undefined {
  return description?.split('\n\n### Responses:')[0];
}

interface Item {
  id: number;
  name: string;
  description: string | null;
  price: number;
  tags: string[];
}

/** The app's seed data, restated here so that the expectations do not depend on the app's own source. */
const SEED: readonly Item[] = [
  {
    id: 1,
    name: 'Hammer',
    description: 'A claw hammer for driving nails.',
    price: 12.5,
    tags: ['tool', 'hand-tool'],
  },
  {
    id: 2,
    name: 'Screwdriver',
    description: 'Flat-head screwdriver, 6 mm.',
    price: 5.99,
    tags: ['tool', 'hand-tool'],
  },
  {
    id: 3,
    name: 'Wrench',
    description: 'Adjustable wrench up to 30 mm.',
    price: 15,
    tags: ['tool', 'hand-tool'],
  },
  { id: 4, name: 'Saw', description: null, price: 24.9, tags: ['tool', 'hand-tool', 'wood'] },
  {
    id: 5,
    name: 'Drill',
    description: 'Cordless 18 V drill with two batteries.',
    price: 89,
    tags: ['tool', 'power-tool'],
  },
];

const seed = (id: number): Item => SEED.find((item) => item.id === id)!;
const ids = (items: Item[]): number[] => items.map((item) => item.id);
/** What a tool result says for a route that answered 204. */
const NO_CONTENT = 'The route answered 204 with an empty response (no content).';

/** Text of a tool error result for an HTTP error, split into its prefix and the parsed response body. */
function httpError(text: string, tool: string, status: number): unknown {
  const prefix = `Error calling ${tool}. Status code: ${status}. Response: `;
  expect(text.slice(0, prefix.length)).toBe(prefix);
  return JSON.parse(text.slice(prefix.length));
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The chunk types of a PNG, after checking its signature and the CRC of every chunk. */
function pngChunks(bytes: Buffer): string[] {
  expect(bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  const types: string[] = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const typed = bytes.subarray(at + 4, at + 8 + length);
    expect(bytes.readUInt32BE(at + 8 + length)).toBe(crc32(typed));
    types.push(typed.toString('ascii', 0, 4));
    at += length + 12;
  }
  return types;
}

/** Calls a tool that must succeed with one image block, and returns the block. */
async function callImage(client: Client, name: string, args: Record<string, unknown>) {
  const result = await client.callTool({ name, arguments: args });
  expect(result.isError).toBeFalsy();
  expect(result.structuredContent).toBeUndefined();
  const content = result.content as Array<{ type: string; mimeType?: string; data?: string }>;
  expect(content).toHaveLength(1);
  return content[0];
}

/** Starts a fresh items app (so a fresh store, at the seed) on `adapter` for the enclosing describe block. */
function useItemsApp(adapter: AdapterName): { running: () => RunningApp; client: () => Client } {
  let running: RunningApp;
  let client: Client;
  beforeAll(async () => {
    running = await listen(await createItemsApp(adapter, { logger: false }));
    client = await running.connect();
  });
  afterAll(() => running.close());
  return { running: () => running, client: () => client };
}

describe.each(ADAPTERS)('items-api on %s', (adapter) => {
  describe('initialize and tools/list', () => {
    const { client } = useItemsApp(adapter);

    it('initializes with the name, version and instructions set in AppModule', () => {
      expect(client().getServerVersion()).toMatchObject({ name: 'Items MCP', version: '1.0.0' });
      expect(client().getInstructions()).toBe(
        'Tools to list, search, create, update and delete items in a small inventory.',
      );
      expect(client().getServerCapabilities()?.tools).toBeDefined();
    });

    it('lists exactly the documented item routes, without the excluded reset, the admin-tagged stats nor the undocumented health', async () => {
      const { tools } = await client().listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual([
        'create_item',
        'delete_item',
        'find_items',
        'get_item',
        'get_item_image',
        'list_items',
        'update_item',
      ]);
    });

    it('names and describes the search route as set by @McpTool', async () => {
      const { tools } = await client().listTools();
      const find = tools.find((tool) => tool.name === 'find_items');
      expect(find?.description).toBe(
        'Find inventory items whose name or description contains `q`, priced between `min_price` and ' +
          '`max_price`, carrying at least one of `tags`. All filters are optional.',
      );
      expect(find?.title).toBe('Search items');
      expect(find?.inputSchema).toEqual({
        type: 'object',
        additionalProperties: false,
        properties: {
          q: { type: 'string', title: 'q', description: 'Text in the name or description.' },
          min_price: { type: 'number', title: 'min_price', description: 'Lowest price, inclusive.' },
          max_price: { type: 'number', title: 'max_price', description: 'Highest price, inclusive.' },
          tags: {
            type: 'array',
            items: { type: 'string' },
            title: 'tags',
            description: 'Item has any of these tags.',
          },
        },
      });
    });

    it('describes the other tools with their summary and description', async () => {
      const { tools } = await client().listTools();
      const byName = new Map(tools.map((tool) => [tool.name, tool]));
      expect(headingOf(byName.get('list_items')?.description)).toBe(
        'List items\n\nLists the items of the inventory in id order, one page at a time.',
      );
      expect(headingOf(byName.get('delete_item')?.description)).toBe('Delete an item\n\nRemoves an item.');
    });

    it('requires the integer id path parameter of get_item', async () => {
      const { tools } = await client().listTools();
      expect(tools.find((tool) => tool.name === 'get_item')?.inputSchema).toEqual({
        type: 'object',
        additionalProperties: false,
        properties: {
          id: { type: 'integer', title: 'id', description: 'Id of the item.', examples: [1] },
        },
        required: ['id'],
      });
    });

    it('gives list_items its optional integer paging arguments with their minimums', async () => {
      const { tools } = await client().listTools();
      const schema = tools.find((tool) => tool.name === 'list_items')?.inputSchema;
      expect(schema?.required).toBeUndefined();
      expect(schema?.properties).toEqual({
        skip: { type: 'integer', minimum: 0, title: 'skip', description: 'Items to skip.' },
        limit: { type: 'integer', minimum: 1, title: 'limit', description: 'Page size.' },
      });
    });

    it('flattens the create body into titled arguments with name and price required', async () => {
      const { tools } = await client().listTools();
      const schema = tools.find((tool) => tool.name === 'create_item')?.inputSchema;
      expect(schema?.required).toEqual(['name', 'price']);
      expect(schema?.properties).toEqual({
        name: { type: 'string', title: 'name', description: 'Name of the item.', examples: ['Pliers'] },
        description: {
          type: ['string', 'null'],
          title: 'description',
          description: 'Free-text description of the item; null or absent for none.',
          examples: ['Needle-nose pliers for small parts.'],
        },
        price: {
          type: 'number',
          title: 'price',
          description: 'Unit price in euros.',
          minimum: 0,
          examples: [9.99],
        },
        tags: {
          type: 'array',
          items: { type: 'string' },
          title: 'tags',
          description: 'Labels used to group and search items; empty when absent.',
          examples: [['tool', 'hand-tool']],
        },
      });
    });

    it('makes every body field of update_item optional, next to the required path id', async () => {
      const { tools } = await client().listTools();
      const schema = tools.find((tool) => tool.name === 'update_item')?.inputSchema;
      expect(schema?.required).toEqual(['id']);
      expect(Object.keys(schema?.properties ?? {})).toEqual(['id', 'name', 'description', 'price', 'tags']);
    });
  });

  describe('read tools against the seed', () => {
    const { client } = useItemsApp(adapter);

    it('list_items pages through the items in id order', async () => {
      expect(await callJson(client(), 'list_items')).toEqual(SEED);
      expect(ids(await callJson<Item[]>(client(), 'list_items', { skip: 1, limit: 2 }))).toEqual([2, 3]);
      expect(ids(await callJson<Item[]>(client(), 'list_items', { limit: 1 }))).toEqual([1]);
      expect(ids(await callJson<Item[]>(client(), 'list_items', { skip: 4 }))).toEqual([5]);
      expect(await callJson(client(), 'list_items', { skip: 5 })).toEqual([]);
    });

    it('get_item returns one item as pretty-printed JSON', async () => {
      expect(await callTool(client(), 'get_item', { id: 4 })).toEqual({
        text: JSON.stringify(seed(4), null, 2),
        isError: false,
      });
    });

    it('find_items matches q case-insensitively in the name and the description', async () => {
      expect(ids(await callJson<Item[]>(client(), 'find_items', { q: 'DRILL' }))).toEqual([5]);
      expect(ids(await callJson<Item[]>(client(), 'find_items', { q: 'nails' }))).toEqual([1]);
      expect(await callJson(client(), 'find_items', { q: 'sandpaper' })).toEqual([]);
    });

    it('find_items filters by an inclusive price range', async () => {
      expect(await callJson(client(), 'find_items', { min_price: 15, max_price: 24.9 })).toEqual([
        seed(3),
        seed(4),
      ]);
      expect(ids(await callJson<Item[]>(client(), 'find_items', { max_price: 12.5 }))).toEqual([1, 2]);
      expect(ids(await callJson<Item[]>(client(), 'find_items', { min_price: 24.95 }))).toEqual([5]);
    });

    it('find_items sends tags as an array, matching items with any of them', async () => {
      expect(ids(await callJson<Item[]>(client(), 'find_items', { tags: ['wood', 'power-tool'] }))).toEqual([
        4, 5,
      ]);
      expect(ids(await callJson<Item[]>(client(), 'find_items', { tags: ['wood'] }))).toEqual([4]);
      expect(await callJson(client(), 'find_items', { tags: ['garden'] })).toEqual([]);
    });

    it('find_items combines its filters', async () => {
      // 'mm' is in Hammer, in the screwdriver's '6 mm' (priced under 10) and in the wrench's '30 mm'.
      expect(ids(await callJson<Item[]>(client(), 'find_items', { q: 'mm' }))).toEqual([1, 2, 3]);
      expect(
        ids(await callJson<Item[]>(client(), 'find_items', { q: 'mm', min_price: 10, tags: ['hand-tool'] })),
      ).toEqual([1, 3]);
      expect(
        await callJson(client(), 'find_items', { q: 'mm', min_price: 10, tags: ['power-tool'] }),
      ).toEqual([]);
      expect(await callJson(client(), 'find_items')).toEqual(SEED);
    });
  });

  describe('write tools', () => {
    const { client, running } = useItemsApp(adapter);

    it('create_item stores a new item under the next id, which get_item and REST then return', async () => {
      const input = { name: 'Pliers', description: 'Needle-nose pliers.', price: 9.99, tags: ['tool'] };
      const created = await callJson<Item>(client(), 'create_item', input);
      expect(created).toEqual({ id: 6, ...input });
      expect(await callJson(client(), 'get_item', { id: 6 })).toEqual(created);
      const rest = await rawRequest(`${running().baseUrl}/items/6`, { method: 'GET' });
      expect(rest.status).toBe(200);
      expect(JSON.parse(rest.text)).toEqual(created);
    });

    it('create_item defaults the optional fields', async () => {
      expect(await callJson(client(), 'create_item', { name: 'Tape', price: 0 })).toEqual({
        id: 7,
        name: 'Tape',
        description: null,
        price: 0,
        tags: [],
      });
    });

    it('update_item changes only the given fields', async () => {
      const updated = await callJson(client(), 'update_item', { id: 2, price: 6.5 });
      expect(updated).toEqual({ ...seed(2), price: 6.5 });
      expect(await callJson(client(), 'get_item', { id: 2 })).toEqual(updated);
    });

    it('update_item clears the description with null and replaces the tags', async () => {
      expect(await callJson(client(), 'update_item', { id: 1, description: null, tags: ['heavy'] })).toEqual({
        ...seed(1),
        description: null,
        tags: ['heavy'],
      });
    });

    it('delete_item says it answered 204 with no content, after which get_item reports a 404', async () => {
      expect(await callTool(client(), 'delete_item', { id: 3 })).toEqual({
        text: NO_CONTENT,
        isError: false,
      });
      const { text, isError } = await callTool(client(), 'get_item', { id: 3 });
      expect(isError).toBe(true);
      expect(text).toContain('Status code: 404');
      expect(ids(await callJson<Item[]>(client(), 'list_items'))).toEqual([1, 2, 4, 5, 6, 7]);
    });

    it('delete_item of an item already deleted reports a 404', async () => {
      const { text, isError } = await callTool(client(), 'delete_item', { id: 3 });
      expect(isError).toBe(true);
      expect(httpError(text, 'delete_item', 404)).toEqual({
        message: 'Item 3 not found',
        error: 'Not Found',
        statusCode: 404,
      });
    });
  });

  describe('errors', () => {
    const { client } = useItemsApp(adapter);

    it('reports a missing item as an error result with the 404 status and body', async () => {
      const { text, isError } = await callTool(client(), 'get_item', { id: 99 });
      expect(isError).toBe(true);
      expect(text).toMatch(/^Error calling get_item\. Status code: 404\. Response: .*Item 99 not found/);
      expect(httpError(text, 'get_item', 404)).toEqual({
        message: 'Item 99 not found',
        error: 'Not Found',
        statusCode: 404,
      });
      const update = await callTool(client(), 'update_item', { id: 99, name: 'Ghost' });
      expect(update.isError).toBe(true);
      expect(httpError(update.text, 'update_item', 404)).toMatchObject({ message: 'Item 99 not found' });
    });

    it('rejects a negative price against the schema minimum, before the route is called', async () => {
      expect(await callTool(client(), 'create_item', { name: 'Pliers', price: -1 })).toEqual({
        text: 'Input validation error: price must be >= 0',
        isError: true,
      });
      expect(await callTool(client(), 'update_item', { id: 1, price: -0.01 })).toEqual({
        text: 'Input validation error: price must be >= 0',
        isError: true,
      });
    });

    it('reports an empty name, which the schema allows, as the ValidationPipe 400', async () => {
      const { text, isError } = await callTool(client(), 'create_item', { name: '', price: 1 });
      expect(isError).toBe(true);
      expect(text).toContain('Status code: 400');
      expect(httpError(text, 'create_item', 400)).toEqual({
        message: ['name should not be empty'],
        error: 'Bad Request',
        statusCode: 400,
      });
      const update = await callTool(client(), 'update_item', { id: 1, name: '' });
      expect(update.isError).toBe(true);
      expect(httpError(update.text, 'update_item', 400)).toMatchObject({
        message: ['name should not be empty'],
      });
    });

    it('rejects arguments of the wrong type, naming the argument', async () => {
      expect(await callTool(client(), 'get_item', { id: 'one' })).toEqual({
        text: 'Input validation error: id must be integer',
        isError: true,
      });
      expect(await callTool(client(), 'get_item', { id: 1.5 })).toEqual({
        text: 'Input validation error: id must be integer',
        isError: true,
      });
      expect(await callTool(client(), 'create_item', { name: 'Pliers', price: '9.99' })).toEqual({
        text: 'Input validation error: price must be number',
        isError: true,
      });
      expect(await callTool(client(), 'find_items', { tags: 'wood' })).toEqual({
        text: 'Input validation error: tags must be array',
        isError: true,
      });
      expect(await callTool(client(), 'list_items', { limit: 0 })).toEqual({
        text: 'Input validation error: limit must be >= 1',
        isError: true,
      });
    });

    it('rejects a call that lacks a required argument', async () => {
      expect(await callTool(client(), 'create_item', { name: 'Pliers' })).toEqual({
        text: 'Input validation error: missing required argument "price"',
        isError: true,
      });
      expect(await callTool(client(), 'get_item')).toEqual({
        text: 'Input validation error: missing required argument "id"',
        isError: true,
      });
    });

    it('refuses an unknown tool, and the excluded reset route, with the protocol error -32602', async () => {
      const unknown = await callRefused(client(), 'no_such_tool');
      expect(unknown.code).toBe(-32602);
      expect(unknown.message).toContain(
        'Unknown tool: "no_such_tool". Call tools/list for the tools this server offers.',
      );
      const reset = await callRefused(client(), 'reset_items');
      expect(reset).toMatchObject({ code: -32602 });
      expect(reset.message).toContain('Unknown tool: "reset_items"');
    });

    it('left the store untouched: no rejected call created or changed an item', async () => {
      expect(await callJson(client(), 'list_items')).toEqual(SEED);
    });
  });

  describe('structured output, images and the admin tag', () => {
    const { client, running } = useItemsApp(adapter);

    it('declares the ItemDto schema as the output schema of get_item, with an example response', async () => {
      const { tools } = await client().listTools();
      const getItem = tools.find((tool) => tool.name === 'get_item');
      expect(getItem?.description).toContain('**Example Response:**');
      const output = getItem?.outputSchema as { type: string; $ref?: string; $defs?: Record<string, object> };
      expect(output).toMatchObject({ type: 'object', $ref: '#/$defs/ItemDto' });
      // Output schemas are tolerant by default: no `required` lists (Swagger marks every field required).
      expect(output.$defs?.ItemDto).toMatchObject({
        type: 'object',
        properties: { id: { type: ['integer', 'null'] } },
      });
      expect(output.$defs?.ItemDto).not.toHaveProperty('required');
      // A list has no object root, so list_items declares it wrapped as `items`.
      const listItems = tools.find((tool) => tool.name === 'list_items');
      expect(listItems?.outputSchema).toMatchObject({ properties: { items: { type: 'array' } } });
    });

    it('returns the item as structuredContent next to its JSON text, and a list wrapped in items', async () => {
      const item = await client().callTool({ name: 'get_item', arguments: { id: 4 } });
      expect(item.structuredContent).toEqual(seed(4));
      expect(item.content).toEqual([{ type: 'text', text: JSON.stringify(seed(4), null, 2) }]);
      const list = await client().callTool({ name: 'list_items', arguments: { limit: 2 } });
      expect(list.structuredContent).toEqual({ items: [seed(1), seed(2)] });
    });

    it('get_item_image returns a PNG as an image block, the same bytes as GET /items/:id/image', async () => {
      const { tools } = await client().listTools();
      const tool = tools.find((candidate) => candidate.name === 'get_item_image');
      expect(tool?.title).toBe('Picture of an item');
      expect(tool?.outputSchema).toBeUndefined();
      const block = await callImage(client(), 'get_item_image', { id: 1 });
      expect(block).toMatchObject({ type: 'image', mimeType: 'image/png' });
      const bytes = Buffer.from(block.data!, 'base64');
      expect(bytes.toString('base64')).toBe(block.data);
      expect(pngChunks(bytes)).toEqual(['IHDR', 'IDAT', 'IEND']);
      const rest = await fetch(`${running().baseUrl}/items/1/image`);
      expect(rest.status).toBe(200);
      expect(rest.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await rest.arrayBuffer())).toEqual(bytes);
    });

    it('gives each item a picture of its own', async () => {
      const first = await callImage(client(), 'get_item_image', { id: 1 });
      const second = await callImage(client(), 'get_item_image', { id: 2 });
      expect(pngChunks(Buffer.from(second.data!, 'base64'))).toEqual(['IHDR', 'IDAT', 'IEND']);
      expect(second.data).not.toBe(first.data);
    });

    it('reports the picture of a missing item as a 404 error result', async () => {
      const { text, isError } = await callTool(client(), 'get_item_image', { id: 99 });
      expect(isError).toBe(true);
      expect(httpError(text, 'get_item_image', 404)).toEqual({
        message: 'Item 99 not found',
        error: 'Not Found',
        statusCode: 404,
      });
    });

    it('keeps the admin-tagged stats REST-only: no item_stats tool, GET /admin/stats answers', async () => {
      const { tools } = await client().listTools();
      expect(tools.map((tool) => tool.name)).not.toContain('item_stats');
      expect((await callRefused(client(), 'item_stats')).message).toContain('Unknown tool: "item_stats"');
      const stats = await rawRequest(`${running().baseUrl}/admin/stats`, { method: 'GET' });
      expect(stats.status).toBe(200);
      expect(JSON.parse(stats.text)).toEqual({
        count: 5,
        totalValue: 147.39,
        tags: { tool: 5, 'hand-tool': 4, wood: 1, 'power-tool': 1 },
      });
    });
  });

  describe('REST next to MCP', () => {
    const { client, running } = useItemsApp(adapter);

    it('still serves the REST routes', async () => {
      const list = await rawRequest(`${running().baseUrl}/items`, { method: 'GET' });
      expect(list.status).toBe(200);
      expect(list.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(list.text)).toEqual(SEED);
      const health = await rawRequest(`${running().baseUrl}/health`, { method: 'GET' });
      expect(health.status).toBe(200);
      expect(JSON.parse(health.text)).toEqual({ status: 'ok' });
    });

    it('serves the OpenAPI document without any /mcp path', async () => {
      const docs = await rawRequest(`${running().baseUrl}/docs-json`, { method: 'GET' });
      expect(docs.status).toBe(200);
      expect(docs.headers['content-type']).toMatch(/^application\/json/);
      const paths = Object.keys((JSON.parse(docs.text) as { paths: Record<string, unknown> }).paths);
      expect(paths.filter((path) => path.startsWith('/mcp'))).toEqual([]);
      expect(paths.sort()).toEqual([
        '/admin/stats',
        '/items',
        '/items/reset',
        '/items/search',
        '/items/{id}',
        '/items/{id}/image',
      ]);
    });

    it('shares one store between REST and MCP, in both directions', async () => {
      const created = await rawRequest(`${running().baseUrl}/items`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Level', price: 19.5, tags: ['tool'] }),
      });
      expect(created.status).toBe(201);
      const item = { id: 6, name: 'Level', description: null, price: 19.5, tags: ['tool'] };
      expect(JSON.parse(created.text)).toEqual(item);
      expect(await callJson(client(), 'get_item', { id: 6 })).toEqual(item);

      expect(await callTool(client(), 'delete_item', { id: 6 })).toEqual({
        text: NO_CONTENT,
        isError: false,
      });
      const gone = await rawRequest(`${running().baseUrl}/items/6`, { method: 'GET' });
      expect(gone.status).toBe(404);
    });
  });
});

describe('items-api on express: real HTTP requests interleaved with tool calls', () => {
  // Guards against light-my-request rewriting Express's shared request/response prototypes during a tool
  // call, which made the next real HTTP request crash.
  const { client, running } = useItemsApp('express');

  const restList = async (): Promise<Item[]> => {
    const response = await rawRequest(`${running().baseUrl}/items`, { method: 'GET' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    return JSON.parse(response.text) as Item[];
  };

  it('answers 20 concurrent, alternating REST requests and tool calls correctly', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        index % 2 === 0 ? restList() : callJson<Item[]>(client(), 'list_items'),
      ),
    );
    expect(results).toHaveLength(20);
    for (const result of results) expect(result).toEqual(SEED);
  });

  it('keeps answering sequential rounds of tool calls and real requests, with and without a body', async () => {
    for (let round = 1; round <= 5; round++) {
      expect(await callJson(client(), 'get_item', { id: round })).toEqual(seed(round));
      expect(await restList()).toEqual(SEED);

      const notFound = await callTool(client(), 'get_item', { id: 100 + round });
      expect(notFound.isError).toBe(true);
      expect(notFound.text).toContain(`Item ${100 + round} not found`);

      const one = await rawRequest(`${running().baseUrl}/items/${round}`, { method: 'GET' });
      expect(one.status).toBe(200);
      expect(JSON.parse(one.text)).toEqual(seed(round));

      const invalid = await rawRequest(`${running().baseUrl}/items`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: '', price: 1 }),
      });
      expect(invalid.status).toBe(400);
      expect(JSON.parse(invalid.text)).toMatchObject({ message: ['name should not be empty'] });

      expect(await callJson(client(), 'find_items', { tags: ['wood'] })).toEqual([seed(4)]);
    }
  });
});
