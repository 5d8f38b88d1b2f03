import 'reflect-metadata';
import {
  ADAPTERS,
  appsPerTest,
  createApp,
  jsonRpc,
  type JsonRpcAnswer,
  listen,
  MCP_POST_HEADERS,
  MODERN_REVISION,
  modernPost,
  rawRequest,
  type RawRequest,
  type RunningApp,
} from '@nestjs-mcp/testing';
import type { McpModuleOptions } from 'nestjs-mcp';
import { erasApp } from './fixtures/eras.app.js';
import { visibilityApp } from './fixtures/visibility.app.js';

// Error codes of the 2026-07-28 revision (schema/2026-07-28 `HEADER_MISMATCH`, `UNSUPPORTED_PROTOCOL_VERSION`).
const HEADER_MISMATCH = -32020;
const UNSUPPORTED_PROTOCOL_VERSION = -32022;
const INVALID_PARAMS = -32602;
const LEGACY_REVISIONS: NonNullable<McpModuleOptions['protocolVersions']> = [
  '2025-11-25',
  '2025-06-18',
  '2025-03-26',
  '2024-11-05',
];

/** A 2025-era POST: no envelope, the revision in MCP-Protocol-Version. */
const legacyPost = (version: string, body: string): RawRequest => ({
  headers: { ...MCP_POST_HEADERS, 'mcp-protocol-version': version },
  body,
});

const resultOf = (message: JsonRpcAnswer) => message.result as Record<string, any>;

