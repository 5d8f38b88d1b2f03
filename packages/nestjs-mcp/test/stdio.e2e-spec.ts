import { afterEach, describe, expect, it } from '@jest/globals';
import { Client as ClientV2 } from '@modelcontextprotocol/client';
import { StdioClientTransport as StdioTransportV2 } from '@modelcontextprotocol/client/stdio';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ADAPTERS } from '@nestjs-mcp/testing';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { serveStdio } from 'nestjs-mcp';
import { STDIO_TOKEN, StdioFixtureModule } from './fixtures/stdio.app.js';
import {
  spawnStdioServer,
  STDIO_BOOT_MS,
  stdioServerCommand,
  waitFor,
  type RawStdioServer,
} from './fixtures/stdio-process.js';

// serveStdio() end to end: the fixture app (fixtures/stdio.app.ts) runs in a child process, as Claude
// Desktop would run it, and real SDK clients drive it over its stdin/stdout.

const INFO = { name: 'stdio-tests', version: '1.0.0' };
const consoleBefore = globalThis.console;
const WITH_TOKEN = { STDIO_AUTHORIZATION: `Bearer ${STDIO_TOKEN}` };
const TEST_MS = STDIO_BOOT_MS + 30_000;

interface ToolResult {
  content: Array<{ type: string; text?: string }>;
  isError?: boolean;
}

function textOf(result: unknown): { text: string; isError: boolean } {
  const { content, isError } = result as ToolResult;
  return { text: content.find((block) => block.type === 'text')?.text ?? '', isError: isError === true };
}

/** The JSON a successful tool result carries. */
function jsonOf(result: unknown): unknown {
  const { text, isError } = textOf(result);
  if (isError) throw new Error(`The tool failed: ${text}`);
  return JSON.parse(text);
}

/** Writes one JSON-RPC message to the server's stdin. */
const send = (raw: RawStdioServer, message: object) => raw.child.stdin.write(`${JSON.stringify(message)}\n`);
/** Whether the server answered request `id` on stdout. */
const answered = (raw: RawStdioServer, id: number) =>
  raw.stdoutLines.some((line) => line.includes(`"id":${id}`));
/** The 2025-era opening: `initialize`, answered, then `notifications/initialized`. */
async function initialize(raw: RawStdioServer): Promise<void> {
  send(raw, {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: INFO },
  });
  await waitFor(
    () => answered(raw, 1),
    STDIO_BOOT_MS,
    () => `no initialize answer\n${raw.stderr()}`,
  );
  send(raw, { jsonrpc: '2.0', method: 'notifications/initialized' });
}

