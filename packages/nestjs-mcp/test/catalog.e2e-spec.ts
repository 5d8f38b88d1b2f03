import 'reflect-metadata';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { Module } from '@nestjs/common';
import { ADAPTERS, appsPerTest } from '@nestjs-mcp/testing';
import { getMcpToolsServiceToken, McpExclude, McpModule, McpToolsService } from 'nestjs-mcp';
import { featuresApp, startFeatures } from './fixtures/features.app.js';
import { ReportsController } from './fixtures/reports.controller.js';
import { widgetsApp } from './fixtures/widgets.app.js';

/** A strict 2020-12 compiler: unknown keywords (OpenAPI's `nullable`, `example`) are errors. */
function strictCompiler(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, strictTypes: false, strictTuples: false });
  addFormats.default(ajv);
  for (const format of ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password'])
    ajv.addFormat(format, true);
  return ajv;
}

describe.each(ADAPTERS)('the catalog on %s', (adapter) => {
  const { start, track } = appsPerTest(adapter);

  it.each([
    ['widgets', () => start(widgetsApp())],
    ['features', () => startFeatures(adapter, { headerArguments: true }).then(track)],
  ])(
    'gives every tool of the %s app schemas that compile as strict JSON Schema 2020-12',
    async (_name, startApp) => {
      const app = await startApp();
      const { tools } = await (await app.connect()).listTools();
      expect(tools.length).toBeGreaterThan(5);
      for (const tool of tools) {
        const ajv = strictCompiler();
        expect(() => ajv.compile(tool.inputSchema)).not.toThrow();
        if (tool.outputSchema) expect(() => ajv.compile(tool.outputSchema!)).not.toThrow();
      }
    },
  );

  it.each([
    [false, false, 1, 1, 0],
    [true, false, 3, 1, 0],
    [false, true, 1, 1, 1],
    [true, true, 3, 1, 1],
  ])(
    'describes responses with describeAllResponses=%s, describeFullResponseSchema=%s',
    async (describeAllResponses, describeFullResponseSchema, listed, examples, schemas) => {
      const app = track(await startFeatures(adapter, { describeAllResponses, describeFullResponseSchema }));
      const { tools } = await (await app.connect()).listTools();
      const description = tools.find((tool) => tool.name === 'create_report')!.description!;
      const count = (marker: RegExp) => description.match(marker)?.length ?? 0;
      expect(count(/^### Responses:$/gm)).toBe(1);
      expect(count(/^\*\*\d{3}\*\*: /gm)).toBe(listed);
      expect(count(/\(Success Response\)/g)).toBe(1);
      expect(description).toContain('**201**: Created (Success Response)');
      expect(count(/\*\*Example Response:\*\*/g)).toBe(examples);
      expect(count(/\*\*Output Schema:\*\*/g)).toBe(schemas);
      if (describeAllResponses) expect(description).toContain('**409**: Duplicate title');
    },
  );

  it('rebuilds the tools on refresh() and tells subscribers', async () => {
    const app = await start(featuresApp());
    const client = await app.connect();
    expect((await client.listTools()).tools.map((tool) => tool.name)).toContain('big_report');

    const service = app.app.get(McpToolsService);
    const seen: string[][] = [];
    const subscription = service.toolsChanged.subscribe((tools) => seen.push(tools.map((tool) => tool.name)));
    const descriptor = Object.getOwnPropertyDescriptor(ReportsController.prototype, 'big')!;
    McpExclude()(ReportsController.prototype, 'big', descriptor);
    try {
      service.refresh();
      expect((await client.listTools()).tools.map((tool) => tool.name)).not.toContain('big_report');
      expect(seen).toHaveLength(1);
      expect(seen[0]).not.toContain('big_report');
      expect(seen[0]).toContain('get_report');
    } finally {
      Reflect.deleteMetadata('nestjs-mcp:exclude', descriptor.value);
      subscription.unsubscribe();
    }
  });

  it('serves several MCP servers with their own options in one app', async () => {
    @Module({
      imports: [
        McpModule.forRoot({ name: 'Reports only', path: '/reports-mcp', includeTags: ['reports'] }),
        McpModule.forRoot({ name: 'Everything else', path: '/other-mcp', excludeTags: ['reports'] }),
      ],
      controllers: [ReportsController],
    })
    class TwoServersModule {}
    const app = await start(TwoServersModule);
    const reports = await app.connect({ path: '/reports-mcp' });
    const other = await app.connect({ path: '/other-mcp' });
    expect(reports.getServerVersion()?.name).toBe('Reports only');
    expect(other.getServerVersion()?.name).toBe('Everything else');
    expect((await reports.listTools()).tools.length).toBe(12);
    expect((await other.listTools()).tools.map((tool) => tool.name)).toEqual(['fetch_external_report']);
    const reportsService = app.app.get<McpToolsService>(getMcpToolsServiceToken('/reports-mcp'));
    const otherService = app.app.get<McpToolsService>(getMcpToolsServiceToken('other-mcp/'));
    expect(reportsService.server.name).toBe('Reports only');
    expect(otherService.server.name).toBe('Everything else');
    expect(otherService.list().map((tool) => tool.name)).toEqual(['fetch_external_report']);
  });
});
