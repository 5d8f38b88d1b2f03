import type { ServerResponse } from 'node:http';
import { JsonRpcErrorCode, writeJsonRpcError } from '../protocol/json-rpc.js';

interface BodyError {
  status?: number;
  statusCode?: number;
  type?: string;
  code?: string;
  message?: string;
}

/**
 * A request body the adapter could not read (malformed JSON, too large, unsupported encoding or media
 * type), as JSON-RPC: MCP clients get an error they can read instead of the app's error page.
 * Returns false for any other error.
 */
export function writeBodyError(error: unknown, res: ServerResponse): boolean {
  const failure = error as BodyError | undefined;
  if (!failure || typeof failure !== 'object') return false;
  const status = failure.statusCode ?? failure.status;
  const fromExpress = typeof failure.type === 'string' && failure.type.startsWith('entity.');
  const fromFastify = typeof failure.code === 'string' && failure.code.startsWith('FST_ERR_CTP_');
  const malformedJson = error instanceof SyntaxError && status === 400;
  if (!status || !(fromExpress || fromFastify || malformedJson || failure.type?.endsWith('.unsupported'))) {
    return false;
  }
  if (malformedJson || failure.type === 'entity.parse.failed' || failure.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    writeJsonRpcError(res, 400, JsonRpcErrorCode.ParseError, `Parse error: ${failure.message ?? 'invalid JSON'}`);
    return true;
  }
  writeJsonRpcError(res, status, JsonRpcErrorCode.InvalidRequest, `Invalid request body: ${failure.message}`);
  return true;
}
