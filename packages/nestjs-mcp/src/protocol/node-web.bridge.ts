import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

/**
 * The SDK's HTTP entry is web-standard (`Request` → `Response`); Nest hands us Node's `req`/`res`. This
 * bridge is the few lines that the SDK's Node adapter (`@modelcontextprotocol/node`) would otherwise bring
 * along with a second HTTP framework (Hono).
 */

/**
 * A `Request` for the SDK with the Node request's method, URL and headers. When the app has already parsed
 * the body it is handed to the SDK as `parsedBody`, so the request carries none; otherwise the Node stream
 * becomes the body. `signal` aborts the SDK's work when the client goes away.
 */
export function toWebRequest(req: IncomingMessage, signal: AbortSignal, streamBody: boolean): Request {
  // Name-value pairs, which the `Request` appends to its own headers: a `Headers` built here would be
  // copied (and sorted) again by the `Request`.
  const headers: [string, string][] = [];
  for (const name in req.headers) {
    const value = req.headers[name];
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.push([name, item]);
    else headers.push([name, value]);
  }
  const method = req.method ?? 'POST';
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal };
  if (streamBody && method !== 'GET' && method !== 'HEAD') {
    init.body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
    init.duplex = 'half';
  }
  return new Request(requestUrl(req), init);
}

/** The request's URL; its host only matters to the SDK as text, so one that does not parse is replaced. */
function requestUrl(req: IncomingMessage): string {
  const path = req.url?.startsWith('/') ? req.url : '/';
  try {
    return new URL(path, `http://${req.headers.host ?? 'localhost'}`).href;
  } catch {
    return new URL(path, 'http://localhost').href;
  }
}

/**
 * Rewrites the bytes of an answer: a whole JSON body, or each chunk of an SSE stream (one event each), into
 * the pieces to write in its place.
 */
export interface BodyRewrite {
  splice(chunk: Uint8Array): readonly Uint8Array[];
}

/**
 * Writes the SDK's `Response` to the Node response: a JSON answer in one write, an SSE stream chunk by
 * chunk as the SDK produces it (progress and logs before the result). Stops reading when the client leaves.
 */
export async function writeWebResponse(
  response: Response,
  res: ServerResponse,
  rewrite?: BodyRewrite,
): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  if (!response.body) {
    res.writeHead(response.status, headers).end();
    return;
  }
  if (!isEventStream(response)) {
    const read = Buffer.from(await response.arrayBuffer());
    const pieces = rewrite ? rewrite.splice(read) : [read];
    const length = pieces.reduce((sum, piece) => sum + piece.length, 0);
    res.writeHead(response.status, { ...headers, 'content-length': String(length) });
    endWithPieces(res, pieces);
    return;
  }
  const reader = response.body.getReader();
  const stop = () => void reader.cancel().catch(() => undefined);
  // A client gone before the stream starts would otherwise leave it open (a listen stream never ends).
  if (res.destroyed) {
    stop();
    return;
  }
  // `no-transform`: compression middleware (`compression()` on Express) leaves the stream alone instead of
  // holding events in its buffer; `flush()` is that middleware's way to push what it has.
  res.writeHead(response.status, { ...headers, 'cache-control': 'no-cache, no-transform' });
  res.flushHeaders();
  res.once('close', stop);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || res.destroyed) break;
      if (rewrite) writePieces(res, rewrite.splice(value));
      else res.write(value);
      (res as ServerResponse & { flush?: () => void }).flush?.();
    }
  } finally {
    res.off('close', stop);
    res.end();
  }
}

/**
 * Ends `res` with `pieces` in one write (writev), as one buffer would be, without copying them into one
 * (`end` uncorks).
 */
export function endWithPieces(res: ServerResponse, pieces: readonly Uint8Array[]): void {
  if (pieces.length > 1) {
    res.cork();
    for (const piece of pieces.slice(0, -1)) res.write(piece);
  }
  res.end(pieces.at(-1));
}

/** The pieces in one write (writev), as one buffer would be: an SSE event leaves whole. */
function writePieces(res: ServerResponse, pieces: readonly Uint8Array[]): void {
  if (pieces.length === 1) {
    res.write(pieces[0]);
    return;
  }
  res.cork();
  for (const piece of pieces) res.write(piece);
  res.uncork();
}

function isEventStream(response: Response): boolean {
  return (response.headers.get('content-type') ?? '').startsWith('text/event-stream');
}
