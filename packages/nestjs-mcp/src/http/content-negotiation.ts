import type { IncomingMessage } from 'node:http';
import { JsonRpcErrorCode } from '../protocol/json-rpc.js';

/** The answer to a body that is not `application/json`, whichever layer notices. */
export const UNSUPPORTED_MEDIA_TYPE = 'Unsupported Media Type: Content-Type must be application/json';

/** An HTTP-level refusal: status, JSON-RPC code and message. */
export interface HttpRefusal {
  readonly status: number;
  readonly code: number;
  readonly message: string;
}

/**
 * The Streamable HTTP transport's header checks (406, then 415), made before the body is looked at so that
 * their answer does not depend on the body or on the adapter; the messages are the SDK's.
 *
 * @param checkContentType also check `Content-Type` (a 415 answer), not only `Accept` (406)
 */
export function headerRefusal(req: IncomingMessage, checkContentType = true): HttpRefusal | undefined {
  const accept = firstHeaderValue(req, 'accept') ?? '';
  if (!accept.includes('application/json') || !accept.includes('text/event-stream')) {
    return {
      status: 406,
      code: JsonRpcErrorCode.ServerError,
      message: 'Not Acceptable: Client must accept both application/json and text/event-stream',
    };
  }
  return checkContentType ? contentTypeRefusal(req) : undefined;
}

/** 415 unless the body is JSON in UTF-8. */
export function contentTypeRefusal(req: IncomingMessage): HttpRefusal | undefined {
  const contentType = firstHeaderValue(req, 'content-type') ?? '';
  // What clients send, checked on every request before taking the header apart.
  if (contentType === 'application/json') return undefined;
  const [essence, ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (essence !== 'application/json') {
    return { status: 415, code: JsonRpcErrorCode.ServerError, message: UNSUPPORTED_MEDIA_TYPE };
  }
  // JSON is UTF-8 (RFC 8259); Express refuses other charsets and Fastify would misread them.
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice('charset='.length);
  if (charset !== undefined && !['utf-8', 'utf8', '"utf-8"'].includes(charset)) {
    return {
      status: 415,
      code: JsonRpcErrorCode.ServerError,
      message: `${UNSUPPORTED_MEDIA_TYPE} in UTF-8, got charset=${charset}`,
    };
  }
  return undefined;
}

/** The first value of a request header that may be repeated (Node gives some repeated headers as arrays). */
export function firstHeaderValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
