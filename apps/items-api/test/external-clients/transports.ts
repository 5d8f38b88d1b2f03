import { Module, type Type } from '@nestjs/common';
import { AuthGuard, PassportModule } from '@nestjs/passport';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { listen, type AdapterName, type RunningApp } from '@nestjs-mcp/testing';
import { McpModule, type McpModuleOptions } from 'nestjs-mcp';
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
  /** Path and query. */
  readonly url: string;
  readonly authorization: string | undefined;
  /** The `Mcp-Session-Id` the request carried. */
  readonly sessionId: string | undefined;
  /** The status sent, once the head is written. */
  status(): number | undefined;
}

/** An HTTP transport, and how each external client is told to use it. */
export interface TransportRow {
  readonly name: string;
  /** Added to the token-passthrough example's `McpModule.forRoot` options. */
  readonly options: Partial<McpModuleOptions>;
  /** The path a client is given (the Streamable HTTP endpoint, or the legacy transport's stream). */
  readonly path: string;
  /** The transport's own requests, by path and query (not the OAuth discovery documents clients read). */
  readonly endpoint: RegExp;
  /** The MCP Inspector CLI's flags that select this transport. */
  readonly inspector: string;
  /** mcp-remote's `--transport` strategy, with no fallback to the other transport. */
  readonly mcpRemote: 'http-only' | 'sse-only';
  /** Asserts that the endpoint requests of one client run went over this transport (never vacuous). */
  expectWire(seen: readonly SeenRequest[]): void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const posts = (seen: readonly SeenRequest[]) => seen.filter((request) => request.method === 'POST');

/** `[method, status]` of each request that was not answered with a 2xx, for readable failures. */
const refused = (seen: readonly SeenRequest[]) =>
  seen
    .map((request) => [request.method, request.status()] as const)
    .filter(([, status]) => status === undefined || status < 200 || status >= 300);

/** MCP messages go in POSTs, and none was refused. */
function expectPostsAccepted(seen: readonly SeenRequest[]): void {
  expect(posts(seen).length).toBeGreaterThan(0);
  expect(refused(posts(seen))).toEqual([]);
}

export const STATELESS: TransportRow = {
  name: 'Streamable HTTP, stateless (the default)',
  options: {},
  path: '/mcp',
  endpoint: /^\/mcp(\?|$)/,
  // `auto` ends at 2026-07-28 on this server; the 2025 leg is what mcp-remote speaks.
  inspector: '--transport http --protocol-era auto',
  mcpRemote: 'http-only',
  expectWire(seen) {
    expectPostsAccepted(seen);
    // A stateful server would have issued an id, and the client would send it back.
    expect(seen.map((request) => request.sessionId)).toEqual(seen.map(() => undefined));
  },
};

export const STATEFUL: TransportRow = {
  name: "Streamable HTTP, stateful (session: 'stateful')",
  options: { session: 'stateful' },
  path: '/mcp',
  endpoint: /^\/mcp(\?|$)/,
  // Sessions exist for 2025-era clients only; a 2026-07-28 client is served per request.
  inspector: '--transport http --protocol-era legacy',
  mcpRemote: 'http-only',
  expectWire(seen) {
    expectPostsAccepted(seen);
    // A session starts with a POST without an id (initialize; mcp-remote probes with one session, then
    // opens another). Its answer issues the id (no client makes one up): every later request of the run
    // (POSTs, the GET stream) carries it and is accepted, where an unknown id gets 404, a missing one 400.
    const starts = seen.flatMap((request, index) =>
      request.method === 'POST' && request.sessionId === undefined ? [index] : [],
    );
    const session = seen.slice((starts.at(-1) ?? seen.length) + 1);
    const id = session[0]?.sessionId;
    expect(id).toMatch(UUID);
    expect(posts(session).length).toBeGreaterThanOrEqual(2);
    expect(session.map((request) => request.sessionId)).toEqual(session.map(() => id));
    expect(refused(session)).toEqual([]);
  },
};

/** The transports every external client is run on. */
export const TRANSPORTS: readonly TransportRow[] = [STATELESS, STATEFUL];

/** The token-passthrough example's parts with `options` added to its MCP options. */
export function authExampleModule(options: Partial<McpModuleOptions>): Type {
  @Module({
    imports: [
      ItemsRestModule,
      PassportModule,
      McpModule.forRoot({
        name: 'Items MCP (token passthrough)',
        version: '1.0.0',
        excludeTags: ['admin'],
        auth: { guards: [AuthGuard('jwt')] },
        ...options,
      }),
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
  /** Requests to the row's endpoint seen since the last {@link RowApp.reset}. */
  readonly seen: SeenRequest[];
  reset(): void;
}

/**
 * Runs the token-passthrough example with `row`'s options on `adapter` for the enclosing `describe` block
 * (started before its tests, closed after them), recording every request to the row's endpoint.
 */
export function rowApp(adapter: AdapterName, row: TransportRow): RowApp {
  let running: RunningApp | undefined;
  const seen: SeenRequest[] = [];
  beforeAll(async () => {
    running = await listen(await createItemsApp(adapter, { logger: false }, authExampleModule(row.options)));
    (running.app.getHttpServer() as Server).on(
      'request',
      (request: IncomingMessage, response: ServerResponse) => {
        if (row.endpoint.test(request.url ?? '')) seen.push(seenRequest(request, response));
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
  return {
    method: request.method ?? '',
    url: request.url ?? '',
    authorization: header('authorization'),
    sessionId: header('mcp-session-id'),
    status: () => (response.headersSent ? response.statusCode : undefined),
  };
}
