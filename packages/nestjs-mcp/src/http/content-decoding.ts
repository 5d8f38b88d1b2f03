import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** Decoders for the encodings Express's body parser reads; Fastify reads none of them by default. */
export const DECODERS: Readonly<Record<string, () => Transform>> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/** An encoding no decoder exists for; answered 415 like Express's `encoding.unsupported`. */
export class UnsupportedContentEncodingError extends Error {
  readonly statusCode = 415;
  readonly type = 'encoding.unsupported';
  constructor(readonly encoding: string) {
    super(`content encoding unsupported: ${encoding}`);
  }
}

type Done = (error: Error | null, payload?: Readable) => void;

/**
 * Fastify `preParsing` hook for the MCP endpoint's routes: decodes a gzip, deflate or br request body, so
 * clients that compress get the same answer as on Express. The decoded stream reports the encoded length,
 * which Fastify compares with `Content-Length`; Fastify's body limit applies to the decoded bytes.
 */
export function decodeRequestContent(
  request: { headers: IncomingMessage['headers'] },
  reply: { raw: ServerResponse },
  payload: Readable,
  done: Done,
): void {
  const encoding = contentEncoding(request.headers);
  if (encoding === 'identity') {
    done(null, payload);
    return;
  }
  const createDecoder = DECODERS[encoding];
  if (!createDecoder) {
    done(new UnsupportedContentEncodingError(encoding));
    return;
  }
  const decoder = createDecoder() as Transform & { receivedEncodedLength: number };
  decoder.receivedEncodedLength = 0;
  payload.on('data', (chunk: Buffer) => {
    decoder.receivedEncodedLength += chunk.length;
  });
  payload.on('error', (error) => decoder.destroy(error));
  payload.pipe(decoder);
  // Fastify stops reading at its body limit but leaves the stream flowing: stop decompressing when the
  // answer is out, so a small compressed body cannot keep a core busy inflating data nobody reads.
  reply.raw.once('close', () => {
    payload.unpipe(decoder);
    decoder.destroy();
  });
  done(null, decoder);
}

/** The request's `Content-Encoding`, lower-cased; `identity` when absent. */
export function contentEncoding(headers: IncomingMessage['headers']): string {
  return (headers['content-encoding'] ?? 'identity').trim().toLowerCase() || 'identity';
}
