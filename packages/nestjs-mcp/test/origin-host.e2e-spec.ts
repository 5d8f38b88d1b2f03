import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import {
  Client as ClientV2,
  StreamableHTTPClientTransport as TransportV2,
} from '@modelcontextprotocol/client';
import {
  ADAPTERS,
  appsPerTest,
  bearer,
  CapturingLogger,
  callJson,
  connectClient,
  jsonRpc,
  listen,
  MCP_POST_HEADERS,
  rawRequest,
  type RunningApp,
} from '@nestjs-mcp/testing';
import { McpConfigurationError, McpModule, type McpModuleOptions } from 'nestjs-mcp';
import { authApp, guarded } from './fixtures/auth.app.js';
import { WidgetsController } from './fixtures/widgets.controller.js';
import { widgetsApp } from './fixtures/widgets.app.js';

/** A `tools/list` POST with extra headers (Origin, Host …), as a browser page or a proxy would send it. */
const listTools = (url: string, headers: Record<string, string> = {}, method = 'POST') =>
  rawRequest(url, {
    method,
    headers: { ...MCP_POST_HEADERS, ...headers },
    body: method === 'POST' ? jsonRpc('tools/list') : undefined,
  });

const app = (options: McpModuleOptions = {}) => widgetsApp({ name: 'Widgets MCP', ...options });

