import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { recordBodyBytes } from './body-presence.js';
import { contentEncoding, DECODERS, UnsupportedContentEncodingError } from './content-decoding.js';
import { firstHeaderValue } from './content-negotiation.js';

/** A body over `maxRequestBytes`, shaped like body-parser's error so the body-error bridge answers it. */
export class RequestTooLargeError extends Error {
  readonly status = 413;
  readonly type = 'entity.too.large';
  constructor(readonly limit: number) {
    super(`request entity too large (limit ${limit} bytes)`);
  }
}

/** A body that is not JSON, shaped like body-parser's `entity.parse.failed` (with the text it read). */
class JsonParseError extends Error {
  readonly status = 400;
  readonly type = 'entity.parse.failed';
  constructor(
    message: string,
    readonly body: string,
  ) {
    super(message);
  }
}

type Done = (error?: unknown) => void;

/**
 * Express: reads a JSON POST to the MCP endpoint with the endpoint's own limit (`maxRequestBytes`) before
 * the app's body parser runs, and sets `req.body`. Express's parser then skips the request (body-parser
 * leaves a request whose body has been read), so the app's limit (100 kB by default) does not apply to MCP
 * messages, and the endpoint reads its body the same with `bodyParser: false`. gzip, deflate and br bodies
 * are decoded, the limit applying to the decoded bytes as on Fastify. Errors go to `done` shaped like
 * body-parser's, for the body-error bridge to answer. Other media types are left alone: the endpoint
 * answers them 415.
 */
export function readJsonBody(req: IncomingMessage & { body?: unknown }, limit: number, done: Done): void {
  if (req.method !== 'POST' || req.readableEnded || !isJson(req) || !announcesBody(req)) return done();
  const encoding = contentEncoding(req.headers);
  const createDecoder = encoding === 'identity' ? undefined : DECODERS[encoding];
  if (encoding !== 'identity' && !createDecoder) return done(new UnsupportedContentEncodingError(encoding));
  const length = Number(req.headers['content-length']);
  if (encoding === 'identity' && length > limit) return drainThen(req, done, new RequestTooLargeError(limit));

  const decoder = createDecoder?.();
  const source: Readable = decoder ?? req;
  const chunks: Buffer[] = [];
  let encoded = 0;
  let decoded = 0;
  let finished = false;
  const finish = (error?: unknown) => {
    if (finished) return;
    finished = true;
    if (decoder) {
      req.unpipe(decoder);
      decoder.destroy();
    }
    if (error) return drainThen(req, done, error);
    const body = Buffer.concat(chunks).toString('utf8');
    recordBodyBytes(req, decoded);
    if (decoded === 0) return done();
    try {
      req.body = JSON.parse(body);
    } catch (parseError) {
      return done(new JsonParseError((parseError as Error).message, body));
    }
    done();
  };
  if (decoder) {
    req.on('data', (chunk: Buffer) => {
      encoded += chunk.length;
      if (encoded > limit) finish(new RequestTooLargeError(limit));
    });
    req.pipe(decoder);
    // zlib's own errors (Z_DATA_ERROR …) are the client's: a 400 naming the encoding.
    decoder.on('error', (error) => finish(Object.assign(error, { status: 400 })));
  }
  source.on('data', (chunk: Buffer) => {
    if (finished) return;
    decoded += chunk.length;
    if (decoded > limit) return finish(new RequestTooLargeError(limit));
    chunks.push(chunk);
  });
  source.on('end', () => finish());
  req.on('error', (error) => finish(Object.assign(error, { status: 400, type: 'request.aborted' })));
}

/** Reads off the rest of the request before answering, as body-parser does, so the client hears the answer. */
function drainThen(req: IncomingMessage, done: Done, error: unknown): void {
  if (req.readableEnded || req.destroyed) return done(error);
  let called = false;
  const answer = () => {
    if (called) return;
    called = true;
    done(error);
  };
  req.once('end', answer);
  req.once('close', answer);
  req.resume();
}

function isJson(req: IncomingMessage): boolean {
  const type = firstHeaderValue(req, 'content-type') ?? '';
  return type.split(';', 1)[0]!.trim().toLowerCase() === 'application/json';
}

/** `type-is`'s rule, which Express's parser follows: a body is announced by its length or chunking. */
function announcesBody(req: IncomingMessage): boolean {
  return (
    req.headers['transfer-encoding'] !== undefined ||
    (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0')
  );
}
