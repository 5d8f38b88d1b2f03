import 'reflect-metadata';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import {
  Injectable,
  Module,
  UseGuards,
  type INestApplication,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { ADAPTERS, appsPerTest, createApp, rawRequest } from '@nestjs-mcp/testing';
import { McpModule } from 'nestjs-mcp';
import { authApp, guarded } from './fixtures/auth.app.js';
import { SessionNotesController, sseApp } from './fixtures/sessions.app.js';
import { until } from './fixtures/session-requests.js';
import { openSession } from './fixtures/sse-session.js';
import { openSseStream } from './fixtures/sse-stream.js';

/** Generous: the first request of a fresh app is slow on a busy machine. */
const TIMEOUT_MS = 30_000;

/**
 * An endpoint guard that, for a request marked `x-leave-first`, lets it through only once its client has
 * gone: a slow guard (e.g. token introspection) outlived by an impatient client.
 */
@Injectable()
class OutlivedGuard implements CanActivate {
  static waiting = 0;

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ raw?: IncomingMessage } & IncomingMessage>();
    const raw = request.raw ?? request;
    if (raw.headers['x-leave-first'] === undefined) return true;
    OutlivedGuard.waiting++;
    await new Promise((resolve) => raw.socket.once('close', resolve));
    return true;
  }
}

describe.each(ADAPTERS)('legacy SSE transport, review findings, on %s', (adapter) => {
  const { start } = appsPerTest(adapter);

  it(
    'does not keep a session for a client gone before its stream started (it would hold a maxSessions slot)',
    async () => {
      const app = await start(sseApp({ maxSessions: 1, endpointDecorators: [UseGuards(OutlivedGuard)] }));
      const before = OutlivedGuard.waiting;
      const gone = httpRequest(`${app.baseUrl}/sse`, { headers: { 'x-leave-first': '1' } });
      gone.on('error', () => undefined);
      gone.end();
      await until(() => OutlivedGuard.waiting > before, 'the stream request reaching the guard');
      gone.destroy();
      // The only slot must be free again once the server has seen the client leave.
      let status = 0;
      await until(async () => {
        const stream = await openSseStream(`${app.baseUrl}/sse`);
        status = stream.status;
        stream.close();
        return status === 200;
      }, 'a new stream being accepted').catch(() => undefined);
      expect(status).toBe(200);
    },
    TIMEOUT_MS,
  );

  it.each(['/sse/', '/SSE'])(
    'answers a near miss of the stream path (%s) with a 404 naming it, and opens no session',
    async (path) => {
      const app = await start(sseApp({ maxSessions: 1 }));
      const miss = await openSseStream(`${app.baseUrl}${path}`);
      expect(miss.status).toBe(404);
      expect(JSON.parse(await miss.text).error.message).toMatch(/\/sse \(exactly/);
      // No session was opened for it: the only slot is free.
      const session = await openSession(app.baseUrl);
      session.stream.close();
    },
    TIMEOUT_MS,
  );

  it(
    'takes sse: {} (its type lets path out) as the default path',
    async () => {
      const app = await start(sseApp({ sse: {} }));
      const session = await openSession(app.baseUrl);
      expect(session.messages).toMatch(/^\/sse\/messages\?session_id=/);
      session.stream.close();
    },
    TIMEOUT_MS,
  );
  it(
    'names, with auth.resourceUrl set, a protected resource whose URL is a prefix of the SSE URL (SDK clients check it)',
    async () => {
      const publicOrigin = 'https://api.example.com';
      const app = await start(authApp({ ...guarded({ resourceUrl: `${publicOrigin}/mcp` }), sse: true }));
      const refused = await openSseStream(`${app.baseUrl}/sse`);
      expect(refused.status).toBe(401);
      const metadataUrl = /resource_metadata="([^"]+)"/.exec(
        String(refused.headers['www-authenticate']),
      )?.[1];
      expect(metadataUrl).toBeDefined();
      const metadata = await rawRequest(`${app.baseUrl}${new URL(metadataUrl as string).pathname}`, {
        method: 'GET',
      });
      expect(metadata.status).toBe(200);
      const { resource } = JSON.parse(metadata.text) as { resource: string };
      // The SDK's checkResourceAllowed: the resource's URL is the connected URL or a path prefix of it.
      expect(`${publicOrigin}/sse`.startsWith(resource)).toBe(true);
      expect(resource).toBe(`${publicOrigin}/sse`);
      // The endpoint keeps its own.
      const endpoint = await rawRequest(`${app.baseUrl}/.well-known/oauth-protected-resource/mcp`, {
        method: 'GET',
      });
      expect(JSON.parse(endpoint.text).resource).toBe(`${publicOrigin}/mcp`);
    },
    TIMEOUT_MS,
  );
  it(
    'refuses to start when two endpoints would serve their legacy SSE transports at one path, naming the fix',
    async () => {
      @Module({
        imports: [
          McpModule.forRoot({ path: '/reports-mcp', sse: true }),
          McpModule.forRoot({ path: '/other-mcp', sse: true }),
        ],
        controllers: [SessionNotesController],
      })
      class TwoEndpointsModule {}
      let app: INestApplication | undefined;
      const starting = (async () => {
        app = await createApp(TwoEndpointsModule, adapter);
        await app.init();
      })();
      try {
        await expect(starting).rejects.toThrow(
          "the endpoints /reports-mcp and /other-mcp would both serve the legacy SSE transport at /sse; give one its own, e.g. sse: { path: '/other-mcp/sse' }",
        );
      } finally {
        await app?.close().catch(() => undefined);
      }
      // As the message says: each transport at its own path.
      @Module({
        imports: [
          McpModule.forRoot({ path: '/reports-mcp', sse: true }),
          McpModule.forRoot({ path: '/other-mcp', sse: { path: '/other-mcp/sse' } }),
        ],
        controllers: [SessionNotesController],
      })
      class FixedModule {}
      const fixed = await start(FixedModule);
      for (const path of ['/sse', '/other-mcp/sse']) {
        const session = await openSession(fixed.baseUrl, path);
        expect(session.messages.startsWith(`${path}/messages?session_id=`)).toBe(true);
        session.stream.close();
      }
    },
    TIMEOUT_MS,
  );
});
