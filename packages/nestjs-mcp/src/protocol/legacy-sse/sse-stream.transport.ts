import type { ServerResponse } from 'node:http';
import type { JSONRPCMessage, MessageExtraInfo, Transport } from '@modelcontextprotocol/server';

/** A comment line every so often keeps proxies and load balancers from closing a quiet stream. */
const KEEP_ALIVE_MS = 15_000;

type RequestId = string | number;

/**
 * The 2024-11-05 HTTP+SSE transport of one session (the SDK's v2 line has none): server-to-client messages
 * are `message` events on the session's open `GET` response, opened by an `endpoint` event that tells the
 * client where to POST; client-to-server messages arrive through {@link receive} from those POSTs.
 */
export class SseStreamTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: Transport['onmessage'];

  /** Requests received and not answered yet: shutdown waits for them. */
  private readonly unanswered = new Set<RequestId>();
  private settledWaiters: Array<() => void> = [];
  private keepAlive?: NodeJS.Timeout;
  private closed = false;

  constructor(
    readonly sessionId: string,
    private readonly res: ServerResponse,
    /** Where the client POSTs its messages, e.g. `/api/sse/messages?session_id=…`. */
    private readonly messagesUrl: string,
  ) {}

  /** Opens the stream and announces the messages URL (the SDK calls this on `connect`). */
  async start(): Promise<void> {
    // `no-transform`: compression middleware leaves the stream alone instead of buffering events;
    // `X-Accel-Buffering: no` tells nginx (and proxies that follow it) to pass each event on at once.
    this.res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    this.res.once('close', () => void this.close());
    this.write(`event: endpoint\ndata: ${this.messagesUrl}\n\n`);
    this.keepAlive = setInterval(() => this.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    this.keepAlive.unref();
  }

  async send(message: JSONRPCMessage): Promise<void> {
    if (this.closed) throw new Error(`MCP SSE session ${this.sessionId} is closed.`);
    this.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
    if (('result' in message || 'error' in message) && message.id !== null && message.id !== undefined) {
      this.settle(message.id);
    }
  }

  /** A message the client POSTed; `request` identifies the POST (its caller is looked up by it). */
  receive(message: JSONRPCMessage, request: Request): void {
    if ('method' in message && 'id' in message) this.unanswered.add(message.id);
    if ('method' in message && message.method === 'notifications/cancelled') {
      const cancelled = (message.params as { requestId?: RequestId } | undefined)?.requestId;
      if (cancelled !== undefined) this.settle(cancelled);
    }
    const extra: MessageExtraInfo = { request };
    this.onmessage?.(message, extra);
  }

  /** Whether a request received is still unanswered (an idle timeout then waits for it). */
  get busy(): boolean {
    return this.unanswered.size > 0;
  }

  /** Resolves once every request received so far is answered (or the stream closed). */
  answered(): Promise<void> {
    if (this.unanswered.size === 0 || this.closed) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.keepAlive);
    this.unanswered.clear();
    this.wakeWaiters();
    if (!this.res.writableEnded) this.res.end();
    this.onclose?.();
  }

  private settle(id: RequestId): void {
    this.unanswered.delete(id);
    if (this.unanswered.size === 0) this.wakeWaiters();
  }

  private wakeWaiters(): void {
    const waiters = this.settledWaiters;
    this.settledWaiters = [];
    for (const wake of waiters) wake();
  }

  private write(chunk: string): void {
    if (this.res.writableEnded || this.res.destroyed) return;
    this.res.write(chunk);
    // Compression middleware's way to push what it holds (`compression()` on Express).
    (this.res as ServerResponse & { flush?: () => void }).flush?.();
  }
}