describe.each(ADAPTERS)('Origin and Host checks (DNS-rebinding protection) on %s', (adapter) => {
  const { start, track } = appsPerTest(adapter);

  describe('with the defaults', () => {
    let running: RunningApp;
    let url: string;
    beforeEach(async () => {
      running = await start(app());
      url = `${running.baseUrl}/mcp`;
    });

    it('serves clients that send no Origin (the SDK clients, v1 and v2)', async () => {
      const v1 = await running.connect();
      expect((await v1.listTools()).tools.length).toBeGreaterThan(0);
      const v2 = new ClientV2({ name: 'origin-test', version: '1.0.0' });
      await v2.connect(new TransportV2(new URL(url)));
      expect((await v2.listTools()).tools.length).toBeGreaterThan(0);
      await v2.close();
    });

    it.each([
      'http://localhost:5173',
      'https://localhost',
      'http://127.0.0.1:6274',
      'http://[::1]:8080',
      'HTTP://LOCALHOST:3000',
    ])('serves a page on the loopback origin %s', async (origin) => {
      const response = await listTools(url, { origin });
      expect(response.status).toBe(200);
      expect(response.message().result).toHaveProperty('tools');
    });

    it('serves a real client that sends a loopback Origin', async () => {
      const client = await connectClient(url, { origin: 'http://localhost:6274' });
      try {
        expect(await callJson(client, 'fetch_widget', { id: 7 })).toMatchObject({ id: 7 });
      } finally {
        await client.close();
      }
    });

    it.each([
      'https://evil.example',
      'http://localhost.evil.example',
      'http://127.0.0.1.nip.io:3000',
      'null',
      'file://',
    ])('refuses the Origin %s with 403 and a JSON-RPC error naming it and allowedOrigins', async (origin) => {
      const response = await listTools(url, { origin });
      expect(response.status).toBe(403);
      expect(response.headers['content-type']).toContain('application/json');
      const { error, id } = response.message();
      expect(id).toBeNull();
      expect(error?.code).toBe(-32000);
      expect(error?.message).toContain(`Origin ${origin} may not use this MCP endpoint`);
      expect(error?.message).toContain('allowedOrigins');
    });

    it('refuses a foreign Origin on every method of the endpoint, before its 405', async () => {
      for (const method of ['GET', 'DELETE', 'PUT', 'PATCH']) {
        const foreign = await listTools(url, { origin: 'https://evil.example' }, method);
        expect([method, foreign.status]).toEqual([method, 403]);
        const local = await listTools(url, { origin: 'http://localhost:3000' }, method);
        expect([method, local.status]).toEqual([method, 405]);
      }
    });

    it('checks requests that reach the endpoint by an encoded or near-miss path too', async () => {
      for (const path of ['/m%63p', '/mcp/', '/MCP', '/mcp?x=1']) {
        const response = await listTools(`${running.baseUrl}${path}`, { origin: 'https://evil.example' });
        expect([path, response.status === 200]).toEqual([path, false]);
      }
      expect((await listTools(`${running.baseUrl}/mcp?x=1`, { origin: 'https://evil.example' })).status).toBe(
        403,
      );
    });

    it('a real client from a foreign Origin cannot connect', async () => {
      await expect(connectClient(url, { origin: 'https://evil.example' })).rejects.toMatchObject({
        code: 403,
        message: expect.stringContaining('Origin https://evil.example may not use this MCP endpoint'),
      });
    });

    it('refuses a foreign Host on a loopback connection, naming allowedHosts', async () => {
      const port = new URL(running.baseUrl).port;
      for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1.evil.example:${port}`]) {
        const response = await listTools(url, { host });
        expect([host, response.status]).toEqual([host, 403]);
        expect(response.message().error?.message).toContain(`Host ${host} may not use this MCP endpoint`);
        expect(response.message().error?.message).toContain(`allowedHosts: ['${host.split(':')[0]}']`);
      }
      for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'LOCALHOST']) {
        expect([host, (await listTools(url, { host })).status]).toEqual([host, 200]);
      }
    });

    it('leaves the Origin of requests to other routes to the app', async () => {
      const response = await rawRequest(`${running.baseUrl}/widgets/3`, {
        method: 'GET',
        headers: { origin: 'https://evil.example', host: 'evil.example' },
      });
      expect(response.status).toBe(200);
    });
  });

  describe('with lists', () => {
    it('serves the listed origins, exactly (scheme and port count)', async () => {
      const running = await start(
        app({ allowedOrigins: ['https://app.example.com', 'http://dev.example.com:8080/'] }),
      );
      const url = `${running.baseUrl}/mcp`;
      const client = await connectClient(url, { origin: 'https://app.example.com' });
      try {
        expect(await callJson(client, 'fetch_widget', { id: 2 })).toMatchObject({ id: 2 });
      } finally {
        await client.close();
      }
      for (const origin of [
        'https://app.example.com:443',
        'http://dev.example.com:8080',
        'http://localhost:1',
      ]) {
        expect([origin, (await listTools(url, { origin })).status]).toEqual([origin, 200]);
      }
      for (const origin of [
        'http://app.example.com',
        'https://app.example.com:8443',
        'http://dev.example.com',
      ]) {
        expect([origin, (await listTools(url, { origin })).status]).toEqual([origin, 403]);
      }
    });

    it('serves the listed hosts (without a port: any port; with one: that port only)', async () => {
      const running = await start(app({ allowedHosts: ['api.example.com', 'Admin.Example.com:8443'] }));
      const url = `${running.baseUrl}/mcp`;
      for (const host of ['api.example.com', 'API.example.com:443', 'admin.example.com:8443', 'localhost']) {
        expect([host, (await listTools(url, { host })).status]).toEqual([host, 200]);
      }
      for (const host of ['admin.example.com', 'admin.example.com:443', 'evil.example']) {
        expect([host, (await listTools(url, { host })).status]).toEqual([host, 403]);
      }
    });

    it("turns a check off with '*' and warns at startup, naming the option", async () => {
      const logger = new CapturingLogger();
      const httpAdapter = adapter === 'fastify' ? new FastifyAdapter() : new ExpressAdapter();
      const nest = await NestFactory.create(app({ allowedOrigins: '*', allowedHosts: '*' }), httpAdapter, {
        logger,
        abortOnError: false,
      });
      const running = track(await listen(nest));
      const warnings = logger.lines.filter((line) => line.includes("is '*'"));
      expect(warnings).toEqual([
        expect.stringContaining("McpModule option allowedOrigins is '*': the Origin check is off"),
        expect.stringContaining("McpModule option allowedHosts is '*': the Host check is off"),
      ]);
      const response = await listTools(`${running.baseUrl}/mcp`, {
        origin: 'https://evil.example',
        host: 'evil.example',
      });
      expect(response.status).toBe(200);
    });

    it('logs no warning with the defaults', async () => {
      const logger = new CapturingLogger();
      const httpAdapter = adapter === 'fastify' ? new FastifyAdapter() : new ExpressAdapter();
      const nest = await NestFactory.create(app(), httpAdapter, { logger, abortOnError: false });
      track(await listen(nest));
      expect(
        logger.lines.filter((line) => line.includes('allowedOrigins') || line.includes('allowedHosts')),
      ).toEqual([]);
    });

    it.each([
      [{ allowedOrigins: ['https://app.example.com/mcp'] }, 'allowedOrigins'],
      [{ allowedOrigins: ['app.example.com'] }, 'allowedOrigins'],
      [{ allowedOrigins: 'https://app.example.com' as never }, 'allowedOrigins'],
      [{ allowedHosts: ['https://api.example.com'] }, 'allowedHosts'],
      [{ allowedHosts: [''] }, 'allowedHosts'],
    ])('refuses %j at startup, naming %s', async (options, name) => {
      const httpAdapter = adapter === 'fastify' ? new FastifyAdapter() : new ExpressAdapter();
      const creating = NestFactory.create(app(options as McpModuleOptions), httpAdapter, {
        logger: false,
        abortOnError: false,
      });
      await expect(creating).rejects.toThrow(McpConfigurationError);
      await expect(creating).rejects.toThrow(`"${name}" must be '*' or an array of exact values`);
    });
  });

  describe('per endpoint', () => {
    it('applies each endpoint its own settings, under a global prefix, also from forRootAsync', async () => {
      @Module({
        imports: [
          McpModule.forRoot({ name: 'Public' }),
          McpModule.forRootAsync({
            path: '/admin-mcp',
            useFactory: async () => ({
              allowedOrigins: ['https://admin.example.com'],
              maxRequestBytes: 5000,
            }),
          }),
        ],
        controllers: [WidgetsController],
      })
      class TwoEndpoints {}
      const running = await start(TwoEndpoints, (nest) => nest.setGlobalPrefix('api'));
      const admin = `${running.baseUrl}/api/admin-mcp`;
      const open = `${running.baseUrl}/api/mcp`;
      const origin = 'https://admin.example.com';
      expect((await listTools(admin, { origin })).status).toBe(200);
      expect((await listTools(open, { origin })).status).toBe(403);
      expect((await listTools(admin, { origin: 'https://evil.example' })).status).toBe(403);
      expect((await listTools(admin, { host: 'evil.example' })).status).toBe(403);
      const big = jsonRpc('tools/list', { _meta: { pad: 'x'.repeat(6000) } });
      const tooBig = await rawRequest(admin, { headers: MCP_POST_HEADERS, body: big });
      expect(tooBig.status).toBe(413);
      expect(tooBig.message().error?.message).toContain('limit of 5000 bytes');
      expect((await rawRequest(open, { headers: MCP_POST_HEADERS, body: big })).status).toBe(200);
    });
  });

  describe('on a guarded endpoint (auth)', () => {
    it('refuses a foreign Origin with 403 before auth asks for a token (401)', async () => {
      const running = await start(authApp(guarded()));
      const url = `${running.baseUrl}/mcp`;
      const foreign = await listTools(url, { origin: 'https://evil.example' });
      expect(foreign.status).toBe(403);
      expect(foreign.headers['www-authenticate']).toBeUndefined();
      expect(foreign.message().error?.message).toContain('Origin https://evil.example may not use');
      const foreignHost = await listTools(url, { host: 'evil.example' });
      expect(foreignHost.status).toBe(403);
      const local = await listTools(url, { origin: 'http://localhost:6274' });
      expect(local.status).toBe(401);
      expect(local.headers['www-authenticate']).toContain('Bearer');
      const authorized = await listTools(url, {
        origin: 'http://localhost:6274',
        ...bearer('alice', { role: 'admin' }),
      });
      expect(authorized.status).toBe(200);
      const withToken = await listTools(url, {
        origin: 'https://evil.example',
        ...bearer('alice', { role: 'admin' }),
      });
      expect(withToken.status).toBe(403);
    });
  });
});
