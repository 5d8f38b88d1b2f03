import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import {
  isInitializeRequest,
  readRequestBody,
  WebStandardStreamableHTTPServerTransport,
  type Server,
} from '@modelcontextprotocol/server';
import type { CallerContext } from '../../calls/caller.js';
import type { Respond } from '../web-exchange.js';
import {
  sessionIdMissing,
  sessionNotFound,
  sessionsFull,
  shuttingDown,
  unreadableBody,
} from './session-refusals.js';
import { IdleTimer } from './idle-timer.js';
import { sessionOwner } from './session-owner.js';
import type { SessionStore } from './session-store.js';

const logger = new Logger('McpModule');

/** How sessions are bounded and bound. */
export interface SessionPolicy {
  readonly idleTimeoutMs: number;
  readonly maxSessions: number;
  /** The endpoint has auth guards: a session only serves the credentials that created it. */
  readonly bindToCredentials: boolean;
}

/** Builds the server of a new session; `callerOf` finds the caller of each of its requests. */
export type SessionServerFactory = (callerOf: (request: Request | undefined) => CallerContext) => Server;

/** One session's live objects; its record (owner, timestamps) is in the store. */
interface LiveSession {
  readonly id: string;
  readonly server: Server;
  readonly transport: WebStandardStreamableHTTPServerTransport;
  readonly idle: IdleTimer;
  /** POSTs being answered: an idle timer that fires meanwhile waits for them. */
  active: number;
}

/**
 * The 2025-era sessions of one endpoint: one SDK server and sessionful transport per session, routed by
 * `Mcp-Session-Id`. Bounded by `maxSessions` (a further `initialize` gets 503) and an idle timeout; records
 * go to the `SessionStore`, the live server and transport stay here.
 */
export class SessionRegistry {
  private readonly live = new Map<string, LiveSession>();
  /** `initialize` requests being answered, counted against `maxSessions` before their session exists. */
  private opening = 0;
  private closed = false;
  private readonly callers = new WeakMap<Request, CallerContext>();

  constructor(
    private readonly store: SessionStore,
    private readonly policy: SessionPolicy,
    private readonly build: SessionServerFactory,
  ) {}

  /** Serves a 2025-era POST, GET (the notification stream) or DELETE (end of session). */
  async serve(request: Request, caller: CallerContext, body: unknown, respond: Respond): Promise<void> {
    if (this.closed) return respond(shuttingDown());
    let parsed = body;
    if (parsed === undefined && request.method === 'POST') {
      const read = await readRequestBody(request);
      if (read.tooLarge) return respond(unreadableBody(true));
      try {
        parsed = JSON.parse(read.text);
      } catch {
        return respond(unreadableBody(false));
      }
    }
    const id = request.headers.get('mcp-session-id');
    if (id) return this.serveSession(id, request, caller, parsed, respond);
    if (request.method === 'POST' && isInitializeRequest(parsed)) {
      return this.open(request, caller, parsed, respond);
    }
    return respond(sessionIdMissing());
  }

  /** Sends `notifications/tools/list_changed` on every session's GET stream. */
  toolsChanged(): void {
    for (const session of this.live.values()) {
      session.server.sendToolListChanged().catch(() => undefined);
    }
  }

  /** Refuses new requests (503) from now on. */
  stopAccepting(): void {
    this.closed = true;
  }

  /** Ends every session: their GET streams close, their records are deleted. */
  async closeAll(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.live.values()].map((session) => this.end(session)));
  }

  private async serveSession(
    id: string,
    request: Request,
    caller: CallerContext,
    body: unknown,
    respond: Respond,
  ): Promise<void> {
    const session = this.live.get(id);
    const record = session && (await this.store.get(id));
    if (!session || !record || record.owner !== this.ownerOf(caller)) return respond(sessionNotFound());
    await this.store.touch(id, Date.now());
    this.callers.set(request, caller);
    const counts = request.method === 'POST';
    if (counts) session.active++;
    try {
      await respond(await session.transport.handleRequest(request, { parsedBody: body }));
    } finally {
      if (counts) session.active--;
      this.armIdleTimer(session);
    }
  }

  private async open(request: Request, caller: CallerContext, body: unknown, respond: Respond) {
    const requestId = (body as { id?: string | number }).id ?? null;
    if ((await this.store.count()) + this.opening >= this.policy.maxSessions) {
      return respond(sessionsFull(this.policy.maxSessions, requestId));
    }
    this.opening++;
    let response: Response;
    try {
      const created = this.build((req) => (req && this.callers.get(req)) ?? caller);
      const transport: WebStandardStreamableHTTPServerTransport =
        new WebStandardStreamableHTTPServerTransport({
          sessionIdGenerator: () => randomUUID(),
          onsessioninitialized: (sessionId): Promise<void> =>
            this.register(sessionId, created, transport, caller),
        });
      // The SDK's close hook (a property, not an event): DELETE, idle timeout or shutdown closed the server.
      // oxlint-disable-next-line unicorn/prefer-add-event-listener -- the SDK has no event API here
      created.onclose = () => {
        if (transport.sessionId) this.forget(transport.sessionId);
      };
      await created.connect(transport);
      this.callers.set(request, caller);
      response = await transport.handleRequest(request, { parsedBody: body });
    } finally {
      this.opening--;
    }
    await respond(response);
  }

  private async register(
    id: string,
    server: Server,
    transport: WebStandardStreamableHTTPServerTransport,
    caller: CallerContext,
  ): Promise<void> {
    const now = Date.now();
    const owner = this.ownerOf(caller);
    await this.store.create({ id, createdAt: now, lastSeenAt: now, ...(owner ? { owner } : {}) });
    const session: LiveSession = {
      id,
      server,
      transport,
      active: 0,
      idle: new IdleTimer(
        this.policy.idleTimeoutMs,
        () => session.active > 0,
        () => void this.end(session),
      ),
    };
    this.live.set(id, session);
    this.armIdleTimer(session);
  }

  private armIdleTimer(session: LiveSession): void {
    if (this.live.has(session.id)) session.idle.arm();
  }

  private async end(session: LiveSession): Promise<void> {
    try {
      await session.server.close();
    } catch (error) {
      logger.warn(`Closing MCP session ${session.id} failed: ${(error as Error).message}`);
    }
    this.forget(session.id);
  }

  /** Drops a closed session (DELETE, idle timeout, shutdown). */
  private forget(id: string): void {
    const session = this.live.get(id);
    if (!session) return;
    session.idle.clear();
    this.live.delete(id);
    this.store.delete(id).catch((error: Error) => {
      logger.warn(`Deleting MCP session ${id} from the store failed: ${error.message}`);
    });
  }

  /** Who the caller is (see `sessionOwner`), or nothing when the endpoint has no auth. */
  private ownerOf(caller: CallerContext): string | undefined {
    return this.policy.bindToCredentials ? sessionOwner(caller.headers.authorization) : undefined;
  }
}
