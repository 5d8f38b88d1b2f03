import 'reflect-metadata';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { ADAPTERS, appsPerTest, callRefused, createApp } from '@nestjs-mcp/testing';
import { McpConfigurationError, type McpModuleOptions } from 'nestjs-mcp';
import { featuresApp } from './fixtures/features.app.js';

const REPORTS = [
  'big_report',
  'broken_report',
  'create_report',
  'delete_report',
  'export_report',
  'fetch_external_report',
  'get_report',
  'list_reports',
  'patch_report',
  'rename_report',
  'report_audio',
  'report_chart',
];
const FORMS = ['form_login', 'tenant_echo', 'upload_file'];
const UNTAGGED = ['double_number', 'ping', 'sum_numbers'];
/** `fetch_external_report` has `@McpTool()`: decorators win over filters. */
const DECORATED = ['fetch_external_report'];

describe.each(ADAPTERS)('filters on %s', (adapter) => {
  const { start } = appsPerTest(adapter);

  async function toolNames(options: McpModuleOptions): Promise<string[]> {
    const app = await start(featuresApp(options));
    const client = await app.connect();
    return (await client.listTools()).tools.map((tool) => tool.name).sort();
  }

  it('offers every tool without filters', async () => {
    expect(await toolNames({})).toEqual([...REPORTS, ...FORMS, ...UNTAGGED].sort());
  });

  it('includes only the named operations (and decorated routes)', async () => {
    expect(await toolNames({ includeOperations: ['ping', 'get_report'] })).toEqual(
      ['get_report', 'ping', ...DECORATED].sort(),
    );
  });

  it('excludes the named operations, but never a decorated route', async () => {
    const names = await toolNames({ excludeOperations: ['ping', 'get_report', 'fetch_external_report'] });
    expect(names).toEqual(
      [...REPORTS, ...FORMS, ...UNTAGGED].filter((name) => name !== 'ping' && name !== 'get_report').sort(),
    );
  });

  it('includes tagged tools only: an untagged route never matches an include tag', async () => {
    expect(await toolNames({ includeTags: ['forms'] })).toEqual([...FORMS, ...DECORATED].sort());
  });

  it('excludes tagged tools: untagged routes survive an exclude tag', async () => {
    expect(await toolNames({ excludeTags: ['reports'] })).toEqual(
      [...FORMS, ...UNTAGGED, ...DECORATED].sort(),
    );
  });

  it('offers the union of the operation and the tag selections', async () => {
    expect(await toolNames({ includeOperations: ['ping'], includeTags: ['forms'] })).toEqual(
      ['ping', ...FORMS, ...DECORATED].sort(),
    );
    expect(await toolNames({ includeOperations: ['ping'], excludeTags: ['reports'] })).toEqual(
      [...FORMS, ...UNTAGGED, ...DECORATED].sort(),
    );
  });

  it('treats include: [] as nothing and exclude: [] as everything', async () => {
    expect(await toolNames({ includeOperations: [] })).toEqual(DECORATED);
    expect(await toolNames({ excludeTags: [] })).toEqual([...REPORTS, ...FORMS, ...UNTAGGED].sort());
  });

  it('never serves a filtered-out tool, also when the filter leaves no undecorated tool', async () => {
    const app = await start(featuresApp({ includeTags: [] }));
    const client = await app.connect();
    const hidden = await callRefused(client, 'ping');
    expect(hidden).toMatchObject({ code: -32602, message: expect.stringContaining('Unknown tool: "ping"') });
  });

  it('logs the tools with the path they are served at, global prefix included', async () => {
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    try {
      await start(featuresApp({ includeOperations: ['ping'] }), (nest) => nest.setGlobalPrefix('api'));
      const lines = log.mock.calls
        .map(([message]) => String(message))
        .filter((m) => m.startsWith('MCP tools'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^MCP tools at /api/mcp: ${1 + DECORATED.length} \\(.*\\bping\\b`));
    } finally {
      log.mockRestore();
    }
  });

  it('says it in the singular when one filter name matches no route', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      await toolNames({ excludeTags: ['nope'] });
      const messages = warn.mock.calls
        .map(([message]) => String(message))
        .filter((m) => m.includes('filter'));
      expect(messages).toEqual([
        'The McpModule filter names tag "nope", which matches no route; it is ignored.',
      ]);
    } finally {
      warn.mockRestore();
    }
  });

  it('ignores unknown operations and tags, and says so once in the log', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      expect(await toolNames({ includeOperations: ['ping', 'no_such_op'], includeTags: ['nope'] })).toEqual(
        ['ping', ...DECORATED].sort(),
      );
      const messages = warn.mock.calls
        .map(([message]) => String(message))
        .filter((m) => m.includes('filters'));
      expect(messages).toEqual([
        'The McpModule filters name operation "no_such_op", tag "nope", which match no route; they are ignored.',
      ]);
    } finally {
      warn.mockRestore();
    }
  });

  it('refuses an include and an exclude filter of the same kind at bootstrap', async () => {
    await expect(createApp(featuresApp({ includeTags: ['a'], excludeTags: ['b'] }), adapter)).rejects.toThrow(
      new McpConfigurationError(
        'McpModule options "includeTags" and "excludeTags" cannot be used together: keep one of them.',
      ),
    );
  });
});
