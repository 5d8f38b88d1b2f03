import 'reflect-metadata';
import type { Server } from 'node:http';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { ADAPTERS, callJson, listen, type RunningApp } from '@nestjs-mcp/testing';
import { createItemsApp } from '../src/bootstrap.js';
import { remoteExampleModule } from '../src/remote-example.module.js';

// The separate deployment of the example (remote-main.ts): the items API on its own, and an MCP server
// process whose tool calls go to it over HTTP.
describe.each(ADAPTERS)('separate deployment example on %s', (adapter) => {
  let api: RunningApp;
  let mcp: RunningApp;
  let client: Client;

  beforeAll(async () => {
    api = await listen(await createItemsApp(adapter, { logger: false }));
    const module = remoteExampleModule(api.baseUrl);
    const httpAdapter = adapter === 'fastify' ? new FastifyAdapter() : new ExpressAdapter();
    mcp = await listen(await NestFactory.create(module, httpAdapter, { logger: false }));
    client = await mcp.connect();
  });

  afterAll(async () => {
    await mcp?.close();
    (api?.app.getHttpServer() as Server | undefined)?.closeAllConnections();
    await api?.close();
  });

  it('offers the same tools as the API process, described from its own copy of the routes', async () => {
    const [remote, local] = await Promise.all([client.listTools(), (await api.connect()).listTools()]);
    expect(remote.tools.map((tool) => tool.name).sort()).toEqual(local.tools.map((tool) => tool.name).sort());
    expect(remote.tools.length).toBeGreaterThan(5);
  });

  it('stores a created item in the API process, where REST then finds it', async () => {
    const created = await callJson<{ id: number }>(client, 'create_item', { name: 'Level', price: 19 });
    const response = await fetch(`${api.baseUrl}/items/${created.id}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: created.id, name: 'Level', price: 19 });
    expect(await callJson(client, 'get_item', { id: created.id })).toMatchObject({ name: 'Level' });
  });

  it("answers the API's routes in the MCP process with 421, pointing at the API", async () => {
    const response = await fetch(`${mcp.baseUrl}/items/1`);
    expect(response.status).toBe(421);
    const body = (await response.json()) as { message: string };
    expect(body.message).toContain(`The items API answers at ${api.baseUrl}`);
  });
});
