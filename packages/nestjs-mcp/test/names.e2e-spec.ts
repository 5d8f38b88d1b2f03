import 'reflect-metadata';
import { Module, VersioningType, type INestApplication, type Type } from '@nestjs/common';
import { ADAPTERS, appsPerTest, callJson } from '@nestjs-mcp/testing';
import { McpModule, type McpModuleOptions, type ToolNaming } from 'nestjs-mcp';
import { AccountsController, UsersController } from './fixtures/names.controllers.js';

function namesApp(options: McpModuleOptions = {}): Type {
  @Module({ imports: [McpModule.forRoot(options)], controllers: [UsersController, AccountsController] })
  class NamesModule {}
  return NamesModule;
}

const uriVersioning = (app: INestApplication) => app.enableVersioning({ type: VersioningType.URI });

describe.each(ADAPTERS)('tool names on %s', (adapter) => {
  const { start } = appsPerTest(adapter);

  async function toolNames(options: McpModuleOptions = {}): Promise<string[]> {
    const client = await (await start(namesApp(options), uriVersioning)).connect();
    return (await client.listTools()).tools.map((tool) => tool.name).sort();
  }

  it("names tools readably from @nestjs/swagger's default operationIds, versions included", async () => {
    expect(await toolNames()).toEqual(['accounts_find_all_v1', 'add_user', 'getUser', 'users_find_all']);
  });

  it('calls a tool by its readable name', async () => {
    const client = await (await start(namesApp(), uriVersioning)).connect();
    expect(await callJson(client, 'users_find_all', {})).toEqual([{ id: 1, name: 'Ada' }]);
    expect(await callJson(client, 'accounts_find_all_v1', {})).toEqual([{ id: 7 }]);
  });

  it('filters accept the readable name and the operationId it came from', async () => {
    const included = await toolNames({
      includeOperations: ['UsersController_findAll', 'accounts_find_all_v1'],
    });
    // add_user has @McpTool(), which filters never drop.
    expect(included).toEqual(['accounts_find_all_v1', 'add_user', 'users_find_all']);
    const excluded = await toolNames({
      excludeOperations: ['users_find_all', 'AccountsController_findAll_v1'],
    });
    expect(excluded).toEqual(['add_user', 'getUser']);
  });

  it("keeps operationIds as written with toolNames: 'operationId'", async () => {
    const asWritten: ToolNaming = 'operationId';
    expect(await toolNames({ toolNames: asWritten })).toEqual([
      'AccountsController_findAll_v1',
      'UsersController_findAll',
      'add_user',
      'getUser',
    ]);
  });
});
