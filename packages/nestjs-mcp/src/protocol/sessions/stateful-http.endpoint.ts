import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger } from '@nestjs/common';
import { createMcpHandler, isLegacyRequest, type McpHttpHandler } from '@modelcontextprotocol/server';
import type { CallerContext } from '../../calls/caller.js';
import { createMcpServer, type ServerSettings } from '../server.factory.js';
import type { ToolProvider } from '../tool-provider.js';
import { serveWebExchange } from '../web-exchange.js';
import { InMemorySessionStore } from './in-memory-session-store.js';
import { shuttingDown } from './session-refusals.js';
import { SessionRegistry, type SessionPolicy } from './session-registry.js';
import type { SessionStore } from './session-store.js';

const logger = new Logger('McpModule');

/**
 * Streamable HTTP with sessions for 2025-era clients (`session: 'stateful'`), the SDK's documented pattern:
 * a strict handler (`legacy: 'reject'`) serves 2026-07-28 requests per request, and `isLegacyRequest` (the
 * handler's own classification) sends every other POST, and every GET and DELETE, to the sessions.
 */
export class StatefulHttpEndpoint {
  private readonly modern: McpHttpHandler;
  private readonly sessions: SessionRegistry;
  /** The caller of each modern request, found again by the server factory. */
  private readonly callers = new WeakMap<Request, CallerContext>();
  /** POSTs being answered (both eras): shutdown lets them finish. */
  private readonly inflight = new Set<Promise<void>>();
  private draining = false;

  constructor(
    tools: ToolProvider,
    settings: ServerSettings,
    policy: SessionPolicy,
    store: SessionStore = new InMemorySessionStore(),
  ) {
    this.modern = createMcpHandler(
      ({ requestInfo }) =>
        createMcpServer(tools, (requestInfo && this.callers.get(requestInfo)) ?? { headers: {} }, settings),
      { legacy: 'reject', onerror: (error) => logger.debug(`MCP request refused: ${error.message}`) },
    );
    this.sessions = new SessionRegistry(store, policy, (callerOf) =>
      createMcpServer(tools, callerOf, { ...settings, sessionful: true }),
    );
  }

  /** Serves one POST; `body` is the body the adapter parsed, or `undefined` when the app parses none. */
  handlePost(caller: CallerContext, req: IncomingMessage, res: ServerResponse, body: unknown): Promise<void> {
    const served = serveWebExchange(req, res, body === undefined, async (request, respond) => {
      if (this.draining) return respond(shuttingDown());
      if (await isLegacyRequest(request, body)) {
        return this.sessions.serve(request, caller, body, respond);
      }
      this.callers.set(request, caller);
      await respond(await this.modern.fetch(request, body === undefined ? undefined : { parsedBody: body }));
    });
    this.inflight.add(served);
    return served.finally(() => this.inflight.delete(served));
  }

  /** GET (a session's notification stream) and DELETE (ends a session) exist only for sessions. */
  handleSessionRequest(caller: CallerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
    return serveWebExchange(req, res, false, (request, respond) =>
      this.sessions.serve(request, caller, undefined, respond),
    );
  }

  /** Sends `notifications/tools/list_changed` to every open session. */
  toolsChanged(): void {
    this.sessions.toolsChanged();
  }

  /**
   * Application shutdown: new requests get 503, calls in flight are answered (for up to `graceMs`, the
   * tool call timeout bounds them anyway), then every session ends and its GET stream closes.
   */
  async drain(graceMs: number): Promise<void> {
    this.draining = true;
    this.sessions.stopAccepting();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([Promise.allSettled(this.inflight), deadline]);
    clearTimeout(timer);
    await this.sessions.closeAll();
  }

  /** Aborts modern calls still in flight. */
  async close(): Promise<void> {
    await this.sessions.closeAll();
    await this.modern.close();
  }
}
