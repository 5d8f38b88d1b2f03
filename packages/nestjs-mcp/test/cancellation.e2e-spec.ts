import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { ADAPTERS, appsPerTest, jsonRpc, MCP_POST_HEADERS } from '@nestjs-mcp/testing';
import { McpModule } from 'nestjs-mcp';
import { TicksController } from './fixtures/routing.controllers.js';

@Module({ imports: [McpModule.forRoot({ timeoutMs: 60_000 })], controllers: [TicksController] })
class TicksAppModule {}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `condition` holds (the first call of a fresh app can take a while on a busy machine). */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 10_000) throw new Error('the route did not start within 10 s');
    await wait(20);
  }
}

/** The same call as a 2025-era client and as a 2026-07-28 client (version in `_meta` and headers) sends it. */
const ERAS = {
  '2025-11-25': {
    headers: MCP_POST_HEADERS,
    body: jsonRpc('tools/call', { name: 'ticks', arguments: {} }),
  },
  '2026-07-28': {
    headers: {
      ...MCP_POST_HEADERS,
      'mcp-protocol-version': '2026-07-28',
      'mcp-method': 'tools/call',
      'mcp-name': 'ticks',
    },
    body: jsonRpc('tools/call', {
      name: 'ticks',
      arguments: {},
      _meta: {
        'io.modelcontextprotocol/protocolVersion': '2026-07-28',
        'io.modelcontextprotocol/clientCapabilities': {},
      },
    }),
  },
};

describe.each(ADAPTERS)('cancellation on %s', (adapter) => {
  const { start } = appsPerTest(adapter);

  it.each(Object.keys(ERAS) as Array<keyof typeof ERAS>)(
    'stops the route when a %s client disconnects from a call in flight',
    async (era) => {
      const app = await start(TicksAppModule);
      const disconnect = new AbortController();
      const call = fetch(`${app.baseUrl}/mcp`, {
        method: 'POST',
        ...ERAS[era],
        signal: disconnect.signal,
      }).then((response) => response.text());
      const before = TicksController.ticks;
      // The never-ending stream is running for this call ...
      await until(() => TicksController.ticks > before + 2);

      disconnect.abort();
      await expect(call).rejects.toThrow();
      await wait(50);
      const atDisconnect = TicksController.ticks;
      await wait(200);
      // ... and ends with the client's connection, long before the 60 s timeout.
      expect(TicksController.ticks - atDisconnect).toBeLessThanOrEqual(1);
    },
  );
});
