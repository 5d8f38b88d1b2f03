import 'reflect-metadata';
import { jest } from '@jest/globals';
import { Logger, Module, type Type } from '@nestjs/common';
import { ADAPTERS, appsPerTest, callJson, callTool } from '@nestjs-mcp/testing';
import { McpModule, type McpModuleOptions } from 'nestjs-mcp';
import {
  BodiesController,
  calls,
  ExpressFilesController,
  FastifyFilesController,
  FilesRootController,
  ThingsController,
} from './fixtures/arguments.controllers.js';

function appWith(controllers: Type[], options: McpModuleOptions = {}): Type {
  @Module({ imports: [McpModule.forRoot({ headerArguments: true, ...options })], controllers })
  class ArgumentsModule {}
  return ArgumentsModule;
}

describe.each(ADAPTERS)('tool arguments on %s', (adapter) => {
  const { start } = appsPerTest(adapter);
  const filesController = adapter === 'express' ? ExpressFilesController : FastifyFilesController;

  beforeEach(() => {
    calls.length = 0;
  });

  describe('a call runs only its own route', () => {
    it('refuses an empty path value, which would reach the excluded DELETE /things', async () => {
      const client = await (await start(appWith([ThingsController]))).connect();
      expect(await callTool(client, 'delete_thing', { id: '' })).toEqual({
        isError: true,
        text: 'Input validation error: id must not be empty (it would change the path of the request)',
      });
      expect(await callTool(client, 'delete_part', { id: '7', part: '' })).toEqual({
        isError: true,
        text: 'Input validation error: part must not be empty (it would change the path of the request)',
      });
      expect(calls).toEqual([]);
      expect(await callJson(client, 'delete_thing', { id: 'x' })).toEqual({ deleted: 'x' });
      expect(calls).toEqual(['DELETE thing x']);
    });

    it('refuses empty wildcard segments, which would reach the excluded DELETE /files', async () => {
      const client = await (await start(appWith([FilesRootController, filesController]))).connect();
      for (const path of ['', '/', 'a/', '/a', 'a//b']) {
        const { isError, text } = await callTool(client, 'delete_file', { path });
        expect(isError).toBe(true);
        expect(text).toContain('path must be one or more non-empty path segments');
      }
      expect(calls).toEqual([]);
      expect(await callJson(client, 'delete_file', { path: 'a/b' })).toEqual({
        deleted: adapter === 'express' ? ['a', 'b'] : 'a/b',
      });
    });
  });

  describe('header arguments', () => {
    it('are one argument when the header is documented twice, in two cases', async () => {
      const client = await (await start(appWith([ThingsController]))).connect();
      const tool = (await client.listTools()).tools.find((candidate) => candidate.name === 'get_thing');
      const names = Object.keys(tool?.inputSchema.properties ?? {});
      expect(names.filter((name) => name.toLowerCase() === 'x-trace')).toHaveLength(1);
      expect(await callJson(client, 'get_thing', { id: 'a', 'X-Trace': 't-1' })).toMatchObject({
        trace: 't-1',
      });
    });

    it("take @ApiHeader()'s name and optionality over the required: true Swagger gives @Headers()", async () => {
      const client = await (await start(appWith([ThingsController]))).connect();
      const tool = (await client.listTools()).tools.find((candidate) => candidate.name === 'get_thing');
      expect(Object.keys(tool?.inputSchema.properties ?? {})).toContain('X-Trace');
      expect(tool?.inputSchema.required).toEqual(['id']);
      expect(await callJson(client, 'get_thing', { id: 'a' })).toMatchObject({ id: 'a', trace: null });
    });

    it('refuse CR, LF and NUL, naming the argument, and the route never runs', async () => {
      const client = await (await start(appWith([ThingsController]))).connect();
      for (const value of ['a\r\nx-admin: yes', 'a\nb', 'a\u0000b']) {
        const { isError, text } = await callTool(client, 'get_thing', { id: 'a', 'X-Trace': value });
        expect(isError).toBe(true);
        expect(text).toMatch(/^Input validation error: X-Trace is not a valid header value/);
      }
      expect(calls).toEqual([]);
    });
  });

  describe('tolerant arguments', () => {
    it('sends numbers and booleans for string parameters as text', async () => {
      const client = await (await start(appWith([ThingsController]))).connect();
      expect(await callJson(client, 'get_thing', { id: 12, label: true, 'X-Trace': 99 })).toEqual({
        id: '12',
        label: 'true',
        page: null,
        trace: '99',
      });
    });

    it('accepts numeric strings for numeric path and query parameters', async () => {
      const client = await (await start(appWith([ThingsController]))).connect();
      expect(await callJson(client, 'count_thing', { id: '42' })).toEqual({ id: '42' });
      expect(await callJson(client, 'get_thing', { id: 'a', page: '3', 'X-Trace': 't' })).toMatchObject({
        page: '3',
      });
      const { isError, text } = await callTool(client, 'count_thing', { id: '4.5' });
      expect(isError).toBe(true);
      expect(text).toBe('Input validation error: id must be integer');
    });

    it('lets a property documented as a bare object (a union type) take any JSON value', async () => {
      const client = await (await start(appWith([BodiesController]))).connect();
      expect(await callJson(client, 'create_thing', { id: 7, name: 'a' })).toEqual({ id: 7, name: 'a' });
      expect(await callJson(client, 'create_thing', { id: 'x7', name: 'a' })).toEqual({
        id: 'x7',
        name: 'a',
      });
    });
  });

  describe('unknown arguments', () => {
    it('are refused, listing the accepted ones, when the body documents its properties', async () => {
      const client = await (await start(appWith([BodiesController]))).connect();
      expect(await callTool(client, 'create_thing', { id: 1, name: 'a', nmae: 'b', extra: 2 })).toEqual({
        isError: true,
        text: 'Input validation error: unknown arguments: nmae, extra; create_thing takes: id, name',
      });
    });

    it('are refused by a tool without a body', async () => {
      const client = await (await start(appWith([ThingsController]))).connect();
      const { isError, text } = await callTool(client, 'delete_thing', { id: 'a', force: true });
      expect(isError).toBe(true);
      expect(text).toBe('Input validation error: unknown argument: force; delete_thing takes: id');
      expect(calls).toEqual([]);
    });

    it('are sent in the body when the body is undocumented, and the startup log names the route', async () => {
      const warn = jest.spyOn(Logger.prototype, 'warn');
      try {
        const client = await (await start(appWith([BodiesController]))).connect();
        expect(await callJson(client, 'create_note', { draft: 'yes', title: 'T', tags: ['a'] })).toEqual({
          body: { title: 'T', tags: ['a'] },
          draft: 'yes',
        });
        const lines = warn.mock.calls.map(([message]) => String(message));
        expect(lines.filter((line) => line.includes('BodiesController.createNote'))).toHaveLength(1);
        expect(lines.some((line) => line.includes('BodiesController.create '))).toBe(false);
      } finally {
        warn.mockRestore();
      }
    });

    it('are sent in a body documented only as Object, and the schema says extra arguments are welcome', async () => {
      const client = await (await start(appWith([BodiesController]))).connect();
      const tools = (await client.listTools()).tools;
      for (const name of ['create_blob', 'create_note']) {
        const schema = tools.find((tool) => tool.name === name)?.inputSchema;
        expect(schema).toMatchObject({
          additionalProperties: true,
          description: 'The request body is not documented: pass its fields as arguments.',
        });
      }
      expect(await callJson(client, 'create_blob', { a: 1, b: ['x'] })).toEqual({ body: { a: 1, b: ['x'] } });
    });
  });

  it('takes arguments exactly as documented with strictArguments: true', async () => {
    const client = await (
      await start(appWith([ThingsController, BodiesController], { strictArguments: true }))
    ).connect();
    expect(await callTool(client, 'get_thing', { id: 12, 'X-Trace': 't' })).toEqual({
      isError: true,
      text: 'Input validation error: id must be string',
    });
    expect(await callTool(client, 'create_thing', { id: 7, name: 'a' })).toEqual({
      isError: true,
      text: 'Input validation error: id must be object',
    });
    expect(calls).toEqual([]);
  });

  describe('with strictArguments: true, an undocumented body', () => {
    const hint =
      ". The route's body is not documented: document the body with @ApiBody/@ApiProperty, or turn strictArguments off";

    it('is one "body" object argument, so the route stays callable', async () => {
      const client = await (await start(appWith([BodiesController], { strictArguments: true }))).connect();
      expect(await callJson(client, 'create_blob', { body: { a: 1 } })).toEqual({ body: { a: 1 } });
      expect(await callJson(client, 'create_note', { draft: 'y', body: { title: 'T' } })).toEqual({
        body: { title: 'T' },
        draft: 'y',
      });
      expect(await callTool(client, 'create_blob', { body: 'text' })).toEqual({
        isError: true,
        text: 'Input validation error: body must be object',
      });
    });

    it('refuses fields passed as arguments with a message that says how to fix it', async () => {
      const client = await (await start(appWith([BodiesController], { strictArguments: true }))).connect();
      expect(await callTool(client, 'create_note', { title: 'T' })).toEqual({
        isError: true,
        text:
          'Input validation error: unknown argument: title; create_note takes: draft, body; ' +
          `pass the body's fields inside the "body" object${hint}`,
      });
      expect(await callTool(client, 'create_blob', { a: 1 })).toEqual({
        isError: true,
        text:
          'Input validation error: unknown argument: a; create_blob takes: body; ' +
          `pass the body's fields inside the "body" object${hint}`,
      });
    });

    it('is named by a startup warning', async () => {
      const warn = jest.spyOn(Logger.prototype, 'warn');
      try {
        await start(appWith([BodiesController], { strictArguments: true }));
        const lines = warn.mock.calls.map(([message]) => String(message));
        const line = lines.find((candidate) => candidate.includes('BodiesController.createBlob'));
        expect(line).toContain('BodiesController.createNote');
        expect(line).toContain('one "body" object argument');
      } finally {
        warn.mockRestore();
      }
    });
  });
});
