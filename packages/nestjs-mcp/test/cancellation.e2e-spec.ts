import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { ADAPTERS, appsPerTest, jsonRpc, MCP_POST_HEADERS } from '@nestjs-mcp/testing';
import { McpModule } from 'nestjs-mcp';
import { TicksController } from './fixtures/routing.controllers.js';

@Module({ imports: [McpModule.forRoot({ timeoutMs: 60_000 })], controllers: [TicksController] })
class TicksAppModule {}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(ADAPTERS)('cancellation on %s', (adapter) => {
  const { start } = appsPerTest(adapter);

  it('stops the route when the client disconnects from a call in flight', async () => {
    const app = await start(TicksAppModule);
    const disconnect = new AbortController();
    const call = fetch(`${app.baseUrl}/mcp`, {
      method: 'POST',
      headers: MCP_POST_HEADERS,
      body: jsonRpc('tools/call', { name: 'ticks', arguments: {} }),
      signal: disconnect.signal,
    }).then((response) => response.text());
    const before = TicksController.ticks;
    await wait(150);
    // The never-ending stream is running for this call ...
    expect(TicksController.ticks).toBeGreaterThan(before);

    disconnect.abort();
    await expect(call).rejects.toThrow();
    await wait(50);
    const atDisconnect = TicksController.ticks;
    await wait(200);
    // ... and ends with the client's connection, long before the 60 s timeout.
    expect(TicksController.ticks - atDisconnect).toBeLessThanOrEqual(1);
  });
});