describe.each(ADAPTERS)('serveStdio on %s', (adapter) => {
  const open: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((client) => client.close().catch(() => undefined)));
  });

  it(
    'serves the catalog to the v1 SDK client: lists, calls a route, calls a guarded route with the configured header',
    async () => {
      const transport = new StdioClientTransport({
        ...stdioServerCommand(adapter, WITH_TOKEN),
        stderr: 'pipe',
      });
      const client = new Client(INFO);
      open.push(client);
      await client.connect(transport);

      expect(client.getServerVersion()).toEqual({ name: 'Stdio fixture', version: '1.2.3' });
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual(['get_note', 'list_private_notes']);
      expect(jsonOf(await client.callTool({ name: 'get_note', arguments: { id: 7 } }))).toEqual({
        id: 7,
        title: 'Note 7',
      });
      // ParseIntPipe runs in-process as over HTTP: a bad id is the route's 400.
      const refused = textOf(await client.callTool({ name: 'get_note', arguments: { id: 'x' } }));
      expect(refused.isError).toBe(true);
      expect(jsonOf(await client.callTool({ name: 'list_private_notes', arguments: {} }))).toEqual([
        { id: 1, title: 'private' },
      ]);
    },
    TEST_MS,
  );

  it.each([
    ['auto mode', { mode: 'auto' as const }],
    ['pinned to 2026-07-28', { mode: { pin: '2026-07-28' } }],
  ])(
    'serves the v2 client in %s',
    async (_mode, versionNegotiation) => {
      const transport = new StdioTransportV2({ ...stdioServerCommand(adapter, WITH_TOKEN), stderr: 'pipe' });
      const client = new ClientV2(INFO, { versionNegotiation });
      open.push(client);
      await client.connect(transport);

      expect(client.getProtocolEra()).toBe('modern');
      expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual(['get_note', 'list_private_notes']);
      expect(jsonOf(await client.callTool({ name: 'get_note', arguments: { id: 12 } }))).toEqual({
        id: 12,
        title: 'Note 12',
      });
      expect(jsonOf(await client.callTool({ name: 'list_private_notes', arguments: {} }))).toHaveLength(1);
    },
    TEST_MS,
  );

  describe('as a raw process', () => {
    let server: RawStdioServer | undefined;
    afterEach(() => {
      if (server && server.child.exitCode === null) server.child.kill();
      server = undefined;
    });

    it(
      'writes only JSON-RPC to stdout (logs and console.log go to stderr), refuses the guarded route without the header, exits when stdin closes',
      async () => {
        const raw = (server = spawnStdioServer(adapter));
        const answers = () =>
          raw.stdoutLines.map(
            (line) => JSON.parse(line) as { jsonrpc: string; id?: number; result?: unknown },
          );

        await initialize(raw);
        send(raw, {
          jsonrpc: '2.0',
          id: 2,
          method: 'tools/call',
          params: { name: 'get_note', arguments: { id: 3 } },
        });
        send(raw, {
          jsonrpc: '2.0',
          id: 3,
          method: 'tools/call',
          params: { name: 'list_private_notes', arguments: {} },
        });
        await waitFor(
          () => answered(raw, 2) && answered(raw, 3),
          30_000,
          () => raw.stdoutLines.join('\n'),
        );

        // Every stdout line is a JSON-RPC message; the route's Nest log and console.log went to stderr.
        expect(answers().every((message) => message.jsonrpc === '2.0')).toBe(true);
        expect(raw.stderr()).toContain('note 3 requested');
        expect(raw.stderr()).toContain('console.log from a route: note 3');
        expect(raw.stderr()).toContain('console.log after serveStdio');
        expect(raw.stdoutLines.join('\n')).not.toContain('note 3 requested');
        const byId = new Map(answers().map((message) => [message.id, message.result]));
        expect(textOf(byId.get(2)).isError).toBe(false);
        // No STDIO_AUTHORIZATION in this process: the route's guard refuses the call.
        const guarded = textOf(byId.get(3));
        expect(guarded.isError).toBe(true);
        expect(guarded.text).toContain('401');

        raw.child.stdin.end();
        expect(await raw.exited(30_000)).toBe(0);
        expect(raw.stderr()).toContain('the app was closed');
        expect(raw.stderr()).not.toContain('Still running');
      },
      TEST_MS,
    );

    it(
      'serves the endpoint named by "path"; exits after forceExitAfterMs when something the app left open holds the process',
      async () => {
        const raw = (server = spawnStdioServer(adapter, {
          STDIO_PATH: '/notes-mcp',
          STDIO_LEAK_TIMER: '1',
          STDIO_FORCE_EXIT_MS: '500',
        }));
        await initialize(raw);
        expect(raw.stdoutLines[0]).toContain('"name":"Stdio notes"');
        send(raw, { jsonrpc: '2.0', id: 2, method: 'tools/list' });
        await waitFor(
          () => answered(raw, 2),
          30_000,
          () => raw.stdoutLines.join('\n'),
        );
        const listed = JSON.parse(raw.stdoutLines[1]) as { result: { tools: Array<{ name: string }> } };
        expect(listed.result.tools.map((tool) => tool.name)).toEqual(['get_note']);

        raw.child.stdin.end();
        expect(await raw.exited(30_000)).toBe(0);
        expect(raw.stderr()).toContain('Still running 500 ms after shutdown began: exiting.');
      },
      TEST_MS,
    );
  });

  it(
    'an endpoint serving the 2025 revisions only: a v2 client in auto mode is refused 2026-07-28 and falls back to initialize',
    async () => {
      const transport = new StdioTransportV2({
        ...stdioServerCommand(adapter, { ...WITH_TOKEN, STDIO_VERSIONS: '2025-11-25,2025-06-18' }),
        stderr: 'pipe',
      });
      const client = new ClientV2(INFO, { versionNegotiation: { mode: 'auto' } });
      open.push(client);
      await client.connect(transport);

      expect(client.getProtocolEra()).toBe('legacy');
      expect(client.getNegotiatedProtocolVersion()).toBe('2025-11-25');
      expect(jsonOf(await client.callTool({ name: 'get_note', arguments: { id: 5 } }))).toEqual({
        id: 5,
        title: 'Note 5',
      });
    },
    TEST_MS,
  );

  it(
    'closes the app and exits on SIGTERM, as a host does when the server outlives its stdin',
    async () => {
      const raw = spawnStdioServer(adapter);
      try {
        await initialize(raw);
        raw.child.kill('SIGTERM');
        expect(await raw.exited(30_000)).toBe(0);
        expect(raw.stderr()).toContain('the app was closed');
      } finally {
        if (raw.child.exitCode === null) raw.child.kill('SIGKILL');
      }
    },
    TEST_MS,
  );

  it('refuses a path no McpModule serves, naming the ones the app serves, and closes the app', async () => {
    const httpAdapter = adapter === 'fastify' ? new FastifyAdapter() : new ExpressAdapter();
    await expect(
      serveStdio(StdioFixtureModule, { adapter: httpAdapter, path: 'admin-mcp', logger: false }),
    ).rejects.toThrow(
      'serveStdio(): no McpModule serves path "/admin-mcp"; this app serves "/mcp", "/notes-mcp". Pass one of them as the "path" option.',
    );
    expect(globalThis.console).toBe(consoleBefore);
  });
});
