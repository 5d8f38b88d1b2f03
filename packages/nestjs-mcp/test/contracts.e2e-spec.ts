import 'reflect-metadata';
import { Module } from '@nestjs/common';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ADAPTERS, createApp, listen, type RunningApp } from '@nestjs-mcp/testing';
import { McpModule } from 'nestjs-mcp';
import { ContractsController } from './fixtures/contracts.controller.js';

@Module({ imports: [McpModule.forRoot()], controllers: [ContractsController] })
class ContractsModule {}

describe.each(ADAPTERS)('response contracts on %s', (adapter) => {
  let running: RunningApp;
  let client: Client;
  let tools: Awaited<ReturnType<Client['listTools']>>['tools'];

  beforeAll(async () => {
    running = await listen(await createApp(ContractsModule, adapter));
    client = await running.connect();
    tools = (await client.listTools()).tools;
  });

  afterAll(() => running.close());

  const tool = (name: string) => tools.find((candidate) => candidate.name === name)!;

  it('leaves readOnly properties out of arguments and does not require writeOnly ones in responses', async () => {
    expect(Object.keys(tool('create_account').inputSchema.properties ?? {})).toEqual(['name', 'password']);
    const result = await client.callTool({
      name: 'create_account',
      arguments: { name: 'ada', password: 'pw' },
    });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ id: 1, name: 'ada' });
  });

  it('accepts a response of a discriminated union', async () => {
    const result = await client.callTool({ name: 'get_pet', arguments: { name: 'Tom' } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ kind: 'cat', name: 'Tom' });
  });

  it('declares every documented 2xx object response, and accepts each', async () => {
    expect(tool('upsert_thing').outputSchema).toMatchObject({ type: 'object', anyOf: [{}, {}] });
    const created = await client.callTool({ name: 'upsert_thing', arguments: {} });
    expect(created.structuredContent).toEqual({ id: 5 });
    const existing = await client.callTool({ name: 'upsert_thing', arguments: { existing: 'yes' } });
    expect(existing.structuredContent).toEqual({ kind: 'thing', name: 'old' });
  });

  it('declares no output schema when a 2xx has no body, so a 204 stays a plain empty result', async () => {
    expect(tool('maybe_item').outputSchema).toBeUndefined();
    const result = await client.callTool({ name: 'maybe_item', arguments: {} });
    expect(result).toMatchObject({
      content: [{ type: 'text', text: 'The route answered 204 with an empty response (no content).' }],
    });
    expect(result.isError).toBeFalsy();
  });
});
