import 'reflect-metadata';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ADAPTERS, callJson, callTool, type RunningApp } from '@nestjs-mcp/testing';
import { startFeatures } from './fixtures/features.app.js';
import { PDF_BYTES, PNG_BYTES, WAV_BYTES } from './fixtures/reports.controller.js';

describe.each(ADAPTERS)('catalog features on %s', (adapter) => {
  let running: RunningApp;
  let client: Client;
  let tools: Awaited<ReturnType<Client['listTools']>>['tools'];
  const tool = (name: string) => {
    const found = tools.find((candidate) => candidate.name === name);
    if (!found) throw new Error(`no tool ${name}`);
    return found;
  };

  beforeAll(async () => {
    running = await startFeatures(adapter, { headerArguments: true, maxResponseBytes: 2000 });
    client = await running.connect({ headers: { authorization: 'Bearer from-the-client' } });
    tools = (await client.listTools()).tools;
  });

  afterAll(() => running.close());

  describe('annotations', () => {
    it('derives hints from the HTTP method and the title from the summary', () => {
      expect(tool('get_report').annotations).toEqual({
        title: 'Get a report',
        readOnlyHint: true,
        openWorldHint: false,
      });
      expect(tool('create_report').annotations).toEqual({ readOnlyHint: false, openWorldHint: false });
      expect(tool('patch_report').annotations).toEqual({ readOnlyHint: false, openWorldHint: false });
      expect(tool('rename_report').annotations).toEqual({
        readOnlyHint: false,
        idempotentHint: true,
        openWorldHint: false,
      });
      expect(tool('delete_report').annotations).toEqual({
        readOnlyHint: false,
        destructiveHint: true,
        idempotentHint: true,
        openWorldHint: false,
      });
    });

    it('lets @McpTool({ annotations }) override them key by key', () => {
      expect(tool('fetch_external_report').annotations).toEqual({
        title: 'Fetch a report from the archive',
        readOnlyHint: true,
        idempotentHint: true,
        openWorldHint: true,
      });
    });
  });

  describe('structured output', () => {
    it('declares an object response as the output schema and returns it as structuredContent', async () => {
      expect(tool('get_report').outputSchema).toMatchObject({ type: 'object', $ref: '#/$defs/ReportDto' });
      const result = await client.callTool({ name: 'get_report', arguments: { id: 4 } });
      const expected = {
        id: 4,
        title: 'Report 4',
        labels: null,
        author: { name: 'Ada', reviewer: { name: 'Grace', reviewer: null } },
      };
      expect(result.structuredContent).toEqual(expected);
      expect(result.content).toEqual([{ type: 'text', text: JSON.stringify(expected, null, 2) }]);
    });

    it('wraps an array response as { items }', async () => {
      expect(tool('list_reports').outputSchema).toMatchObject({
        type: 'object',
        properties: { items: { type: 'array', items: { $ref: '#/$defs/ReportDto' } } },
      });
      // Tolerant by default: an empty response ({}) must match too.
      expect(tool('list_reports').outputSchema?.required).toBeUndefined();
      const result = await client.callTool({ name: 'list_reports', arguments: {} });
      expect((result.structuredContent as { items: Array<{ id: number }> }).items.map((r) => r.id)).toEqual([
        1, 2,
      ]);
    });

    it('answers a response that breaks its documented schema with an error naming the route', async () => {
      const { text, isError } = await callTool(client, 'broken_report');
      expect(isError).toBe(true);
      expect(text).toContain(
        'ReportsController.broken (GET /reports/broken) answered 200, but this is an error result because',
      );
      expect(text).not.toContain('do not repeat');
      expect(text).toContain('does not match the output schema: response.id must be number');
      expect(text).toContain('structuredOutput: false');
    });

    it('accepts a union response when one branch matches', async () => {
      const result = await client.callTool({
        name: 'rename_report',
        arguments: { id: 5, body_id: 'r-9', title: 'Renamed' },
      });
      expect(result.isError).toBeFalsy();
      expect(result.structuredContent).toEqual({ pathId: 5, bodyId: 'r-9', title: 'Renamed' });
    });

    it('drops output schemas and passes responses through as text with structuredOutput: false', async () => {
      const plain = await startFeatures(adapter, { structuredOutput: false });
      try {
        const plainClient = await plain.connect();
        const listed = (await plainClient.listTools()).tools;
        expect(listed.filter((candidate) => candidate.outputSchema !== undefined)).toEqual([]);
        const result = await plainClient.callTool({ name: 'broken_report', arguments: {} });
        expect(result.isError).toBeFalsy();
        expect(result.structuredContent).toBeUndefined();
        expect(JSON.parse((result.content as Array<{ text: string }>)[0].text)).toMatchObject({
          id: 'seven',
        });
      } finally {
        await plain.close();
      }
    });

    it('says which option to raise when a structured response is larger than maxResponseBytes', async () => {
      const small = await startFeatures(adapter, { maxResponseBytes: 100 });
      try {
        const { text, isError } = await callTool(await small.connect(), 'get_report', { id: 1 });
        expect(isError).toBe(true);
        expect(text).toContain('is larger than the 100-byte limit');
        expect(text).toContain('"maxResponseBytes"');
      } finally {
        await small.close();
      }
    });

    it('declares nothing for routes without a documented JSON response', () => {
      expect(tool('delete_report').outputSchema).toBeUndefined();
      expect(tool('report_chart').outputSchema).toBeUndefined();
      expect(tool('ping').outputSchema).toBeUndefined();
    });
  });

  describe('schemas that are right', () => {
    it('gives a colliding body field a prefixed name and sends both values where they belong', () => {
      expect(Object.keys(tool('rename_report').inputSchema.properties ?? {})).toEqual([
        'id',
        'body_id',
        'title',
      ]);
    });

    it('takes an array body or a primitive body as one "body" argument', async () => {
      expect(tool('sum_numbers').inputSchema).toEqual({
        type: 'object',
        additionalProperties: false,
        properties: { body: { type: 'array', items: { type: 'number' }, title: 'body' } },
        required: ['body'],
      });
      expect(tool('double_number').inputSchema).toEqual({
        type: 'object',
        additionalProperties: false,
        properties: { body: { type: 'number', title: 'body' } },
        required: ['body'],
      });
      expect(await callJson(client, 'sum_numbers', { body: [1, 2, 3.5] })).toEqual({ sum: 6.5 });
      expect(await callJson(client, 'patch_report', { id: 2, body: ['a', 'b'] })).toEqual({
        id: 2,
        labels: ['a', 'b'],
      });
      expect(await callJson(client, 'double_number', { body: 21 })).toEqual({ received: 21 });
    });

    it('keeps enums, defaults, examples and nullable arrays', () => {
      expect(tool('create_report').inputSchema.properties).toEqual({
        title: { type: 'string', examples: ['Quarterly numbers'], title: 'title' },
        status: { type: 'string', enum: ['draft', 'final'], default: 'draft', title: 'status' },
      });
      const defs = (tool('get_report').outputSchema as unknown as { $defs: Record<string, any> }).$defs;
      expect(defs.ReportDto.properties.labels).toEqual({
        type: ['array', 'null'],
        items: { type: 'string' },
        examples: [['finance']],
      });
      const reviewer = defs.AuthorDto.properties.reviewer;
      expect(reviewer.description).toBe('Who reviewed this author');
      expect(reviewer.anyOf[1]).toEqual({ type: 'null' });
      expect(JSON.stringify(reviewer.anyOf[0])).toContain('"$ref":"#/$defs/AuthorDto"');
    });

    it('sends a form body url-encoded', async () => {
      const echoed = await callJson<{ contentType: string; body: unknown }>(client, 'form_login', {
        user: 'ada',
        remember: true,
      });
      expect(echoed.contentType).toBe('application/x-www-form-urlencoded');
      expect(echoed.body).toEqual({ user: 'ada', remember: 'true' });
    });

    it('sends a multipart body with the file decoded from base64, named and typed from its bytes', async () => {
      expect(tool('upload_file').inputSchema.properties?.file).toMatchObject({
        anyOf: [{ type: 'string' }, { type: 'object', required: ['data'] }],
      });
      const echoed = await callJson<{ contentType: string; raw: string }>(client, 'upload_file', {
        caption: 'chart',
        file: PNG_BYTES.toString('base64'),
      });
      expect(echoed.contentType).toMatch(/^multipart\/form-data; boundary=/);
      expect(echoed.raw).toContain('Content-Disposition: form-data; name="caption"\r\n\r\nchart\r\n');
      expect(echoed.raw).toContain(
        `Content-Disposition: form-data; name="file"; filename="file.png"\r\nContent-Type: image/png\r\n\r\n${PNG_BYTES.toString('latin1')}\r\n`,
      );
    });

    it('offers @ApiHeader parameters as arguments, except forwarded ones, and sends them as headers', async () => {
      expect(Object.keys(tool('tenant_echo').inputSchema.properties ?? {})).toEqual(['X-Tenant']);
      expect(tool('tenant_echo').inputSchema.required).toEqual(['X-Tenant']);
      expect(await callJson(client, 'tenant_echo', { 'X-Tenant': 'acme' })).toEqual({
        tenant: 'acme',
        auth: 'Bearer from-the-client',
      });
    });
  });

  describe('non-JSON responses', () => {
    it('returns an image as image content', async () => {
      const result = await client.callTool({ name: 'report_chart', arguments: {} });
      expect(result.content).toEqual([
        { type: 'image', mimeType: 'image/png', data: PNG_BYTES.toString('base64') },
      ]);
    });

    it('returns audio as audio content', async () => {
      const result = await client.callTool({ name: 'report_audio', arguments: {} });
      expect(result.content).toEqual([
        { type: 'audio', mimeType: 'audio/wav', data: WAV_BYTES.toString('base64') },
      ]);
    });

    it('returns another binary as an embedded resource', async () => {
      const result = await client.callTool({ name: 'export_report', arguments: {} });
      const [block] = result.content as Array<{ type: string; resource: { mimeType: string; blob: string } }>;
      expect(block.type).toBe('resource');
      expect(block.resource.mimeType).toBe('application/pdf');
      expect(Buffer.from(block.resource.blob, 'base64').equals(PDF_BYTES)).toBe(true);
    });

    it('caps a large response with a note instead of failing', async () => {
      const result = await client.callTool({ name: 'big_report', arguments: {} });
      const texts = (result.content as Array<{ text: string }>).map((block) => block.text);
      expect(texts[0]).toBe('x'.repeat(2000));
      expect(texts[1]).toBe(
        '[Response truncated: showed the first 2000 of 5000 bytes. Raise the McpModule "maxResponseBytes" option to see more.]',
      );
    });
  });

  describe('descriptions', () => {
    it('lists the success response with its example by default', () => {
      expect(tool('get_report').description).toBe(
        [
          'Get a report',
          '',
          'One report by id.',
          '',
          '### Responses:',
          '',
          '**200**: The report (Success Response)',
          'Content-Type: application/json',
          '',
          '**Example Response:**',
          '```json',
          JSON.stringify(
            { id: 7, title: 'Quarterly numbers', labels: ['finance'], author: { name: 'Ada' } },
            null,
            2,
          ),
          '```',
        ].join('\n'),
      );
    });
  });
});
