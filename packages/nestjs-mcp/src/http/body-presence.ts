import type { IncomingMessage, ServerResponse } from 'node:http';
import { isPlainObject } from '../catalog/plain-values.js';
import { contentEncoding } from './content-decoding.js';
import { pathOf } from './path-variants.js';

/** The answer to a POST without a body, the same whichever adapter notices. */
export const EMPTY_BODY_MESSAGE = 'Parse error: the request body is empty; send one JSON-RPC message';

const RECEIVED = Symbol('nestjs-mcp.receivedBody');

/** What the body parser read: bytes off the request, and bytes out of its decoder when it decompressed. */
interface ReceivedBody {
  bytes: number;
  decoded?: number;
}

interface CountedRequest extends IncomingMessage {
  [RECEIVED]?: ReceivedBody;
}

type ExpressMiddleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * Express middleware, registered before the app's body parser: counts the body bytes of a POST to an MCP
 * endpoint as the parser reads them. Express's JSON parser turns an empty body into `{}`, so an empty
 * chunked body (whose headers announce a body) would read as the message `{}`, where Fastify refuses it as
 * empty; headers cannot tell the two apart, the bytes read can.
 */
export function countBodyBytes(isEndpoint: (path: string) => boolean): ExpressMiddleware {
  return (req, _res, next) => {
    if (req.method === 'POST' && !req.readableEnded && isEndpoint(pathOf(req.url))) {
      const received: ReceivedBody = { bytes: 0 };
      (req as CountedRequest)[RECEIVED] = received;
      countEmitted(req, (length) => (received.bytes += length));
      // A compressed body is read through a decoder piped from the request: its output is the body.
      if (contentEncoding(req.headers) === 'identity') return next();
      const pipe = req.pipe;
      req.pipe = function (this: IncomingMessage, ...args: Parameters<IncomingMessage['pipe']>) {
        received.decoded ??= 0;
        countEmitted(args[0], (length) => (received.decoded! += length));
        return Reflect.apply(pipe, this, args) as ReturnType<IncomingMessage['pipe']>;
      } as IncomingMessage['pipe'];
    }
    next();
  };
}

/**
 * Counts the 'data' a stream emits. Wrapping `emit` rather than adding a 'data' listener, which would set
 * the stream flowing before the parser listens, and lose what flowed meanwhile.
 */
function countEmitted(stream: NodeJS.EventEmitter, count: (length: number) => void): void {
  const emit = stream.emit;
  stream.emit = function (this: unknown, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'data') count((args[0] as { length: number }).length);
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  };
}

/**
 * Whether a POST came without a body: nothing parsed, or Express's `{}` for an empty body, and none read
 * where the bytes were counted (see `countBodyBytes`); otherwise, as the headers announce (`type-is`'s
 * rule, which Express's parser follows).
 */
export function isBodyEmpty(req: IncomingMessage, body: unknown): boolean {
  if (body !== undefined && !(isPlainObject(body) && Object.keys(body).length === 0)) return false;
  const received = (req as CountedRequest)[RECEIVED];
  if (received && req.readableEnded) return (received.decoded ?? received.bytes) === 0;
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] === undefined && (length === undefined || length === '0');
}
