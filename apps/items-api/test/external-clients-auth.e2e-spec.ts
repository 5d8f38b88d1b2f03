import 'reflect-metadata';
import { ADAPTERS } from '@nestjs-mcp/testing';
import { mintDevToken } from '../src/auth/dev-token.js';
import { rowApp, TRANSPORTS } from './external-clients/transports.js';
import { NODE_22, NPX_TIMEOUT, npx } from './npx.js';

/**
 * The MCP Inspector CLI with a bearer header against the token-passthrough example, on every HTTP transport
 * (the rows of `TRANSPORTS`) and both adapters: it lists the tools and calls the one whose route is guarded
 * too (`GET /me`), which sees the token the Inspector sent; without the header the Inspector fails on 401.
 */
const INSPECTOR = '@modelcontextprotocol/inspector@2.12.0';

interface InspectorTool {
  readonly name: string;
}

describe.each(ADAPTERS)('the MCP Inspector CLI with a bearer header on %s', (adapter) => {
  describe.each(TRANSPORTS)('over $name', (row) => {
    const app = rowApp(adapter, row);

    /** One Inspector run; `--stored-auth-only` so that a 401 fails instead of starting an OAuth login. */
    function inspector(flags: string) {
      return npx(
        [NODE_22, INSPECTOR],
        `mcp-inspector --cli ${app.url()} ${row.inspector} --stored-auth-only --format json ${flags}`,
      );
    }

    it(
      'lists the tools and calls whoami, whose guarded route resolves the caller from the forwarded token',
      async () => {
        const header = `--header "Authorization: Bearer ${mintDevToken({ subject: 'alice' })}"`;

        app.reset();
        const list = await inspector(`${header} --method tools/list`);
        expect(list.stderr).not.toMatch(/Error/);
        expect(list.code).toBe(0);
        const { tools } = (JSON.parse(list.stdout) as { result: { tools: InspectorTool[] } }).result;
        expect(tools.map((tool) => tool.name)).toEqual(
          expect.arrayContaining(['whoami', 'list_items', 'get_item']),
        );
        row.expectWire(app.seen);

        app.reset();
        const call = await inspector(`${header} --method tools/call --tool-name whoami`);
        expect(call.code).toBe(0);
        const { result } = JSON.parse(call.stdout) as {
          result: { structuredContent?: unknown; isError?: boolean };
        };
        expect(result.isError).toBeFalsy();
        expect(result.structuredContent).toEqual({ subject: 'alice' });
        row.expectWire(app.seen);
        // Every request of the run carried the header.
        expect(app.seen.map((request) => request.authorization)).toEqual(
          app.seen.map(() => expect.stringMatching(/^Bearer /)),
        );
      },
      2 * NPX_TIMEOUT,
    );

    it(
      'fails without the header, on the 401 the endpoint answered',
      async () => {
        app.reset();
        const run = await inspector('--method tools/list');
        expect(run.code).not.toBe(0);
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(/"code":"auth_required".*401/);
        // The endpoint refused the Inspector's first request, and it sent no other.
        expect(app.seen.map((request) => request.status())).toEqual([401]);
      },
      NPX_TIMEOUT,
    );
  });
});
