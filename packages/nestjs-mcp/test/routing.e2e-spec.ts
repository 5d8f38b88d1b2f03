import 'reflect-metadata';
import { Module, VersioningType, type Type } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import {
  ADAPTERS,
  appsPerTest,
  callJson,
  callTool,
  createApp,
  MCP_POST_HEADERS,
  rawRequest,
} from '@nestjs-mcp/testing';
import { McpModule } from 'nestjs-mcp';
import {
  CatsController,
  DogsController,
  ExpressWildcardController,
  FastifyWildcardController,
  FilesController,
  GadgetsController,
  hits,
  TicksController,
  UsersController,
} from './fixtures/routing.controllers.js';

function appWith(controllers: Type[], imports: unknown[] = [McpModule.forRoot()]): Type {
  @Module({ imports: imports as Type[], controllers })
  class RoutingModule {}
  return RoutingModule;
}

describe.each(ADAPTERS)('routing on %s', (adapter) => {
  const { start } = appsPerTest(adapter);

  it('refuses "." and ".." path values, so a call cannot reach another route', async () => {
    const client = await (await start(appWith([UsersController]))).connect();
    hits.length = 0;
    for (const sessionId of ['..', '.']) {
      const { text, isError } = await callTool(client, 'end_session', { id: '7', sessionId });
      expect(isError).toBe(true);
      expect(text).toBe(
        'Input validation error: sessionId must not be "." or ".." (it would change the path of the request)',
      );
    }
    expect(hits).toEqual([]);
    expect(await callJson(client, 'end_session', { id: '7', sessionId: 'a/..' })).toEqual({ ended: 'a/..' });
    expect(hits).toEqual(['DELETE session 7/a/..']);
  });

  it('joins the routes of a shared base-controller handler to their own paths', async () => {
    const client = await (await start(appWith([CatsController, DogsController]))).connect();
    expect(await callJson(client, 'cats_get', { id: '1' })).toEqual({ id: '1', url: '/cats/1' });
    expect(await callJson(client, 'dogs_get', { id: '2' })).toEqual({ id: '2', url: '/dogs/2' });
  });

  it('sends a wildcard argument as path segments', async () => {
    const wildcard = adapter === 'express' ? ExpressWildcardController : FastifyWildcardController;
    const client = await (await start(appWith([wildcard]))).connect();
    const tool = (await client.listTools()).tools.find((candidate) => candidate.name === 'read_file');
    expect(tool?.inputSchema.required).toEqual(['path']);
    const args = adapter === 'express' ? { path: ['docs', 'a b.txt'] } : { path: 'docs/a b.txt' };
    expect(await callJson(client, 'read_file', args)).toEqual({ segments: ['docs', 'a b.txt'] });
    expect(
      (await callTool(client, 'read_file', adapter === 'express' ? { path: ['..'] } : { path: 'x/../y' }))
        .text,
    ).toContain('must not be "." or ".."');
  });

  it('offers an undocumented path parameter as a required string argument', async () => {
    const client = await (await start(appWith([FilesController]))).connect();
    const tool = (await client.listTools()).tools.find((candidate) => candidate.name === 'raw_file');
    expect(tool?.inputSchema).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: { id: { type: 'string', title: 'id' } },
      required: ['id'],
    });
    expect(await callJson(client, 'raw_file', { id: 'x1' })).toEqual({ id: 'x1' });
  });

  it.each([
    [VersioningType.HEADER, { type: VersioningType.HEADER, header: 'X-API-Version' }],
    [VersioningType.MEDIA_TYPE, { type: VersioningType.MEDIA_TYPE, key: 'v=' }],
  ] as const)('selects the route version by %s', async (_type, versioning) => {
    const app = await start(appWith([GadgetsController]), (nest) => nest.enableVersioning(versioning));
    const client = await app.connect();
    expect(await callJson(client, 'list_gadgets')).toEqual({ version: 2 });
  });

  it('aborts the route when a call times out', async () => {
    const client = await (
      await start(appWith([TicksController], [McpModule.forRoot({ timeoutMs: 150 })]))
    ).connect();
    const { text, isError } = await callTool(client, 'ticks');
    expect(isError).toBe(true);
    expect(text).toContain('did not answer within 150 ms');
    const atTimeout = TicksController.ticks;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(TicksController.ticks - atTimeout).toBeLessThanOrEqual(1);
  });

  it.each([
    [
      'a global prefix exclusion',
      (nest: Awaited<ReturnType<typeof createApp>>) => nest.setGlobalPrefix('api', { exclude: ['mcp'] }),
      '/mcp',
    ],
    ['a RouterModule path', undefined, '/ai/mcp'],
  ] as const)('answers malformed JSON with a JSON-RPC error behind %s', async (_case, configure, path) => {
    const mcp = McpModule.forRoot();
    const imports = configure ? [mcp] : [mcp, RouterModule.register([{ path: 'ai', module: McpModule }])];
    const app = await start(appWith([GadgetsController], imports), configure);
    const response = await rawRequest(`${app.baseUrl}${path}`, {
      headers: MCP_POST_HEADERS,
      body: '{"jsonrpc":',
    });
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toMatchObject({ jsonrpc: '2.0', error: { code: -32700 } });
  });
});
