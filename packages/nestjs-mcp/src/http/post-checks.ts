import { checkEnvelope } from '../protocol/envelope.js';
import { JsonRpcErrorCode, writeJsonRpcError } from '../protocol/json-rpc.js';
import { paramsRefusal } from '../protocol/params.guard.js';
import { EMPTY_BODY_MESSAGE, isBodyEmpty } from './body-presence.js';
import { firstHeaderValue, headerRefusal } from './content-negotiation.js';
import type { HttpExchange } from './http-exchange.js';

/**
 * Answers a POST to the endpoint that the MCP transport should not see, the same on both adapters: the
 * transport's header checks (406, 415), an empty body (-32700), a body that is valid JSON but no JSON-RPC
 * message (-32600, -32602, where the SDK would say -32700), a request whose params are wrong (-32602, in
 * band). Returns whether it answered.
 */
export function answeredBeforeTransport({ req, res, body }: HttpExchange): boolean {
  const refusal = headerRefusal(req);
  if (refusal) {
    writeJsonRpcError(res, refusal.status, refusal.code, refusal.message);
    return true;
  }
  if (isBodyEmpty(req, body)) {
    writeJsonRpcError(res, 400, JsonRpcErrorCode.ParseError, EMPTY_BODY_MESSAGE);
    return true;
  }
  if (body === undefined) return false;
  const error = checkEnvelope(body, firstHeaderValue(req, 'mcp-protocol-version'));
  if (error) {
    writeJsonRpcError(res, 400, error.code, error.message, {}, error.id);
    return true;
  }
  const wrongParams = paramsRefusal(body);
  if (!wrongParams) return false;
  writeJsonRpcError(res, 200, JsonRpcErrorCode.InvalidParams, wrongParams.message, {}, wrongParams.id);
  return true;
}
