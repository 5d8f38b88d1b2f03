import 'reflect-metadata';
import { ADAPTERS, appsPerTest, bearer, createApp, jsonRpc, listen, rawRequest } from '@nestjs-mcp/testing';
import { McpToolsService } from 'nestjs-mcp';
import { authApp, guarded } from './fixtures/auth.app.js';
import { HoldController, sseApp } from './fixtures/sessions.app.js';
import { until } from './fixtures/session-requests.js';
import { answerOn, initializeSession, openSession, postMessage } from './fixtures/sse-session.js';
import { messageOf, openSseStream } from './fixtures/sse-stream.js';

/** Generous: the first request of a fresh app is slow on a busy machine. */
const TIMEOUT_MS = 30_000;
const FOREIGN = { origin: 'https://attacker.example' };

describe.each(ADAPTERS)('the legacy SSE transport, secured and bounded, on %s', (adapter) => {
  const { start, track } = appsPerTest(adapter);

  it(
    'refuses a foreign Origin with 403 on the stream and on the messages path',
    async () => {
      const app = await start(sseApp());
      const stream = await openSseStream(`${app.baseUrl}/sse`, FOREIGN);
      expect(stream.status).toBe(403);
      expect(JSON.parse(await stream.text).error.message).toMatch(/allowedOrigins/);
      const session = await openSession(app.baseUrl);
      try {
        const post = await postMessage(`${app.baseUrl}${session.messages}`, jsonRpc('ping'), FOREIGN);
        expect(post.status).toBe(403);
      } finally {
        session.stream.close();
      }
    },
    TIMEOUT_MS,
  );

  it(
    'runs the endpoint guards, forwards the caller’s token, and binds the session to its user',
    async () => {
      const app = await start(authApp({ ...guarded(), sse: true }));
      const anonymous = await openSseStream(`${app.baseUrl}/sse`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer resource_metadata=/);
      const alice = bearer('alice');
      const session = await openSession(app.baseUrl, '/sse', alice);
      try {
        await initializeSession(app.baseUrl, session, alice);
        const url = `${app.baseUrl}${session.messages}`;
        const call = jsonRpc('tools/call', { name: 'who_am_i', arguments: {} }, 7);
        expect((await postMessage(url, call, alice)).status).toBe(202);
        const answer = await answerOn(session, 7);
        expect(JSON.parse(answer.result.content[0].text)).toMatchObject({ id: 'alice' });
        expect((await postMessage(url, call)).status).toBe(401);
        const stolen = await postMessage(url, call, bearer('bob'));
        expect(stolen.status).toBe(404);
        expect(stolen.message().error?.message).toMatch(/other credentials/);
      } finally {
        session.stream.close();
      }
    },
    TIMEOUT_MS,
  );

  it(
    'refuses a stream beyond maxSessions with 503, and ends a session idle for sessionIdleTimeoutMs',
    async () => {
      const app = await start(sseApp({ maxSessions: 1, sessionIdleTimeoutMs: 400 }));
      const first = await openSession(app.baseUrl);
      const second = await openSseStream(`${app.baseUrl}/sse`);
      expect(second.status).toBe(503);
      expect(second.headers['content-type']).toMatch(/application\/json/);
      expect(JSON.parse(await second.text).error.message).toMatch(/at most 1 \(the "maxSessions" option\)/);
      // Nobody posts: the idle timeout ends the stream, and its slot is free again.
      await first.stream.ended;
      expect((await postMessage(`${app.baseUrl}${first.messages}`, jsonRpc('ping'))).status).toBe(404);
      const third = await openSession(app.baseUrl);
      third.stream.close();
    },
    TIMEOUT_MS,
  );

  it(
    'refuses a message over maxRequestBytes with a JSON-RPC 413',
    async () => {
      const app = await start(sseApp({ maxRequestBytes: 2048 }));
      const session = await openSession(app.baseUrl);
      try {
        const big = jsonRpc('tools/call', { name: 'get_note', arguments: { id: 'x'.repeat(4096) } });
        const refused = await postMessage(`${app.baseUrl}${session.messages}`, big);
        expect(refused.status).toBe(413);
        expect(refused.message().error?.message).toMatch(/2048/);
      } finally {
        session.stream.close();
      }
    },
    TIMEOUT_MS,
  );

  it(
    'sends tools/list_changed, log records and progress down the stream',
    async () => {
      const app = await start(sseApp());
      const session = await openSession(app.baseUrl);
      try {
        await initializeSession(app.baseUrl, session);
        const url = `${app.baseUrl}${session.messages}`;
        app.app.get(McpToolsService).refresh();
        const changed = await session.stream.next(
          (event) => messageOf(event).method === 'notifications/tools/list_changed',
        );
        expect(messageOf(changed)).toEqual({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' });

        await postMessage(url, jsonRpc('logging/setLevel', { level: 'info' }, 2));
        await answerOn(session, 2);
        const call = jsonRpc(
          'tools/call',
          { name: 'hold', arguments: { ms: '10' }, _meta: { progressToken: 'p1' } },
          3,
        );
        await postMessage(url, call);
        await answerOn(session, 3);
        const seen = session.stream.events.filter((event) => event.event === 'message').map(messageOf);
        expect(seen.filter((message) => message.method === 'notifications/progress')).toEqual([
          expect.objectContaining({ params: expect.objectContaining({ progressToken: 'p1', progress: 0 }) }),
          expect.objectContaining({ params: expect.objectContaining({ progressToken: 'p1', progress: 1 }) }),
        ]);
        expect(seen.filter((message) => message.method === 'notifications/message')).toEqual([
          expect.objectContaining({
            params: expect.objectContaining({ data: 'calling hold → GET /hold?ms=10' }),
          }),
          expect.objectContaining({ params: expect.objectContaining({ level: 'info' }) }),
        ]);
      } finally {
        session.stream.close();
      }
    },
    TIMEOUT_MS,
  );

  it(
    'answers a call in flight at shutdown, then ends the streams',
    async () => {
      const app = track(await listen(await createApp(sseApp({ timeoutMs: 20_000 }), adapter)));
      const session = await openSession(app.baseUrl);
      await initializeSession(app.baseUrl, session);
      const before = HoldController.started;
      const call = jsonRpc('tools/call', { name: 'hold', arguments: { ms: '1200' } }, 9);
      expect((await postMessage(`${app.baseUrl}${session.messages}`, call)).status).toBe(202);
      await until(() => HoldController.started > before, 'the held call reaching its route');
      const closed = app.app.close();
      await until(async () => {
        const refused = await rawRequest(`${app.baseUrl}/sse`, { method: 'GET' }).catch(() => undefined);
        return refused === undefined || refused.status === 503;
      }, 'new streams refused while shutting down');
      const answer = await answerOn(session, 9);
      expect(JSON.parse(answer.result.content[0].text)).toEqual({ held: 1200 });
      await session.stream.ended;
      await closed;
    },
    TIMEOUT_MS,
  );
});