describe.each(ADAPTERS)('era-specific wire answers on %s', (adapter) => {
  let running: RunningApp;
  const post = (request: RawRequest) => rawRequest(`${running.baseUrl}/mcp`, request);

  beforeAll(async () => {
    running = await listen(await createApp(erasApp(), adapter));
  });
  afterAll(() => running.close());

  describe('2025 revisions', () => {
    // A request without envelope that names a revision the endpoint does not serve: whichever era it is
    // answered in, the answer names the revisions served and keeps the request's id.
    it.each(['2025-01-01', '2099-01-01', 'banana'])(
      'answers MCP-Protocol-Version %s with 400 naming every served revision, echoing the id',
      async (version) => {
        const response = await post(legacyPost(version, jsonRpc('tools/list', {}, 41)));
        expect(response.status).toBe(400);
        const message = response.message();
        expect(message.id).toBe(41);
        const answer = JSON.stringify(message.error);
        for (const served of [MODERN_REVISION, ...LEGACY_REVISIONS]) expect(answer).toContain(served);
      },
    );

    it('refuses a batch at 2025-11-25 as at 2025-06-18', async () => {
      const response = await post(legacyPost('2025-11-25', `[${jsonRpc('tools/list')}]`));
      expect(response.status).toBe(400);
      expect(response.message().error?.code).toBe(-32600);
    });

    // SDK 1.10 and 1.12 clients send no MCP-Protocol-Version: the endpoint assumes 2025-03-26, which batches.
    it.each([
      ['without MCP-Protocol-Version (2025-03-26 assumed)', {}],
      ['at 2024-11-05', { 'mcp-protocol-version': '2024-11-05' }],
    ])('serves a batch %s', async (_, versionHeader) => {
      const body = `[${jsonRpc('tools/list', {}, 1)},${jsonRpc('tools/call', { name: 'get_book', arguments: { isbn: '1' } }, 2)}]`;
      const response = await post({ headers: { ...MCP_POST_HEADERS, ...versionHeader }, body });
      expect(response.status).toBe(200);
      const answers = response.messages() as Array<{ id: number; result: Record<string, unknown> }>;
      expect(answers.map((answer) => answer.id).sort()).toEqual([1, 2]);
      expect(answers.find((answer) => answer.id === 2)?.result.structuredContent).toMatchObject({
        isbn: '1',
      });
    });

    it.each(LEGACY_REVISIONS)('carries no 2026 result fields at %s', async (version) => {
      const response = await post(legacyPost(version, jsonRpc('tools/list')));
      expect(response.status).toBe(200);
      const result = resultOf(response.message());
      expect(result.tools).toHaveLength(2);
      for (const field of ['resultType', 'ttlMs', 'cacheScope']) expect(result).not.toHaveProperty(field);
    });
  });

  it.each(['GET', 'DELETE'])('answers a %s from a 2026-07-28 client with 405', async (method) => {
    const response = await rawRequest(`${running.baseUrl}/mcp`, {
      method,
      headers: { accept: 'application/json, text/event-stream', 'mcp-protocol-version': MODERN_REVISION },
    });
    expect(response.status).toBe(405);
    expect(response.message()).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32000 } });
  });

  describe('2026-07-28', () => {
    it('answers server/discover with the revisions, capabilities, instructions and server identity', async () => {
      const response = await post(modernPost('server/discover', {}, { id: 'discover-1' }));
      expect(response.status).toBe(200);
      const message = response.message();
      expect(message.id).toBe('discover-1');
      const result = resultOf(message);
      expect(result.supportedVersions).toContain(MODERN_REVISION);
      expect(result).toMatchObject({
        resultType: 'complete',
        capabilities: { tools: {} },
        instructions: 'Look books up by ISBN.',
        _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'Books MCP', version: '3.1.4' } },
      });
      expect(result.ttlMs).toBeGreaterThanOrEqual(0);
      expect(['public', 'private']).toContain(result.cacheScope);
    });

    it('lists tools with resultType and cache hints, in the same order every time', async () => {
      const first = resultOf((await post(modernPost('tools/list', {}, { id: 2 }))).message());
      const second = resultOf((await post(modernPost('tools/list', {}, { id: 3 }))).message());
      expect(first.resultType).toBe('complete');
      expect(Number.isInteger(first.ttlMs) && first.ttlMs >= 0).toBe(true);
      // No guard hides a tool of this app: the list is the same for every caller.
      expect(first.cacheScope).toBe('public');
      expect(first.tools.map((tool: { name: string }) => tool.name).sort()).toEqual(['add_book', 'get_book']);
      expect(second.tools).toEqual(first.tools);
    });

    it('calls a tool: a complete result with structuredContent and the server identity', async () => {
      const response = await post(
        modernPost('tools/call', { name: 'get_book', arguments: { isbn: '9780262510875' } }, { id: 4 }),
      );
      expect(response.status).toBe(200);
      const message = response.message();
      expect(message.id).toBe(4);
      expect(resultOf(message)).toMatchObject({
        resultType: 'complete',
        structuredContent: { isbn: '9780262510875', title: 'Book 875', authors: ['Ada Lovelace'] },
        _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'Books MCP' } },
      });
    });

    it('keeps argument validation failures as isError results', async () => {
      const response = await post(modernPost('tools/call', { name: 'add_book', arguments: { title: 'T' } }));
      expect(resultOf(response.message())).toMatchObject({
        resultType: 'complete',
        isError: true,
        content: [{ type: 'text', text: 'Input validation error: missing required argument "authors"' }],
      });
    });

    it.each([
      ['an Mcp-Method that is not the body method', { 'mcp-method': 'tools/list' }],
      ['an Mcp-Name that is not the tool called', { 'mcp-name': 'add_book' }],
      ['a tools/call without Mcp-Name', { 'mcp-name': undefined }],
      ['a request without Mcp-Method', { 'mcp-method': undefined }],
      ['an MCP-Protocol-Version that is not the envelope revision', { 'mcp-protocol-version': '2025-11-25' }],
      ['a request without MCP-Protocol-Version', { 'mcp-protocol-version': undefined }],
    ])('answers %s with 400 and the header-mismatch error, echoing the id', async (_, headers) => {
      const response = await post(
        modernPost('tools/call', { name: 'get_book', arguments: { isbn: '1' } }, { id: 'hm-1', headers }),
      );
      expect(response.status).toBe(400);
      expect(response.message()).toMatchObject({ id: 'hm-1', error: { code: HEADER_MISMATCH } });
    });

    it('answers an unsupported revision with 400, the supported and requested versions, and the id', async () => {
      const response = await post(modernPost('tools/list', {}, { id: 'v-9', version: '2030-01-01' }));
      expect(response.status).toBe(400);
      const message = response.message();
      expect(message).toMatchObject({
        id: 'v-9',
        error: { code: UNSUPPORTED_PROTOCOL_VERSION, data: { requested: '2030-01-01' } },
      });
      expect((message.error?.data as { supported?: string[] } | undefined)?.supported).toContain(
        MODERN_REVISION,
      );
    });

    it('refuses a batch', async () => {
      const single = modernPost('tools/list');
      const response = await post({ ...single, body: `[${String(single.body)}]` });
      expect(response.status).toBe(400);
      expect(response.message().error?.code).toBe(-32600);
    });

    it.each([MODERN_REVISION, '2025-11-25', '2025-03-26'])(
      'answers an unknown tool at %s with the JSON-RPC error -32602, not a result',
      async (version) => {
        const call = { name: 'no_such_tool', arguments: {} };
        const request =
          version === MODERN_REVISION
            ? modernPost('tools/call', call, { id: 77 })
            : legacyPost(version, jsonRpc('tools/call', call, 77));
        const message = (await post(request)).message();
        expect(message.result).toBeUndefined();
        expect(message).toMatchObject({ id: 77, error: { code: INVALID_PARAMS } });
        expect(message.error?.message).toContain('no_such_tool');
      },
    );
  });
});

describe.each(ADAPTERS)('2026-07-28 tools/list when guards hide tools on %s', (adapter) => {
  const apps = appsPerTest(adapter);

  it('is cacheable only privately: the list depends on the caller', async () => {
    const running = await apps.start(visibilityApp());
    const response = await rawRequest(`${running.baseUrl}/mcp`, modernPost('tools/list'));
    expect(response.status).toBe(200);
    expect(resultOf(response.message())).toMatchObject({ resultType: 'complete', cacheScope: 'private' });
  });
});

describe.each(ADAPTERS)('an endpoint whose protocolVersions leave 2026-07-28 out on %s', (adapter) => {
  const apps = appsPerTest(adapter);

  it('refuses a 2026-07-28 server/discover with -32022 naming the 2025 revisions it serves', async () => {
    const running = await apps.start(erasApp(LEGACY_REVISIONS));
    const response = await rawRequest(
      `${running.baseUrl}/mcp`,
      modernPost('server/discover', {}, { id: 'd-1' }),
    );
    expect(response.status).toBe(400);
    expect(response.message()).toMatchObject({
      id: 'd-1',
      error: {
        code: UNSUPPORTED_PROTOCOL_VERSION,
        data: { supported: LEGACY_REVISIONS, requested: MODERN_REVISION },
      },
    });
  });
});
