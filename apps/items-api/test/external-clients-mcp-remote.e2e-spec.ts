import 'reflect-metadata';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ADAPTERS } from '@nestjs-mcp/testing';
import { mintDevToken } from '../src/auth/dev-token.js';
import { rowApp, TRANSPORTS } from './external-clients/transports.js';
import { NPX_TIMEOUT } from './npx.js';

/**
 * `mcp-remote`, the stdio bridge of Claude Desktop and other stdio-only hosts, driven by the SDK's stdio
 * client, on every HTTP transport (the rows of `TRANSPORTS`, each without fallback to another) and both
 * adapters, with the README's `--header "Authorization:${AUTH_HEADER}"` against the token-passthrough
 * example: on a stateful endpoint the session is bound to the token, and each call carries it.
 */
const MCP_REMOTE = 'mcp-remote@0.15.1';

describe.each(ADAPTERS)('mcp-remote as a stdio bridge on %s', (adapter) => {
  describe.each(TRANSPORTS)('over $name', (row) => {
    const app = rowApp(adapter, row);

    it(
      'lists the tools and calls them for a stdio client, as in the Claude Desktop config',
      async () => {
        app.reset();
        const transport = new StdioClientTransport({
          command: 'npx',
          // `${AUTH_HEADER}` is literal: mcp-remote expands it from its env, as Claude Desktop runs it.
          args: [
            '--yes',
            MCP_REMOTE,
            app.url(),
            '--transport',
            row.mcpRemote,
            '--header',
            'Authorization:${AUTH_HEADER}',
          ],
          env: {
            ...(process.env as Record<string, string>),
            AUTH_HEADER: `Bearer ${mintDevToken({ subject: 'carol' })}`,
          },
          stderr: 'ignore',
        });
        const client = new Client({ name: 'stdio-client', version: '1.0.0' });
        await client.connect(transport);
        try {
          const { tools } = await client.listTools();
          expect(tools.map((tool) => tool.name)).toEqual(
            expect.arrayContaining(['whoami', 'list_items', 'get_item']),
          );
          const me = await client.callTool({ name: 'whoami', arguments: {} });
          expect(me.structuredContent).toEqual({ subject: 'carol' });
          const item = await client.callTool({ name: 'get_item', arguments: { id: 3 } });
          expect(item.structuredContent).toMatchObject({ id: 3, name: 'Wrench' });
        } finally {
          await client.close();
        }
        row.expectWire(app.seen);
        expect(app.seen.filter((request) => request.authorization === undefined)).toEqual([]);
      },
      NPX_TIMEOUT,
    );
  });
});
