import { isPlainObject, jsonKind } from '../catalog/plain-values.js';
import { JsonRpcErrorCode } from './json-rpc.js';

/** The first protocol revision without JSON-RPC batching (2025-06-18 removed it from the spec). */
export const FIRST_VERSION_WITHOUT_BATCHES = '2025-06-18';
/** What a server assumes without an `MCP-Protocol-Version` header (Streamable HTTP, "backwards compatibility"). */
const ASSUMED_VERSION = '2025-03-26';

/** Why a parsed body is not something the transport should see: a JSON-RPC error to answer with. */
export interface EnvelopeError {
  readonly code: number;
  readonly message: string;
  /** The request's id when it is usable (a string or an integer), else `null`. */
  readonly id: string | number | null;
}

/**
 * Checks that a parsed POST body is a JSON-RPC 2.0 message as MCP uses them: a request, a notification or
 * a response, or (for clients older than 2025-06-18) a non-empty batch of them. Returns the error to answer
 * with, naming what is wrong, or `undefined` when the body is fine. The SDK would answer all of these
 * `-32700 Parse error`, which tells the client its JSON did not parse when it did.
 *
 * @param body the body as the adapter parsed it
 * @param headerVersion the request's `MCP-Protocol-Version` header, if any
 */
export function checkEnvelope(body: unknown, headerVersion?: string): EnvelopeError | undefined {
  if (!Array.isArray(body)) return checkMessage(body);
  if (body.length === 0) {
    return invalid('the body is an empty array; send one JSON-RPC message object');
  }
  const version = headerVersion ?? initializeVersion(body) ?? ASSUMED_VERSION;
  if (version >= FIRST_VERSION_WITHOUT_BATCHES) {
    return invalid(
      `JSON-RPC batches are not supported in protocol version ${version} (batching was removed in ` +
        `${FIRST_VERSION_WITHOUT_BATCHES}); send one message per POST`,
    );
  }
  for (const [index, item] of body.entries()) {
    const error = checkMessage(item);
    if (error)
      return {
        ...error,
        message: error.message.replace(/^Invalid (\w+):/, `Invalid $1: batch item ${index}:`),
      };
  }
  return undefined;
}

function checkMessage(message: unknown): EnvelopeError | undefined {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return invalid(`expected a JSON-RPC message object, got ${describe(message)}`);
  }
  const fields = message as Record<string, unknown>;
  const id = usableId(fields.id);
  if (fields.jsonrpc !== '2.0') {
    return invalid(`"jsonrpc" must be "2.0", got ${describe(fields.jsonrpc)}`, id);
  }
  if ('id' in fields && id === null) {
    return invalid(`"id" must be a string or an integer, got ${describe(fields.id)}`);
  }
  if ('method' in fields) {
    if (typeof fields.method !== 'string' || fields.method === '') {
      return invalid(`"method" must be a non-empty string, got ${describe(fields.method)}`, id);
    }
    if ('params' in fields && !isPlainObject(fields.params)) {
      return {
        code: JsonRpcErrorCode.InvalidParams,
        message: `Invalid params: "params" must be an object (named parameters), got ${describe(fields.params)}`,
        id,
      };
    }
    return undefined;
  }
  const hasResult = 'result' in fields;
  const hasError = 'error' in fields;
  if (!hasResult && !hasError) {
    return invalid(
      'a message needs a "method" (a request or notification) or a "result" or "error" (a response)',
      id,
    );
  }
  if (id === null && !hasError) return invalid('a response needs an "id" (a string or an integer)');
  if (hasResult && hasError) return invalid('a response has either "result" or "error", not both', id);
  return undefined;
}

/** The protocol version an `initialize` request in a batch asks for. */
function initializeVersion(batch: readonly unknown[]): string | undefined {
  for (const item of batch) {
    const fields = isPlainObject(item) ? item : {};
    const params = isPlainObject(fields.params) ? fields.params : {};
    if (fields.method === 'initialize' && typeof params.protocolVersion === 'string') {
      return params.protocolVersion;
    }
  }
  return undefined;
}

function usableId(id: unknown): string | number | null {
  return typeof id === 'string' || Number.isSafeInteger(id) ? (id as string | number) : null;
}

function invalid(what: string, id: string | number | null = null): EnvelopeError {
  return { code: JsonRpcErrorCode.InvalidRequest, message: `Invalid Request: ${what}`, id };
}

/** A JSON value for an error message: its kind, and the value itself when it is a short scalar. */
function describe(value: unknown): string {
  if (typeof value === 'object' || value === undefined) return jsonKind(value);
  const text = JSON.stringify(value);
  return `${typeof value === 'number' ? 'the number' : jsonKind(value)} ${text.length > 40 ? `${text.slice(0, 40)}…` : text}`;
}
