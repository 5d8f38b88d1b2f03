import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { listen, type RunningApp } from '@nestjs-mcp/testing';
import { createItemsApp } from '../src/bootstrap.js';

/**
 * Real external MCP clients against the example app: the MCP Inspector CLI and the official conformance
 * suite (both need Node 22, which `npx` brings from the npm registry — the `node` package — next to them),
 * and `mcp-remote`, the stdio bridge that Claude Desktop and other stdio-only clients use.
 */
const NODE_22 = 'node@22.23.3';
const INSPECTOR = '@modelcontextprotocol/inspector@2.12.0';
const CONFORMANCE = '@modelcontextprotocol/conformance@0.1.16';
const MCP_REMOTE = 'mcp-remote@0.15.1';
const SLOW = 240_000;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function npx(packages: string[], command: string): Promise<Run> {
  const args = ['--yes', ...packages.flatMap((name) => ['--package', name]), '--call', command];
  return new Promise((resolve) => {
    execFile(
      'npx',
      args,
      { timeout: SLOW - 10_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('external MCP clients against the example app', () => {
  let running: RunningApp;
  let url: string;

  beforeAll(async () => {
    running = await listen(await createItemsApp('express', { logger: false }));
    url = `${running.baseUrl}/mcp`;
  });

  afterAll(() => running.close());

  it(
    'the MCP Inspector CLI lists the tools and calls one',
    async () => {
      const list = await npx(
        [NODE_22, INSPECTOR],
        `mcp-inspector --cli ${url} --transport http --method tools/list`,
      );
      expect(list.stderr).not.toMatch(/Error/);
      expect(list.code).toBe(0);
      const names = (JSON.parse(list.stdout) as { tools: Array<{ name: string }> }).tools.map(
        (tool) => tool.name,
      );
      expect(names).toEqual(expect.arrayContaining(['list_items', 'get_item', 'find_items']));

      const call = await npx(
        [NODE_22, INSPECTOR],
        `mcp-inspector --cli ${url} --transport http --method tools/call --tool-name get_item --tool-arg id=1`,
      );
      expect(call.code).toBe(0);
      const result = JSON.parse(call.stdout) as { content: Array<{ text: string }>; isError?: boolean };
      expect(result.isError).toBeFalsy();
      expect(JSON.parse(result.content[0].text)).toMatchObject({ id: 1, name: 'Hammer' });
    },
    SLOW,
  );

  it(
    'mcp-remote bridges a stdio client to the endpoint, as in the Claude Desktop config',
    async () => {
      const transport = new StdioClientTransport({
        command: 'npx',
        args: ['--yes', MCP_REMOTE, url, '--transport', 'http-only'],
        stderr: 'ignore',
      });
      const client = new Client({ name: 'stdio-client', version: '1.0.0' });
      await client.connect(transport);
      try {
        const { tools } = await client.listTools();
        expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(['list_items', 'get_item']));
        const result = await client.callTool({ name: 'get_item', arguments: { id: 3 } });
        expect(result.structuredContent).toMatchObject({ id: 3, name: 'Wrench' });
      } finally {
        await client.close();
      }
    },
    SLOW,
  );

  it.each(['server-initialize', 'ping', 'tools-list', 'logging-set-level'])(
    'passes the conformance scenario %s',
    async (scenario) => {
      const run = await npx([NODE_22, CONFORMANCE], `conformance server --url ${url} --scenario ${scenario}`);
      expect(run.stdout).toMatch(/Passed: (\d+)\/\1, 0 failed/);
      expect(run.code).toBe(0);
    },
    SLOW,
  );
});
