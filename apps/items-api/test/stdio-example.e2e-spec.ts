import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ADAPTERS, callJson } from '@nestjs-mcp/testing';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// src/stdio-main.ts (the example behind `npm run start:stdio` and the README's Claude Desktop configuration)
// as a host runs it: a child process driven over stdio by the SDK's client. It runs from source through the
// library tests' TypeScript loader, so no build is needed first.

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const LOADER = join(root, 'packages/nestjs-mcp/test/fixtures/ts-loader.mjs');
const ENTRY = join(root, 'apps/items-api/src/stdio-main.ts');
/** Boot on a busy machine (the child transpiles the library and the example) plus the calls. */
const TEST_MS = 120_000;

describe.each(ADAPTERS)('the stdio example on %s', (adapter) => {
  it(
    'lists the items tools and calls one',
    async () => {
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: ['--import', LOADER, '--conditions', 'nestjs-mcp-source', ENTRY],
        env: { ...(process.env as Record<string, string>), ADAPTER: adapter },
        stderr: 'pipe',
      });
      let stderr = '';
      transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const client = new Client({ name: 'stdio-example-test', version: '1.0.0' });
      try {
        await client.connect(transport);
        expect(client.getServerVersion()?.name).toBe('Items MCP');
        const { tools } = await client.listTools();
        expect(tools.map((tool) => tool.name)).toContain('get_item');
        // Admin routes stay REST-only over stdio too (excludeTags: ['admin']).
        expect(tools.map((tool) => tool.name).some((name) => name.includes('admin'))).toBe(false);
        // Dispatched in-process through the adapter, the app's pipes included.
        expect(await callJson(client, 'get_item', { id: 1 })).toMatchObject({ id: 1, name: 'Hammer' });
        expect(stderr).toContain('over stdio');
      } finally {
        await client.close();
      }
    },
    TEST_MS,
  );
});
