import type { ServerResponse } from 'node:http';
import { JsonRpcErrorCode, writeJsonRpcError } from '../protocol/json-rpc.js';

interface BodyError {
  status?: number;
  statusCode?: number;
  /** body-parser (Express) error type, e.g. `entity.parse.failed`. */
  type?: string;
  /** Fastify error code, e.g. `FST_ERR_CTP_INVALID_JSON_BODY`. */
  code?: string;
  message?: string;
}

const UNREADABLE_JSON = new Set([
  'entity.parse.failed',
  'FST_ERR_CTP_INVALID_JSON_BODY',
  'FST_ERR_CTP_EMPTY_JSON_BODY',
]);

/**
 * A request body the adapter could not read (malformed JSON, too large, unsupported encoding or media
 * type), answered as JSON-RPC: MCP clients get an error they can read instead of the app's error page.
 * Returns false, writing nothing, for any other error.
 */
export function writeBodyError(error: unknown, res: ServerResponse): boolean {
  if (!error || typeof error !== 'object') return false;
  const failure = error as BodyError;
  const status = failure.statusCode ?? failure.status;
  const kind = failure.type ?? failure.code ?? '';
  const fromBodyParser = kind.startsWith('entity.') || kind.endsWith('.unsupported');
  const fromFastifyParser = kind.startsWith('FST_ERR_CTP_');
  const malformedJson = UNREADABLE_JSON.has(kind) || (error instanceof SyntaxError && status === 400);
  if (!status || !(fromBodyParser || fromFastifyParser || malformedJson)) return false;

  if (malformedJson) {
    writeJsonRpcError(
      res,
      400,
      JsonRpcErrorCode.ParseError,
      `Parse error: ${failure.message ?? 'invalid JSON'}`,
    );
  } else {
    writeJsonRpcError(
      res,
      status,
      JsonRpcErrorCode.InvalidRequest,
      `Invalid request body: ${failure.message}`,
    );
  }
  return true;
}
