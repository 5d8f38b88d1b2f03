import { checkEnvelope } from '../protocol/envelope.js';
import { JsonRpcErrorCode, writeJsonRpcError } from '../protocol/json-rpc.js';
import { paramsRefusal } from '../protocol/params.guard.js';
import { versionRefusal } from '../protocol/version-check.js';
import { EMPTY_BODY_MESSAGE, isBodyEmpty } from './body-presence.js';
import { firstHeaderValue, headerRefusal } from './content-negotiation.js';
import type { HttpExchange } from './http-exchange.js';

/**
 * Answers a POST to the endpoint that the MCP transport should not see, the same on both adapters: the
 * transport's header checks (406, 415), an empty body (-32700), a body that is valid JSON but no JSON-RPC
 * message (-32600, -32602, where the SDK would say -32700), a protocol version the endpoint does not serve
 * (400 listing the ones it does), a request whose params are wrong (-32602, in band). Returns whether it
 * answered.
 */
export function answeredBeforeTransport(
  { req, res, body }: HttpExchange,
  protocolVersions: readonly string[],
): boolean {
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
  const headerVersion = firstHeaderValue(req, 'mcp-protocol-version');
  const error = checkEnvelope(body, headerVersion);
  if (error) {
    writeJsonRpcError(res, 400, error.code, error.message, {}, error.id);
    return true;
  }
  const unsupported = versionRefusal(headerVersion, body, protocolVersions);
  if (unsupported) {
    const { code, message, id, data } = unsupported;
    writeJsonRpcError(res, 400, code, message, {}, id, data);
    return true;
  }
  const wrongParams = paramsRefusal(body);
  if (!wrongParams) return false;
  writeJsonRpcError(res, 200, JsonRpcErrorCode.InvalidParams, wrongParams.message, {}, wrongParams.id);
  return true;
}
