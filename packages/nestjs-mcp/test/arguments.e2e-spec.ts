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
      const trace = names.find((name) => name.toLowerCase() === 'x-trace')!;
      expect(await callJson(client, 'get_thing', { id: 'a', [trace]: 't-1' })).toMatchObject({
        trace: 't-1',
      });
    });

    it('refuse CR, LF and NUL, naming the argument, and the route never runs', async () => {
      const client = await (await start(appWith([ThingsController]))).connect();
      for (const value of ['a\r\nx-admin: yes', 'a\nb', 'a\u0000b']) {
        const { isError, text } = await callTool(client, 'get_thing', { id: 'a', 'x-trace': value });
        expect(isError).toBe(true);
        expect(text).toMatch(/^Input validation error: x-trace is not a valid header value/);
      }
      expect(calls).toEqual([]);
    });
  });

  describe('tolerant arguments', () => {
    it('sends numbers and booleans for string parameters as text', async () => {
      const client = await (await start(appWith([ThingsController]))).connect();
      expect(await callJson(client, 'get_thing', { id: 12, label: true, 'x-trace': 99 })).toEqual({
        id: '12',
        label: 'true',
        page: null,
        trace: '99',
      });
    });

    it('accepts numeric strings for numeric path and query parameters', async () => {
      const client = await (await start(appWith([ThingsController]))).connect();
      expect(await callJson(client, 'count_thing', { id: '42' })).toEqual({ id: '42' });
      expect(await callJson(client, 'get_thing', { id: 'a', page: '3', 'x-trace': 't' })).toMatchObject({
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
  });

  it('takes arguments exactly as documented with strictArguments: true', async () => {
    const client = await (
      await start(appWith([ThingsController, BodiesController], { strictArguments: true }))
    ).connect();
    expect(await callTool(client, 'get_thing', { id: 12, 'x-trace': 't' })).toEqual({
      isError: true,
      text: 'Input validation error: id must be string',
    });
    expect(await callTool(client, 'create_thing', { id: 7, name: 'a' })).toEqual({
      isError: true,
      text: 'Input validation error: id must be object',
    });
    expect(await callTool(client, 'create_note', { title: 'T' })).toEqual({
      isError: true,
      text: 'Input validation error: unknown argument: title; create_note takes: draft',
    });
    expect(calls).toEqual([]);
  });
});
