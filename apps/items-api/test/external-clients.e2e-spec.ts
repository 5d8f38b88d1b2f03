import 'reflect-metadata';
import type { IncomingMessage, Server } from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ADAPTERS, listen, type RunningApp } from '@nestjs-mcp/testing';
import { createItemsApp } from '../src/bootstrap.js';
import { exampleEndpoint } from './example-endpoint.js';
import { NODE_22, NPX_TIMEOUT, npx } from './npx.js';

/**
 * Real external MCP clients against the example app: the MCP Inspector CLI in each protocol era on both
 * adapters, and `mcp-remote`, the stdio bridge that Claude Desktop and other stdio-only clients use. (The
 * conformance suite has its own spec.)
 */
const INSPECTOR = '@modelcontextprotocol/inspector@2.12.0';
const MCP_REMOTE = 'mcp-remote@0.15.1';

type Era = 'legacy' | 'auto' | 'modern';

/**
 * The wire each era must end up on, as the MCP requests' `MCP-Protocol-Version` headers show it
 * (`initialize` is the legacy handshake's first request, which carries none).
 */
const WIRE: Record<Era, string[]> = {
  legacy: ['2025-11-25', 'initialize'],
  auto: ['2026-07-28'],
  modern: ['2026-07-28'],
};

const ERAS: readonly Era[] = ['legacy', 'auto', 'modern'];

/** What identifies an MCP request on the wire, before any body parsing. */
interface SeenRequest {
  readonly version: string;
  readonly method: string | undefined;
  readonly name: string | undefined;
}

describe.each(ADAPTERS)('the MCP Inspector CLI against the example app on %s', (adapter) => {
  let running: RunningApp;
  let url: string;
  const seen: SeenRequest[] = [];

  beforeAll(async () => {
    running = await listen(await createItemsApp(adapter, { logger: false }));
    url = `${running.baseUrl}/mcp`;
    (running.app.getHttpServer() as Server).on('request', (request: IncomingMessage) => {
      if (request.method !== 'POST' || !request.url?.startsWith('/mcp')) return;
      const header = (name: string) => request.headers[name] as string | undefined;
      seen.push({
        version: header('mcp-protocol-version') ?? 'initialize',
        method: header('mcp-method'),
        name: header('mcp-name'),
      });
    });
  });

  afterAll(() => running.close());

  function inspector(era: Era, method: string) {
    return npx(
      [NODE_22, INSPECTOR],
      `mcp-inspector --cli ${url} --transport http --protocol-era ${era} --format json ${method}`,
    );
  }

  it.each(ERAS)(
    '--protocol-era %s lists the tools and calls one, on that era’s wire',
    async (era) => {
      seen.length = 0;
      const list = await inspector(era, '--method tools/list');
      expect(list.stderr).not.toMatch(/Error/);
      expect(list.code).toBe(0);
      // The Inspector checks every tool's schema for portability across clients.
      expect(list.stderr).toMatch(/Schema portability: 0 errors/);
      const { tools } = (JSON.parse(list.stdout) as { result: { tools: Array<{ name: string }> } }).result;
      expect(tools.map((tool) => tool.name)).toEqual(
        expect.arrayContaining(['list_items', 'get_item', 'find_items']),
      );

      const call = await inspector(era, '--method tools/call --tool-name get_item --tool-arg id=1');
      expect(call.code).toBe(0);
      const { result } = JSON.parse(call.stdout) as {
        result: { content: Array<{ text: string }>; isError?: boolean };
      };
      expect(result.isError).toBeFalsy();
      expect(JSON.parse(result.content[0].text)).toMatchObject({ id: 1, name: 'Hammer' });

      expect([...new Set(seen.map((request) => request.version))].sort()).toEqual(WIRE[era]);
      if (WIRE[era].includes('2026-07-28')) {
        // The 2026 wire names each request's method, and a call's tool, in headers (SEP-2243).
        expect(seen).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ method: 'tools/list' }),
            expect.objectContaining({ method: 'tools/call', name: 'get_item' }),
          ]),
        );
      }
    },
    2 * NPX_TIMEOUT,
  );
});

describe('mcp-remote against the example app', () => {
  const url = exampleEndpoint();

  it(
    'mcp-remote bridges a stdio client to the endpoint, as in the Claude Desktop config',
    async () => {
      const transport = new StdioClientTransport({
        command: 'npx',
        args: ['--yes', MCP_REMOTE, url(), '--transport', 'http-only'],
        stderr: 'ignore',
      });
      const client = new Client({ name: 'stdio-client', version: '1.0.0' });
      await client.connect(transport);
      try {
        const { tools } = await client.listTools();
        expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(['list_items', 'get_item']));
        const result = await client.callTool({ name: 'get_item', arguments: { id: 3 } });
        expect(result.structuredContent).toMatchObject({ id: 3, name: 'Wrench' });
      } finally {
        await client.close();
      }
    },
    NPX_TIMEOUT,
  );
});
