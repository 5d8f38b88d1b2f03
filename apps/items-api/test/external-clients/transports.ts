import { Module, type Type } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { listen, type AdapterName, type RunningApp } from '@nestjs-mcp/testing';
import { McpModule, type McpModuleExtras, type McpModuleOptions } from 'nestjs-mcp';
import { AUTH_EXAMPLE_MCP_OPTIONS } from '../../src/auth-example.module.js';
import { JwtStrategy } from '../../src/auth/jwt.strategy.js';
import { MeController } from '../../src/auth/me.controller.js';
import { createItemsApp } from '../../src/bootstrap.js';
import { ItemsRestModule } from '../../src/items-rest.module.js';

/**
 * The HTTP transports nestjs-mcp serves, as rows that the external-client specs run each client on: the
 * token-passthrough example (`auth-example.module.ts`) with the row's MCP options, one app per row and
 * adapter.
 */

/** One HTTP request to the app as the server saw it, and what it answered. */
export interface SeenRequest {
  readonly method: string;
  /** The path, without the query. */
  readonly path: string;
  /** The `session_id` query parameter (the legacy SSE transport's messages). */
  readonly sessionParam: string | null;
  readonly authorization: string | undefined;
  /** The `Mcp-Session-Id` header the request carried. */
  readonly sessionId: string | undefined;
  /** The status sent, once the head is written. */
  status(): number | undefined;
}

/** An HTTP transport, and how each external client is told to use it. */
export interface TransportRow {
  readonly name: string;
  /** Added to the token-passthrough example's `McpModule.forRoot` options. */
  readonly options: McpModuleOptions & McpModuleExtras;
  /** The path a client is given (the Streamable HTTP endpoint, or the legacy transport's stream). */
  readonly path: string;
  /** The MCP Inspector CLI's flags that select this transport. */
  readonly inspector: string;
  /** mcp-remote's `--transport` strategy, with no fallback to the other transport. */
  readonly mcpRemote: 'http-only' | 'sse-only';
  /**
   * Asserts that the requests of one client run to the MCP paths (`/mcp`, `/sse`, `/sse/messages`) went
   * over this transport and no other (never vacuous).
   */
  expectWire(seen: readonly SeenRequest[]): void;
}

