import 'reflect-metadata';
import { gzipSync } from 'node:zlib';
import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import {
  ADAPTERS,
  appsPerTest,
  callTool,
  listen,
  MCP_POST_HEADERS,
  rawRequest,
  type AdapterName,
  type RunningApp,
} from '@nestjs-mcp/testing';
import type { McpModuleOptions } from 'nestjs-mcp';
import { widgetsApp } from './fixtures/widgets.app.js';

/** Over Express's default JSON limit (100 kB) and Fastify's (1 MiB), under the endpoint's 4 MiB. */
const OVER_ADAPTER_DEFAULTS = 1_500_000;

/** A `tools/list` request padded (in `_meta`, which the server ignores) to exactly `bytes` bytes. */
const listToolsPadded = (pad: string) =>
  JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta: { pad } } });

function listToolsOfSize(bytes: number): string {
  const body = listToolsPadded('x'.repeat(bytes - listToolsPadded('').length));
  expect(Buffer.byteLength(body)).toBe(bytes);
  return body;
}

const post = (body: string | Buffer, headers: Record<string, string> = {}) => ({
  headers: { ...MCP_POST_HEADERS, ...headers },
  body,
});

async function startApp(
  adapter: AdapterName,
  module: Type,
  bodyParser: boolean,
  track: (app: RunningApp) => RunningApp,
): Promise<RunningApp> {
  const httpAdapter = adapter === 'fastify' ? new FastifyAdapter() : new ExpressAdapter();
  const app = await NestFactory.create(module, httpAdapter, {
    logger: false,
    abortOnError: false,
    bodyParser,
  });
  return track(await listen(app));
}

describe.each(ADAPTERS)('the endpoint body limit (maxRequestBytes) on %s', (adapter) => {
  const { track } = appsPerTest(adapter);
  const start = (options: McpModuleOptions, bodyParser: boolean) =>
    startApp(adapter, widgetsApp({ name: 'Widgets MCP', ...options }), bodyParser, track);

  describe.each([
    ["the app's default body parser", true],
    ['bodyParser: false', false],
  ])('with %s', (_label, bodyParser) => {
    it("accepts a message over the adapter's default limit and under maxRequestBytes (4 MiB)", async () => {
      const running = await start({}, bodyParser);
      const response = await rawRequest(
        `${running.baseUrl}/mcp`,
        post(listToolsOfSize(OVER_ADAPTER_DEFAULTS)),
      );
      expect(response.status).toBe(200);
      expect((response.message().result as { tools: unknown[] }).tools.length).toBeGreaterThan(0);
      const client = await running.connect();
      const pinged = await client.listTools({ _meta: { pad: 'y'.repeat(OVER_ADAPTER_DEFAULTS) } });
      expect(pinged.tools.length).toBeGreaterThan(0);
    });

    it('accepts a body of exactly maxRequestBytes and answers one byte more with 413', async () => {
      const running = await start({ maxRequestBytes: 300_000 }, bodyParser);
      const url = `${running.baseUrl}/mcp`;
      expect((await rawRequest(url, post(listToolsOfSize(300_000)))).status).toBe(200);
      const over = await rawRequest(url, post(listToolsOfSize(300_001)));
      expect(over.status).toBe(413);
      expect(over.headers['content-type']).toContain('application/json');
      expect(over.message()).toEqual({
        jsonrpc: '2.0',
        id: null,
        error: {
          code: -32000,
          message:
            "Payload Too Large: the request body is over this MCP endpoint's limit of 300000 bytes. Send a " +
            'smaller message, or raise the McpModule option maxRequestBytes.',
        },
      });
    });

    it('applies the limit to chunked bodies and to the decoded bytes of a gzip body', async () => {
      const running = await start({ maxRequestBytes: 300_000 }, bodyParser);
      const url = `${running.baseUrl}/mcp`;
      const chunked = await rawRequest(
        url,
        post(listToolsOfSize(400_000), { 'transfer-encoding': 'chunked' }),
      );
      expect(chunked.status).toBe(413);
      expect(chunked.message().error?.message).toContain('limit of 300000 bytes');
      const small = gzipSync(listToolsOfSize(250_000));
      expect((await rawRequest(url, post(small, { 'content-encoding': 'gzip' }))).status).toBe(200);
      const bomb = gzipSync(listToolsOfSize(400_000));
      expect(bomb.length).toBeLessThan(300_000);
      const refused = await rawRequest(url, post(bomb, { 'content-encoding': 'gzip' }));
      expect(refused.status).toBe(413);
      expect(refused.message().error?.message).toContain('limit of 300000 bytes');
    });

    it('raises the limit past 4 MiB when asked', async () => {
      const running = await start({ maxRequestBytes: 6_000_000 }, bodyParser);
      const response = await rawRequest(`${running.baseUrl}/mcp`, post(listToolsOfSize(5_000_000)));
      expect(response.status).toBe(200);
    });
  });

  it("leaves a dispatched tool call to its route's own limit: an error result naming 413", async () => {
    const running = await start({}, true);
    const client = await running.connect();
    const outcome = await callTool(client, 'create_widget', {
      name: 'w'.repeat(OVER_ADAPTER_DEFAULTS),
      size: 3,
    });
    expect(outcome.isError).toBe(true);
    expect(outcome.text).toContain('Status code: 413');
    // A call within the route's limit goes through as before.
    expect((await callTool(client, 'create_widget', { name: 'Sprocket', size: 3 })).isError).toBe(false);
  });

  it('rejects a maxRequestBytes that is not a positive whole number at startup', async () => {
    for (const maxRequestBytes of [0, -1, 1.5, '4mb' as never]) {
      await expect(start({ maxRequestBytes }, true)).rejects.toThrow(
        'McpModule option "maxRequestBytes" must be a positive whole number of bytes',
      );
    }
  });
});
