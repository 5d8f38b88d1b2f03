import 'reflect-metadata';
import { Module, VersioningType, type Type } from '@nestjs/common';
import { DocumentBuilder } from '@nestjs/swagger';
import { McpModule, McpToolNameCollisionError, type McpModuleOptions } from 'nestjs-mcp';
import {
  ADAPTERS,
  appsPerTest,
  callJson,
  callRefused,
  callTool,
  createApp,
  rawRequest,
} from '@nestjs-mcp/testing';
import {
  LegacyNotesController,
  NotesController,
  NotesV2Controller,
  OddNamesController,
  SlowController,
  TagsController,
} from './fixtures/small.controllers.js';

function appWith(controllers: Type[], mcp: ReturnType<typeof McpModule.forRoot>): Type {
  @Module({ imports: [mcp], controllers })
  class ConfiguredModule {}
  return ConfiguredModule;
}

function forRoot(options: McpModuleOptions & { path?: string } = {}) {
  return McpModule.forRoot(options);
}

describe.each(ADAPTERS)('configuration on %s', (adapter) => {
  const { start } = appsPerTest(adapter);

  it('respects the global prefix and URI versioning, for tools and for the endpoint', async () => {
    const app = await start(appWith([NotesController, NotesV2Controller], forRoot()), (nest) => {
      nest.setGlobalPrefix('api');
      nest.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
    });
    const client = await app.connect({ path: '/api/mcp' });
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(['get_note', 'get_note_v2', 'list_notes']);
    expect(tools.find((tool) => tool.name === 'get_note')?.description).toBe(
      'Get a note\n\n### Responses:\n\n**200**: OK (Success Response)',
    );
    expect(await callJson(client, 'get_note', { id: 3 })).toEqual({ id: 3, version: 'default' });
    expect(await callJson(client, 'get_note_v2', { id: 3 })).toEqual({ id: 3, version: '2' });
    expect((await rawRequest(`${app.baseUrl}/api/v1/notes/3`, { method: 'GET' })).status).toBe(200);
  });

  it("exposes only @McpTool routes with exposure: 'decorated'", async () => {
    const app = await start(appWith([NotesController, TagsController], forRoot({ exposure: 'decorated' })));
    const client = await app.connect();
    const { tools } = await client.listTools();
    expect(tools.map((tool) => [tool.name, tool.title, tool.description]).sort()).toEqual([
      ['list_notes', undefined, 'Lists the notes.'],
      ['list_tags', 'Tags', 'GET /tags\n\n### Responses:\n\n**200**: OK (Success Response)'],
    ]);
    expect(await callRefused(client, 'get_note', { id: 1 })).toMatchObject({ code: -32602 });
  });

  it('stops bootstrap on a tool name collision, naming both routes and the fix', async () => {
    const app = await createApp(appWith([NotesController, LegacyNotesController], forRoot()), adapter);
    const failure = app.init();
    await expect(failure).rejects.toThrow(McpToolNameCollisionError);
    await expect(failure).rejects.toThrow(
      'Two routes would both be the MCP tool "get_note": NotesController.get (GET /notes/{id}) and ' +
        'LegacyNotesController.get (GET /legacy-notes/{id}). Rename one with @McpTool',
    );
    await app.close();
  });

  it('answers a call slower than timeoutMs with an error result that says so', async () => {
    const app = await start(appWith([SlowController], forRoot({ timeoutMs: 100 })));
    const client = await app.connect();
    expect(await callJson(client, 'slow_call', { ms: 1 })).toEqual({ waited: 1 });
    const slow = await callTool(client, 'slow_call', { ms: 400 });
    expect(slow.isError).toBe(true);
    expect(slow.text).toContain('did not answer within 100 ms');
  });

  it('takes async options from a factory and a normalised static path', async () => {
    const module = appWith(
      [TagsController],
      McpModule.forRootAsync({
        path: 'tools/mcp/',
        useFactory: async () => ({ name: 'Async MCP', version: '2.1.0', instructions: 'async' }),
      }),
    );
    const app = await start(module);
    const client = await app.connect({ path: '/tools/mcp' });
    expect(client.getServerVersion()).toMatchObject({ name: 'Async MCP', version: '2.1.0' });
    expect(client.getInstructions()).toBe('async');
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(['list_tags']);
  });

  it('takes async options from a class with create()', async () => {
    class McpOptionsFactory {
      create(): McpModuleOptions {
        return { name: 'From a class', excludeOperations: ['get_note'] };
      }
    }
    const module = appWith(
      [TagsController, NotesController],
      McpModule.forRootAsync({ useClass: McpOptionsFactory }),
    );
    const client = await (await start(module)).connect();
    expect(client.getServerVersion()?.name).toBe('From a class');
    expect((await client.listTools()).tools.map((tool) => tool.name).sort()).toEqual([
      'list_notes',
      'list_tags',
    ]);
  });

  it('names the server after the Swagger config and names tools with its operationIdFactory', async () => {
    const config = new DocumentBuilder().setTitle('Tag Service').setVersion('4.2.0').build();
    const options = { operationIdFactory: (controller: string, method: string) => `${controller}.${method}` };
    const app = await start(appWith([TagsController], forRoot({ swagger: { config, options } })));
    const client = await app.connect();
    expect(client.getServerVersion()).toMatchObject({ name: 'Tag Service', version: '4.2.0' });
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(['list_tags']);
  });

  it('makes tool names safe for clients and at most 64 characters', async () => {
    const app = await start(appWith([OddNamesController], forRoot()));
    const client = await app.connect();
    const [tool] = (await client.listTools()).tools;
    expect(tool.name).toMatch(/^list_everything_odd_with_a_name_far_longer_than_the_\w*_[0-9a-f]{8}$/);
    expect(tool.name.length).toBeLessThanOrEqual(64);
    expect(await callJson(client, tool.name)).toEqual([]);
  });

  it('defaults the server name to "Nest MCP" without a Swagger title', async () => {
    const app = await start(appWith([TagsController], forRoot()));
    expect((await app.connect()).getServerVersion()).toMatchObject({ name: 'Nest MCP', version: '1.0.0' });
  });
});
