import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger } from '@nestjs/common';
import type { JSONRPCMessage, Server } from '@modelcontextprotocol/server';
import type { CallerContext } from '../../calls/caller.js';
import { JsonRpcErrorCode, writeJsonRpcError } from '../json-rpc.js';
import { toWebRequest } from '../node-web.bridge.js';
import { MODERN_ERA_START } from '../protocol-versions.js';
import { createMcpServer, type ServerSettings } from '../server.factory.js';
import type { SessionPolicy } from '../sessions/session-registry.js';
import { IdleTimer } from '../sessions/idle-timer.js';
import { sessionOwner } from '../sessions/session-owner.js';
import type { ToolProvider } from '../tool-provider.js';
import { SseStreamTransport } from './sse-stream.transport.js';

const logger = new Logger('McpModule');

/** What `randomUUID()` makes: anything else in `session_id` is malformed. */
const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface SseSession {
  readonly id: string;
  readonly server: Server;
  readonly transport: SseStreamTransport;
  /** Who opened the stream (see `sessionOwner`), when sessions are bound to credentials. */
  readonly owner?: string;
  readonly idle: IdleTimer;
}

/** Why a POST to the messages path was refused, as the HTTP answer says it. */
export interface SsePostRefusal {
  readonly status: 400 | 404 | 503;
  readonly message: string;
}

/**
 * The legacy HTTP+SSE transport (protocol 2024-11-05, still spoken by older clients): a `GET` opens a
 * session's event stream, whose first event names the URL the client POSTs its messages to; answers and
 * notifications go down the stream. One SDK server per session, built like the Streamable HTTP endpoint's.
 * Bounded like stateful sessions: at most `maxSessions` streams, each ended after `idleTimeoutMs` without a
 * message, and bound to the credentials that opened it when the endpoint has auth.
 */
export class LegacySseEndpoint {
  private readonly live = new Map<string, SseSession>();
  /** The caller of each POSTed message, found again by the session's server. */
  private readonly callers = new WeakMap<Request, CallerContext>();
  private readonly settings: ServerSettings;
  private closed = false;

  constructor(
    private readonly tools: ToolProvider,
    settings: ServerSettings,
    private readonly policy: SessionPolicy,
  ) {
    // The transport predates 2026-07-28, which has no `initialize` to negotiate over it.
    const legacy = settings.protocolVersions.filter((version) => version < MODERN_ERA_START);
    this.settings = { ...settings, protocolVersions: legacy, sessionful: true };
  }

  /** Opens a session's stream on `res`; `messagesPath` is where its messages are POSTed, as served. */
  async open(caller: CallerContext, res: ServerResponse, messagesPath: string): Promise<void> {
    // A client gone before its stream starts (e.g. during a slow guard) would never close the session: its
    // `close` event has already fired, and the session would hold a `maxSessions` slot until it idles out.
    if (res.destroyed) return;
    if (this.closed) return refuseStream(res, shuttingDownMessage());
    if (this.live.size >= this.policy.maxSessions) {
      return refuseStream(
        res,
        `Too many open MCP SSE sessions: this server holds at most ${this.policy.maxSessions} (the ` +
          '"maxSessions" option). Retry later; clients end a session by closing its stream.',
      );
    }
    const id = randomUUID();
    const transport = new SseStreamTransport(id, res, `${messagesPath}?session_id=${id}`);
    const server = createMcpServer(
      this.tools,
      (request) => (request && this.callers.get(request)) ?? caller,
      this.settings,
    );
    const owner = this.policy.bindToCredentials ? sessionOwner(caller.headers.authorization) : undefined;
    const session: SseSession = {
      id,
      server,
      transport,
      ...(owner ? { owner } : {}),
      idle: new IdleTimer(
        this.policy.idleTimeoutMs,
        () => transport.busy,
        () => void this.end(session),
      ),
    };
    this.live.set(id, session);
    // The SDK's close hook (a property, not an event): the stream closed, idle timeout, or shutdown.
    // oxlint-disable-next-line unicorn/prefer-add-event-listener -- the SDK has no event API here
    server.onclose = () => this.forget(id);
    try {
      await server.connect(transport);
    } catch (error) {
      // Nothing would ever end a session whose stream did not start.
      logger.warn(`Opening MCP SSE session ${id} failed: ${(error as Error).message}`);
      this.forget(id);
      if (!res.headersSent) refuseStream(res, 'The MCP SSE stream could not be opened; retry.');
      else res.end();
      return;
    }
    this.armIdleTimer(session);
  }

  /**
   * Takes the message(s) of a POST for the session named by its `session_id` query parameter. Returns the
   * refusal to answer with, or `undefined` when the messages were handed to the session (answer 202).
   */
  accept(
    req: IncomingMessage,
    caller: CallerContext,
    messages: readonly JSONRPCMessage[],
  ): SsePostRefusal | undefined {
    if (this.closed) return { status: 503, message: shuttingDownMessage() };
    const id = new URLSearchParams(req.url?.split('?')[1] ?? '').get('session_id');
    if (id === null || id === '') {
      return {
        status: 400,
        message:
          'Bad Request: the session_id query parameter is missing. POST to the URL of the "endpoint" event ' +
          'that the SSE stream (GET) sent first.',
      };
    }
    if (!SESSION_ID.test(id)) {
      return {
        status: 400,
        message: `Bad Request: session_id ${JSON.stringify(id.slice(0, 64))} is not a session id; use the URL of the stream's "endpoint" event.`,
      };
    }
    const session = this.live.get(id);
    if (
      !session ||
      (session.owner !== undefined && session.owner !== sessionOwner(caller.headers.authorization))
    ) {
      return {
        status: 404,
        message:
          'Session not found: its stream closed, it expired, or it belongs to other credentials. Open a new ' +
          'stream with GET and use the URL of its "endpoint" event.',
      };
    }
    const request = toWebRequest(req, new AbortController().signal, false);
    this.callers.set(request, caller);
    this.armIdleTimer(session);
    for (const message of messages) session.transport.receive(message, request);
    return undefined;
  }

  /** Sends `notifications/tools/list_changed` on every open stream. */
  toolsChanged(): void {
    for (const session of this.live.values()) {
      session.server.sendToolListChanged().catch(() => undefined);
    }
  }

  /**
   * Application shutdown: new streams and messages get 503, requests already received are answered (for up
   * to `graceMs`), then every stream ends.
   */
  async drain(graceMs: number): Promise<void> {
    this.closed = true;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    const answered = Promise.all([...this.live.values()].map((session) => session.transport.answered()));
    await Promise.race([answered, deadline]);
    clearTimeout(timer);
    await this.close();
  }

  /** Ends every stream; calls still running are aborted. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.live.values()].map((session) => this.end(session)));
  }

  private armIdleTimer(session: SseSession): void {
    if (this.live.has(session.id)) session.idle.arm();
  }

  private async end(session: SseSession): Promise<void> {
    try {
      await session.server.close();
    } catch (error) {
      logger.warn(`Closing MCP SSE session ${session.id} failed: ${(error as Error).message}`);
    }
    this.forget(session.id);
  }

  private forget(id: string): void {
    const session = this.live.get(id);
    if (!session) return;
    session.idle.clear();
    this.live.delete(id);
  }
}

function shuttingDownMessage(): string {
  return 'The MCP server is shutting down: retry against another instance or after it restarts.';
}

/** A stream that cannot open gets 503 with a JSON-RPC error, never an event stream. */
function refuseStream(res: ServerResponse, message: string): void {
  writeJsonRpcError(res, 503, JsonRpcErrorCode.ServerError, message, { 'retry-after': '5' });
}
