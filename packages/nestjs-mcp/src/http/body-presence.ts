import type { IncomingMessage } from 'node:http';
import { isPlainObject } from '../catalog/plain-values.js';

/** The answer to a POST without a body, the same whichever adapter notices. */
export const EMPTY_BODY_MESSAGE = 'Parse error: the request body is empty; send one JSON-RPC message';

const RECEIVED = Symbol('nestjs-mcp.receivedBody');

interface CountedRequest extends IncomingMessage {
  /** Body bytes read (decoded), when the endpoint read the body itself (see `readJsonBody`). */
  [RECEIVED]?: number;
}

/**
 * Records how many body bytes were read. An empty chunked body announces a body in its headers; only the
 * bytes read tell it from a message, as Fastify does when it refuses an empty body.
 */
export function recordBodyBytes(req: IncomingMessage, bytes: number): void {
  (req as CountedRequest)[RECEIVED] = bytes;
}

/**
 * Whether a POST came without a body: nothing parsed, or Express's `{}` for an empty body, and none read
 * where the bytes were counted (see `recordBodyBytes`); otherwise, as the headers announce (`type-is`'s
 * rule, which Express's parser follows).
 */
export function isBodyEmpty(req: IncomingMessage, body: unknown): boolean {
  if (body !== undefined && !(isPlainObject(body) && Object.keys(body).length === 0)) return false;
  const received = (req as CountedRequest)[RECEIVED];
  if (received !== undefined) return received === 0;
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] === undefined && (length === undefined || length === '0');
}
