import 'reflect-metadata';
import { ADAPTERS, appsPerTest, createApp, jsonRpc, rawRequest } from '@nestjs-mcp/testing';
import { listAndCallNote } from './fixtures/era-clients.js';
import { SSE_CLIENTS } from './fixtures/sse-clients.js';
import { answerOn, initializeSession, openSession, postMessage as post } from './fixtures/sse-session.js';
import { messageOf } from './fixtures/sse-stream.js';
import { sseApp } from './fixtures/sessions.app.js';

/** Generous: the first request of a fresh app is slow on a busy machine. */
const TIMEOUT_MS = 30_000;
const MESSAGES_URL = /^\/sse\/messages\?session_id=[0-9a-f-]{36}$/;

describe.each(ADAPTERS)('the legacy HTTP+SSE transport on %s', (adapter) => {
  const { start } = appsPerTest(adapter);

  it.each(SSE_CLIENTS.map((era) => [era.client, era] as const))(
    '%s connects over SSE, lists the tools and calls one',
    async (_name, era) => {
      const app = await start(sseApp());
      const client = await era.connect(`${app.baseUrl}/sse`);
      try {
        expect(await listAndCallNote(client, '7')).toEqual({ id: '7' });
      } finally {
        await client.close();
      }
    },
    TIMEOUT_MS,
  );

  it(
    'announces the full messages path, global prefix included, and answers on the stream',
    async () => {
      const app = await start(sseApp(), (nest) => nest.setGlobalPrefix('api'));
      const session = await openSession(app.baseUrl, '/api/sse');
      try {
        expect(session.messages).toMatch(/^\/api\/sse\/messages\?session_id=[0-9a-f-]{36}$/);
        expect(session.stream.headers['content-type']).toMatch(/^text\/event-stream/);
        // Proxies and compression middleware must pass each event on at once.
        expect(session.stream.headers['cache-control']).toBe('no-cache, no-transform');
        expect(session.stream.headers['x-accel-buffering']).toBe('no');
        await initializeSession(app.baseUrl, session);
        const call = await post(
          `${app.baseUrl}${session.messages}`,
          jsonRpc('tools/call', { name: 'get_note', arguments: { id: '9' } }, 2),
        );
        expect(call.status).toBe(202);
        const answer = await answerOn(session, 2);
        expect(JSON.parse(answer.result.content[0].text)).toEqual({ id: '9' });
        // The endpoint itself still serves Streamable HTTP under the prefix.
        expect((await app.connect({ path: '/api/mcp' })).getServerVersion()).toBeDefined();
      } finally {
        session.stream.close();
      }
    },
    TIMEOUT_MS,
  );

  it(
    'answers POSTs to the messages path: 400 without or with a malformed session id, 404 unknown, 202 accepted',
    async () => {
      const app = await start(sseApp());
      const session = await openSession(app.baseUrl);
      try {
        expect(session.messages).toMatch(MESSAGES_URL);
        const body = jsonRpc('ping', {}, 1);
        const missing = await post(`${app.baseUrl}/sse/messages`, body);
        expect(missing.status).toBe(400);
        expect(missing.message().error?.message).toMatch(/session_id query parameter is missing/);
        const malformed = await post(`${app.baseUrl}/sse/messages?session_id=nope`, body);
        expect(malformed.status).toBe(400);
        expect(malformed.message().error?.message).toMatch(/"nope" is not a session id/);
        const unknown = await post(
          `${app.baseUrl}/sse/messages?session_id=00000000-0000-4000-8000-000000000000`,
          body,
        );
        expect(unknown.status).toBe(404);
        expect(unknown.message().error?.message).toMatch(/Session not found/);
        const accepted = await post(`${app.baseUrl}${session.messages}`, body);
        expect(accepted.status).toBe(202);
        expect(messageOf(await session.stream.next((event) => event.event === 'message'))).toEqual({
          jsonrpc: '2.0',
          id: 1,
          result: {},
        });
        const invalid = await post(`${app.baseUrl}${session.messages}`, '{"jsonrpc":"1.0","id":5}');
        expect(invalid.status).toBe(400);
        expect(invalid.message()).toMatchObject({ error: { code: -32600 }, id: 5 });
        const broken = await post(`${app.baseUrl}${session.messages}`, '{"jsonrpc":');
        expect(broken.status).toBe(400);
        expect(broken.message().error?.code).toBe(-32700);
        const text = await post(`${app.baseUrl}${session.messages}`, body, { 'content-type': 'text/plain' });
        expect(text.status).toBe(415);
        expect(text.message().error?.message).toMatch(/application\/json/);
      } finally {
        session.stream.close();
      }
    },
    TIMEOUT_MS,
  );

  it(
    'answers the wrong method on either path with 405 saying what the transport expects',
    async () => {
      const app = await start(sseApp());
      const streamable = await post(`${app.baseUrl}/sse`, jsonRpc('tools/list'));
      expect(streamable.status).toBe(405);
      expect(streamable.headers.allow).toBe('GET');
      expect(streamable.message().error?.message).toMatch(
        /legacy HTTP\+SSE transport: open its event stream with GET/,
      );
      const head = await rawRequest(`${app.baseUrl}/sse`, { method: 'HEAD' });
      expect(head.status).toBe(405);
      const browse = await rawRequest(`${app.baseUrl}/sse/messages`, { method: 'GET' });
      expect(browse.status).toBe(405);
      expect(browse.headers.allow).toBe('POST');
      expect(browse.message().error?.message).toMatch(/POST JSON-RPC messages here/);
    },
    TIMEOUT_MS,
  );

  it(
    'ends a session when its stream closes: its messages URL then gets 404',
    async () => {
      const app = await start(sseApp());
      const session = await openSession(app.baseUrl);
      session.stream.close();
      await session.stream.ended;
      let status = 0;
      for (let attempt = 0; attempt < 50 && status !== 404; attempt++) {
        status = (await post(`${app.baseUrl}${session.messages}`, jsonRpc('ping'))).status;
        if (status !== 404) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(status).toBe(404);
    },
    TIMEOUT_MS,
  );

  it(
    'refuses to start when protocolVersions leaves no revision the transport can speak',
    async () => {
      const app = createApp(sseApp({ protocolVersions: ['2026-07-28'] }), adapter);
      await expect(app).rejects.toThrow(
        /"sse" serves 2024-11-05 … 2025-era clients.*add one, e\.g\. '2025-11-25'/,
      );
    },
    TIMEOUT_MS,
  );
});
