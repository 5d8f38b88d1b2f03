import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallerContext } from '../calls/caller.js';

/** One MCP HTTP request as plain Node objects, whatever the adapter. */
export interface HttpExchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** The body as the adapter parsed it (undefined when the app does not parse bodies). */
  readonly body: unknown;
  readonly caller: CallerContext;
}

interface ExpressRequest extends IncomingMessage {
  body?: unknown;
  ip?: string;
}

interface FastifyRequestLike {
  raw: IncomingMessage;
  body?: unknown;
  ip?: string;
}

interface FastifyReplyLike {
  raw: ServerResponse;
  hijack(): void;
}

/**
 * Unwraps the adapter's request and response. On Fastify the reply is hijacked, so Fastify leaves the raw
 * response to the MCP transport.
 */
export function toHttpExchange(request: unknown, response: unknown): HttpExchange {
  if (isFastifyReply(response)) {
    const req = request as FastifyRequestLike;
    response.hijack();
    return {
      req: req.raw,
      res: response.raw,
      body: req.body,
      caller: { headers: req.raw.headers, remoteAddress: req.ip },
    };
  }
  const req = request as ExpressRequest;
  return {
    req,
    res: response as ServerResponse,
    body: req.body,
    caller: { headers: req.headers, remoteAddress: req.ip ?? req.socket?.remoteAddress },
  };
}

function isFastifyReply(response: unknown): response is FastifyReplyLike {
  return typeof (response as FastifyReplyLike).hijack === 'function' && 'raw' in (response as object);
}
