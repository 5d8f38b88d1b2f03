import 'reflect-metadata';
import { PassportModule } from '@nestjs/passport';
import {
  ADAPTERS,
  appsPerTest,
  bearer,
  createApp,
  jsonRpc,
  listen,
  MCP_POST_HEADERS,
  modernPost,
  rawRequest,
} from '@nestjs-mcp/testing';
import { ENDPOINT_GUARDS, PolicyModule } from './fixtures/auth.app.js';
import { JwtStrategy } from './fixtures/jwt.strategy.js';
import {
  endSession,
  initialize,
  INITIALIZE,
  listOn,
  sessionHeaders,
  TIMEOUT_MS,
  until,
  UUID,
} from './fixtures/session-requests.js';
import { HoldController, statefulApp } from './fixtures/sessions.app.js';

/** A stateful app whose endpoint needs a valid JWT. */
const authed = () =>
  statefulApp(
    { auth: { guards: ENDPOINT_GUARDS } },
    { imports: [PassportModule, PolicyModule], providers: [JwtStrategy] },
  );

describe.each(ADAPTERS)('stateful sessions on %s', (adapter) => {
  const { start, track } = appsPerTest(adapter);

  it(
    'gives each SDK client its own random session id and serves every later request on it',
    async () => {
      const app = await start(statefulApp());
      const first = await app.connect();
      const second = await app.connect();
      const ids = [first, second].map(
        (client) => (client.transport as unknown as { sessionId?: string }).sessionId,
      );
      expect(ids[0]).toMatch(UUID);
      expect(ids[1]).toMatch(UUID);
      expect(ids[0]).not.toBe(ids[1]);
      expect(first.getServerCapabilities()?.tools?.listChanged).toBe(true);

      const result = await first.callTool({ name: 'get_note', arguments: { id: '7' } });
      expect(result.structuredContent ?? JSON.parse((result.content as [{ text: string }])[0].text)).toEqual({
        id: '7',
      });
      expect((await second.listTools()).tools.map((tool) => tool.name)).toContain('hold');
      expect((await listOn(app, ids[0] as string)).status).toBe(200);
    },
    TIMEOUT_MS,
  );

  it(
    'refuses a request without a session id (400) and an unknown one (404), saying what to do',
    async () => {
      const app = await start(statefulApp());
      const missing = await rawRequest(`${app.baseUrl}/mcp`, {
        headers: MCP_POST_HEADERS,
        body: jsonRpc('tools/list'),
      });
      expect(missing.status).toBe(400);
      expect(missing.message().error?.message).toMatch(/Mcp-Session-Id header is required.*initialize/);

      const unknown = await listOn(app, '00000000-0000-4000-8000-000000000000');
      expect(unknown.status).toBe(404);
      expect(unknown.message().error?.message).toMatch(/Session not found.*initialize/);
    },
    TIMEOUT_MS,
  );

  it(
    'opens the notification stream with GET and ends the session with DELETE (404 afterwards)',
    async () => {
      const app = await start(statefulApp());
      const id = await initialize(app);
      const stream = await fetch(`${app.baseUrl}/mcp`, {
        headers: { accept: 'text/event-stream', 'mcp-session-id': id, 'mcp-protocol-version': '2025-11-25' },
      });
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const streamEnded = stream.text();

      const ended = await endSession(app, id);
      expect(ended.status).toBe(200);
      await streamEnded;

      const after = await listOn(app, id);
      expect(after.status).toBe(404);
      expect(after.message().error?.message).toMatch(/initialize/);
      const again = await endSession(app, id);
      expect(again.status).toBe(404);

      // A client that sends its JSON content type on a bodiless DELETE is served alike on both adapters.
      const other = await initialize(app);
      const typed = await rawRequest(`${app.baseUrl}/mcp`, {
        method: 'DELETE',
        headers: sessionHeaders(other),
      });
      expect(typed.status).toBe(200);
      expect((await listOn(app, other)).status).toBe(404);
    },
    TIMEOUT_MS,
  );

  it(
    'keeps GET and DELETE at 405 on a stateless endpoint (the default)',
    async () => {
      const app = await start(statefulApp({ session: 'stateless' }));
      const initialized = await rawRequest(`${app.baseUrl}/mcp`, {
        headers: MCP_POST_HEADERS,
        body: INITIALIZE,
      });
      expect(initialized.status).toBe(200);
      expect(initialized.headers['mcp-session-id']).toBeUndefined();
      for (const method of ['GET', 'DELETE']) {
        const response = await rawRequest(`${app.baseUrl}/mcp`, {
          method,
          headers: { accept: 'text/event-stream' },
        });
        expect(response.status).toBe(405);
      }
    },
    TIMEOUT_MS,
  );

  it(
    'answers other methods with 405 naming the methods a stateful endpoint takes',
    async () => {
      const app = await start(statefulApp());
      const response = await rawRequest(`${app.baseUrl}/mcp`, {
        method: 'PUT',
        headers: MCP_POST_HEADERS,
        body: '{}',
      });
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe('GET, POST, DELETE');
      expect(response.message().error?.message).toMatch(/^Method not allowed: PUT\. .*DELETE ends a session/);
    },
    TIMEOUT_MS,
  );

  it(
    'serves 2026-07-28 requests per request, without a session',
    async () => {
      const app = await start(statefulApp());
      const response = await rawRequest(`${app.baseUrl}/mcp`, modernPost('tools/list'));
      expect(response.status).toBe(200);
      expect(response.headers['mcp-session-id']).toBeUndefined();
      const tools = (response.message().result as { tools: Array<{ name: string }> }).tools;
      expect(tools.map((tool) => tool.name)).toContain('get_note');
    },
    TIMEOUT_MS,
  );

  it(
    'ends a session that stays idle past sessionIdleTimeoutMs',
    async () => {
      const app = await start(statefulApp({ sessionIdleTimeoutMs: 300 }));
      const id = await initialize(app);
      expect((await listOn(app, id)).status).toBe(200);
      const stream = await fetch(`${app.baseUrl}/mcp`, {
        headers: { accept: 'text/event-stream', 'mcp-session-id': id, 'mcp-protocol-version': '2025-11-25' },
      });
      expect(stream.status).toBe(200);
      // The idle timeout closes the session's GET stream; the body then ends.
      await stream.text();
      const after = await listOn(app, id);
      expect(after.status).toBe(404);
    },
    TIMEOUT_MS,
  );

  it(
    'refuses a session over maxSessions with 503 and leaves the open ones working',
    async () => {
      const app = await start(statefulApp({ maxSessions: 2 }));
      const first = await initialize(app);
      const second = await initialize(app);

      const refused = await rawRequest(`${app.baseUrl}/mcp`, { headers: MCP_POST_HEADERS, body: INITIALIZE });
      expect(refused.status).toBe(503);
      expect(refused.headers['mcp-session-id']).toBeUndefined();
      expect(refused.message()).toMatchObject({ id: 1, error: { code: -32000 } });
      expect(refused.message().error?.message).toMatch(/at most 2 \(the "maxSessions" option\).*DELETE/);
      await expect(app.connect()).rejects.toThrow();

      expect((await listOn(app, first)).status).toBe(200);
      expect((await listOn(app, second)).status).toBe(200);
      await endSession(app, first);
      const client = await app.connect();
      expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    },
    TIMEOUT_MS,
  );

  it(
    'answers a call in flight at shutdown, then ends the sessions and closes',
    async () => {
      const app = track(await listen(await createApp(statefulApp({ timeoutMs: 20_000 }), adapter)));
      const client = await app.connect();
      const id = await initialize(app);
      const stream = await fetch(`${app.baseUrl}/mcp`, {
        headers: { accept: 'text/event-stream', 'mcp-session-id': id, 'mcp-protocol-version': '2025-11-25' },
      });
      const streamEnded = stream.text();
      const before = HoldController.started;
      const call = client.callTool({ name: 'hold', arguments: { ms: '1500' } });
      let answered = false;
      void call.finally(() => {
        answered = true;
      });
      await until(() => HoldController.started > before, 'the held call reaching its route');

      const closed = app.app.close();
      // While the call drains, a new request is refused with a JSON-RPC 503 (the server still listens).
      let refusal: Awaited<ReturnType<typeof listOn>> | undefined;
      await until(async () => {
        const response = await listOn(app, id);
        if (response.status === 503) refusal = response;
        return refusal !== undefined || answered;
      }, 'a request refused while shutting down');
      expect(refusal?.message().error?.message).toMatch(/shutting down/);
      const result = await call;
      expect(JSON.parse((result.content as [{ text: string }])[0].text)).toEqual({ held: 1500 });
      expect(result.isError).not.toBe(true);
      await streamEnded;
      await closed;
      await client.close();
    },
    TIMEOUT_MS,
  );

  describe('with auth guards', () => {
    it(
      'binds a session to the user that created it (other credentials get 404, a renewed token does not)',
      async () => {
        const app = await start(authed());
        const alice = bearer('alice');
        const id = await initialize(app, alice);
        expect((await listOn(app, id, alice)).status).toBe(200);

        const stolen = await listOn(app, id, bearer('mallory'));
        expect(stolen.status).toBe(404);
        expect(stolen.message().error?.message).toMatch(/other credentials.*initialize/);
        const noToken = await listOn(app, id);
        expect(noToken.status).toBe(401);

        // The session is untouched for its owner, also once the owner's token is renewed (same subject).
        expect((await listOn(app, id, alice)).status).toBe(200);
        const renewed = bearer('alice', { renewal: 2 });
        expect(renewed.authorization).not.toBe(alice.authorization);
        expect((await listOn(app, id, renewed)).status).toBe(200);
        const client = await app.connect({ headers: bearer('bob') });
        expect((await client.listTools()).tools.length).toBeGreaterThan(0);
      },
      TIMEOUT_MS,
    );
  });
});