/** The paths of both transports; not the OAuth discovery documents that clients read besides. */
const MCP_PATHS = ['/mcp', '/sse', '/sse/messages'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const posts = (seen: readonly SeenRequest[]) => seen.filter((request) => request.method === 'POST');

/** `[method, status]` of each request that was not answered with a 2xx, for readable failures. */
const refused = (seen: readonly SeenRequest[]) =>
  seen
    .map((request) => [request.method, request.status()] as const)
    .filter(([, status]) => status === undefined || status < 200 || status >= 300);

/** Only `path` was used; its MCP messages went in POSTs, and none was refused. */
function expectOnly(path: string, seen: readonly SeenRequest[]): void {
  expect([...new Set(seen.map((request) => request.path))]).toEqual([path]);
  expect(posts(seen).length).toBeGreaterThan(0);
  expect(refused(posts(seen))).toEqual([]);
}

/** The requests after the last one matching `start` (a client may probe with one session, then open another). */
function lastSession(seen: readonly SeenRequest[], start: (request: SeenRequest) => boolean): SeenRequest[] {
  const starts = seen.flatMap((request, index) => (start(request) ? [index] : []));
  return seen.slice((starts.at(-1) ?? seen.length) + 1);
}

export const STATELESS: TransportRow = {
  name: 'Streamable HTTP, stateless (the default)',
  options: {},
  path: '/mcp',
  // `auto` ends at 2026-07-28 on this server; the 2025 leg is what mcp-remote speaks.
  inspector: '--transport http --protocol-era auto',
  mcpRemote: 'http-only',
  expectWire(seen) {
    expectOnly('/mcp', seen);
    // A stateful server would have issued an id, and the client would send it back.
    expect(seen.map((request) => request.sessionId)).toEqual(seen.map(() => undefined));
  },
};

export const STATEFUL: TransportRow = {
  name: "Streamable HTTP, stateful (session: 'stateful')",
  options: { session: 'stateful' },
  path: '/mcp',
  // Sessions exist for 2025-era clients only; a 2026-07-28 client is served per request.
  inspector: '--transport http --protocol-era legacy',
  mcpRemote: 'http-only',
  expectWire(seen) {
    expectOnly('/mcp', seen);
    // A session starts with a POST without an id (initialize), whose answer issues the id (no client
    // makes one up): every later request (POSTs, the GET stream) carries it and is accepted, where an
    // unknown id gets 404 and a missing one 400.
    const session = lastSession(seen, (request) => request.method === 'POST' && !request.sessionId);
    const id = session[0]?.sessionId;
    expect(id).toMatch(UUID);
    expect(posts(session).length).toBeGreaterThanOrEqual(2);
    expect(session.map((request) => request.sessionId)).toEqual(session.map(() => id));
    expect(refused(session)).toEqual([]);
  },
};

export const LEGACY_SSE: TransportRow = {
  name: 'legacy HTTP+SSE (sse: true)',
  options: { sse: true },
  path: '/sse',
  inspector: '--transport sse',
  mcpRemote: 'sse-only',
  expectWire(seen) {
    expect(seen.filter((request) => request.path === '/mcp')).toEqual([]);
    const stream = seen.filter((request) => request.path === '/sse').at(-1);
    expect([stream?.method, stream?.status()]).toEqual(['GET', 200]);
    // After the last stream opened (mcp-remote opens a few), every message went to one session's
    // messages URL, the `endpoint` event's: the id is the server's (an unknown one gets 404).
    const messages = lastSession(seen, (request) => request === stream);
    const id = messages[0]?.sessionParam;
    expect(id).toMatch(UUID);
    expect(posts(messages).length).toBeGreaterThanOrEqual(2);
    expect(messages.map((request) => [request.method, request.path, request.sessionParam])).toEqual(
      messages.map(() => ['POST', '/sse/messages', id]),
    );
    expect(refused(messages)).toEqual([]);
  },
};

/** The transports every external client is run on. */
export const TRANSPORTS: readonly TransportRow[] = [STATELESS, STATEFUL, LEGACY_SSE];

/** The token-passthrough example's parts with `options` added to its MCP options. */
export function authExampleModule(options: McpModuleOptions & McpModuleExtras): Type {
  @Module({
    imports: [
      ItemsRestModule,
      PassportModule,
      McpModule.forRoot({ ...AUTH_EXAMPLE_MCP_OPTIONS, ...options }),
    ],
    controllers: [MeController],
    providers: [JwtStrategy],
  })
  class TransportAuthExampleModule {}
  return TransportAuthExampleModule;
}

/** The app of one row for the enclosing `describe`, and the requests it has seen. */
export interface RowApp {
  /** The URL a client is given: base URL + the row's path. */
  url(): string;
  /** Requests to the MCP paths seen since the last {@link RowApp.reset}. */
  readonly seen: SeenRequest[];
  reset(): void;
}

/**
 * Runs the token-passthrough example with `row`'s options on `adapter` for the enclosing `describe` block
 * (started before its tests, closed after them), recording every request to the MCP paths.
 */
export function rowApp(adapter: AdapterName, row: TransportRow): RowApp {
  let running: RunningApp | undefined;
  const seen: SeenRequest[] = [];
  beforeAll(async () => {
    running = await listen(await createItemsApp(adapter, { logger: false }, authExampleModule(row.options)));
    (running.app.getHttpServer() as Server).on(
      'request',
      (request: IncomingMessage, response: ServerResponse) => {
        const seenOne = seenRequest(request, response);
        if (MCP_PATHS.includes(seenOne.path)) seen.push(seenOne);
      },
    );
  });
  afterAll(() => running?.close());
  return {
    url() {
      if (!running) throw new Error('The app is started in beforeAll; read the URL inside a test.');
      return `${running.baseUrl}${row.path}`;
    },
    seen,
    reset: () => void seen.splice(0),
  };
}

function seenRequest(request: IncomingMessage, response: ServerResponse): SeenRequest {
  const header = (name: string) => request.headers[name] as string | undefined;
  const [path, query] = (request.url ?? '').split('?');
  return {
    method: request.method ?? '',
    path,
    sessionParam: new URLSearchParams(query ?? '').get('session_id'),
    authorization: header('authorization'),
    sessionId: header('mcp-session-id'),
    status: () => (response.headersSent ? response.statusCode : undefined),
  };
}
