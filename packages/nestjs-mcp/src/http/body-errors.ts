import type { IncomingMessage, ServerResponse } from 'node:http';
import { JsonRpcErrorCode, writeJsonRpcError } from '../protocol/json-rpc.js';
import { checkEnvelope } from '../protocol/envelope.js';
import { EMPTY_BODY_MESSAGE } from './body-presence.js';
import { headerRefusal, UNSUPPORTED_MEDIA_TYPE } from './content-negotiation.js';
import { contentEncoding } from './content-decoding.js';

interface BodyError {
  status?: number;
  statusCode?: number;
  /** body-parser (Express) error type, e.g. `entity.parse.failed`. */
  type?: string;
  /** Fastify error code, e.g. `FST_ERR_CTP_INVALID_JSON_BODY`; zlib's, e.g. `Z_DATA_ERROR`. */
  code?: string;
  message?: string;
  encoding?: string;
  /** The text body-parser could not parse. */
  body?: unknown;
  /** The limit a body went over (body-parser's and the endpoint's own errors say it). */
  limit?: number;
}

/** A JSON-RPC error answer: HTTP status, JSON-RPC code, message. */
export interface BodyErrorAnswer {
  readonly status: number;
  readonly code: number;
  readonly message: string;
}

const NOT_JSON = 'Parse error: the request body is not valid JSON';
/** The 413 message; the limit is the endpoint's `maxRequestBytes` unless the app read the body first. */
function tooLarge(limit: number | undefined): string {
  const bytes = limit === undefined ? '' : ` of ${limit} bytes`;
  return (
    `Payload Too Large: the request body is over this MCP endpoint's limit${bytes}. Send a smaller ` +
    'message, or raise the McpModule option maxRequestBytes.'
  );
}

/**
 * The JSON-RPC answer to a request body the adapter could not read (malformed or empty JSON, undecodable or
 * unsupported content encoding, too large, unsupported media type): the same status, code and message on
 * Express and Fastify, so MCP clients get an error they can read instead of the app's error page.
 * `undefined` for any other error.
 */
export function bodyErrorAnswer(
  error: unknown,
  req: IncomingMessage,
  limit?: number,
  negotiates = true,
): BodyErrorAnswer | undefined {
  const answer = answerFor(error, req, limit);
  // As on a body that parsed: a client that cannot read the answer hears that first (406). The legacy SSE
  // transport's POSTs are answered 202 with the result on the stream, so their Accept does not matter.
  return answer && ((negotiates ? headerRefusal(req, false) : undefined) ?? answer);
}

function answerFor(error: unknown, req: IncomingMessage, limit?: number): BodyErrorAnswer | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const failure = error as BodyError;
  const status = failure.statusCode ?? failure.status;
  if (!status) return undefined;
  const kind = failure.type ?? failure.code ?? '';
  switch (kind) {
    case 'entity.parse.failed': {
      // Express's strict JSON parser refuses JSON that is not an object or array: valid JSON, wrong message.
      const refused = parsedElsewhere(failure.body);
      if (refused) return refused;
      return { status: 400, code: JsonRpcErrorCode.ParseError, message: `${NOT_JSON} (${failure.message})` };
    }
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, code: JsonRpcErrorCode.ParseError, message: NOT_JSON };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, code: JsonRpcErrorCode.ParseError, message: EMPTY_BODY_MESSAGE };
    case 'entity.too.large':
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: JsonRpcErrorCode.ServerError, message: tooLarge(failure.limit ?? limit) };
    case 'encoding.unsupported':
      return {
        status: 415,
        code: JsonRpcErrorCode.ServerError,
        message:
          `Unsupported Content-Encoding: ${failure.encoding ?? contentEncoding(req.headers)}; ` +
          'send the body as identity, gzip, deflate or br',
      };
    case 'charset.unsupported':
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return (
        headerRefusal(req) ?? {
          status: 415,
          code: JsonRpcErrorCode.ServerError,
          message: UNSUPPORTED_MEDIA_TYPE,
        }
      );
  }
  const encoding = contentEncoding(req.headers);
  if (
    status === 400 &&
    encoding !== 'identity' &&
    !kind.startsWith('FST_ERR_') &&
    !kind.startsWith('entity.')
  ) {
    // zlib failed on the body (Express's parser and our Fastify decoder both surface zlib's error).
    return {
      status: 400,
      code: JsonRpcErrorCode.ParseError,
      message: `Parse error: the request body is not valid ${encoding} data (Content-Encoding: ${encoding})`,
    };
  }
  if (error instanceof SyntaxError && status === 400) {
    return { status: 400, code: JsonRpcErrorCode.ParseError, message: `${NOT_JSON} (${failure.message})` };
  }
  const fromBodyParser = /^(entity|request|stream|charset|encoding)\./.test(kind);
  if (fromBodyParser || kind.startsWith('FST_ERR_CTP_')) {
    return {
      status,
      code: JsonRpcErrorCode.ServerError,
      message: `Invalid request body: ${failure.message}`,
    };
  }
  return undefined;
}

/** Writes a body error's answer. */
export function writeBodyErrorAnswer(res: ServerResponse, answer: BodyErrorAnswer): void {
  writeJsonRpcError(res, answer.status, answer.code, answer.message);
}

/** The envelope error for a body that is valid JSON after all (a bare number, string, boolean or null). */
function parsedElsewhere(text: unknown): BodyErrorAnswer | undefined {
  if (typeof text !== 'string') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const error = checkEnvelope(value);
  return error && { status: 400, code: error.code, message: error.message };
}
