import { listen, type AdapterName, type RunningApp } from '@nestjs-mcp/testing';
import { createItemsApp } from '../src/bootstrap.js';

/**
 * Runs the example app on `adapter` for the enclosing `describe` block (started before its tests, closed
 * after them); returns a getter for its MCP endpoint URL.
 */
export function exampleEndpoint(adapter: AdapterName = 'express'): () => string {
  let running: RunningApp | undefined;
  beforeAll(async () => {
    running = await listen(await createItemsApp(adapter, { logger: false }));
  });
  afterAll(() => running?.close());
  return () => {
    if (!running) throw new Error('The example app is started in beforeAll; read the URL inside a test.');
    return `${running.baseUrl}/mcp`;
  };
}
