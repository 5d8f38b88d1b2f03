import 'reflect-metadata';
import {
  LoggingMessageNotificationSchema,
  ToolListChangedNotificationSchema,
  type Progress,
} from '@modelcontextprotocol/sdk/types.js';
import { ADAPTERS, appsPerTest } from '@nestjs-mcp/testing';
import { McpToolsService, type McpSessionMode } from 'nestjs-mcp';
import { statefulApp } from './fixtures/sessions.app.js';

/** Generous: the first request of a fresh app is slow on a busy machine. */
const TIMEOUT_MS = 30_000;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` until it holds, failing after `ms` (the machine is busy: no fixed sleeps). */
async function until(condition: () => boolean, what: string, ms = 10_000) {
  for (const deadline = Date.now() + ms; !condition(); await wait(25)) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms`);
  }
}

interface LogRecord {
  level: string;
  logger?: string;
  data: unknown;
}

describe.each(ADAPTERS)('session notifications on %s', (adapter) => {
  const { start } = appsPerTest(adapter);

  it(
    'sends tools/list_changed to every open session after McpToolsService.refresh()',
    async () => {
      const app = await start(statefulApp());
      const clients = [await app.connect(), await app.connect()];
      const heard = [0, 0];
      clients.forEach((client, index) =>
        client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
          heard[index]++;
        }),
      );
      const tools = app.app.get(McpToolsService);
      // Each client opens its GET stream after initialize, on its own schedule: refresh until both heard.
      await until(() => {
        if (heard.some((count) => count === 0)) tools.refresh();
        return heard.every((count) => count > 0);
      }, 'tools/list_changed reaching both sessions');
      expect((await clients[0].listTools()).tools.map((tool) => tool.name)).toContain('get_note');
    },
    TIMEOUT_MS,
  );

  it(
    'sends log records about each call at or above the level each client set',
    async () => {
      const app = await start(statefulApp());
      const verbose = await app.connect();
      const quiet = await app.connect();
      const silent = await app.connect();
      const heard: { verbose: LogRecord[]; quiet: LogRecord[]; silent: LogRecord[] } = {
        verbose: [],
        quiet: [],
        silent: [],
      };
      // A client that never sets a level hears nothing about calls.
      silent.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
        heard.silent.push(n.params);
      });
      verbose.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
        heard.verbose.push(n.params);
      });
      quiet.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
        heard.quiet.push(n.params);
      });
      await verbose.setLoggingLevel('info');
      await quiet.setLoggingLevel('warning');

      await verbose.callTool({ name: 'get_note', arguments: { id: '1' } });
      await until(() => heard.verbose.length >= 2, 'two log records');
      expect(heard.verbose).toEqual([
        { level: 'info', logger: 'nestjs-mcp', data: 'calling get_note → GET /notes/1' },
        { level: 'info', logger: 'nestjs-mcp', data: expect.stringMatching(/^get_note ← 200 in \d+ ms$/) },
      ]);

      await quiet.callTool({ name: 'get_note', arguments: { id: '1' } });
      await quiet.callTool({ name: 'get_note', arguments: { id: 'missing' } });
      await until(() => heard.quiet.length >= 1, 'the warning record');
      // Only the 404's record reaches the client that asked for warnings: the info records were dropped.
      expect(heard.quiet).toEqual([
        { level: 'warning', logger: 'nestjs-mcp', data: expect.stringMatching(/^get_note ← 404 in \d+ ms$/) },
      ]);
      expect(heard.verbose).toHaveLength(2);
      await silent.callTool({ name: 'get_note', arguments: { id: 'missing' } });
      // Its own call's records would have come before the call's answer, on the same stream.
      expect(heard.silent).toEqual([]);
    },
    TIMEOUT_MS,
  );

  it.each<McpSessionMode>(['stateful', 'stateless'])(
    'sends progress at the start and the end of a call that asks for it (%s)',
    async (session) => {
      const app = await start(statefulApp({ session }));
      const client = await app.connect();
      const updates: Progress[] = [];
      const result = await client.callTool({ name: 'hold', arguments: { ms: '100' } }, undefined, {
        onprogress: (update) => updates.push(update),
      });
      expect(result.isError).not.toBe(true);
      expect(updates).toEqual([
        { progress: 0, total: 1, message: 'calling hold' },
        { progress: 1, total: 1, message: 'hold done' },
      ]);
    },
    TIMEOUT_MS,
  );

  it(
    'declares tools.listChanged only for stateful sessions',
    async () => {
      const stateless = await start(statefulApp({ session: 'stateless' }));
      const client = await stateless.connect();
      expect(client.getServerCapabilities()?.tools?.listChanged).toBe(false);
    },
    TIMEOUT_MS,
  );
});
