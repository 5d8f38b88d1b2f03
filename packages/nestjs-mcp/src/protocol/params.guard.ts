import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  CallToolRequestSchema,
  InitializeRequestSchema,
  ListToolsRequestSchema,
  PingRequestSchema,
  SetLevelRequestSchema,
  isJSONRPCRequest,
  type JSONRPCMessage,
} from '@modelcontextprotocol/sdk/types.js';
import { JsonRpcErrorCode } from './json-rpc.js';
import { describeIssues, type SchemaIssue } from './schema-issues.js';

interface RequestSchema {
  safeParse(value: unknown): { success: boolean; error?: { issues: readonly SchemaIssue[] } };
}

/** The requests this server answers, with the SDK's own schemas for them. */
const SCHEMAS: Readonly<Record<string, RequestSchema>> = {
  initialize: InitializeRequestSchema,
  ping: PingRequestSchema,
  'tools/list': ListToolsRequestSchema,
  'tools/call': CallToolRequestSchema,
  'logging/setLevel': SetLevelRequestSchema,
};

/**
 * Checks the params of each request before the SDK server sees it. The SDK answers wrong params with
 * `-32603 Internal error` and a raw Zod dump; this answers `-32602 Invalid params` with a readable message,
 * e.g. `Invalid params: params.name: required, a string (the tool's name)`. Call after `server.connect()`.
 */
export function guardParams(transport: Transport): void {
  const forward = transport.onmessage;
  // oxlint-disable-next-line unicorn/prefer-add-event-listener -- an SDK Transport has only `onmessage`
  transport.onmessage = (message, extra) => {
    const problem = paramsProblem(message);
    if (problem === undefined || !isJSONRPCRequest(message)) return forward?.(message, extra);
    const error = { code: JsonRpcErrorCode.InvalidParams, message: `Invalid params: ${problem}` };
    void transport.send({ jsonrpc: '2.0', id: message.id, error }, { relatedRequestId: message.id });
  };
}

/** Why a request's params are wrong, or `undefined` when they are fine or the method is not one of ours. */
export function paramsProblem(message: JSONRPCMessage): string | undefined {
  if (!isJSONRPCRequest(message)) return undefined;
  const schema = SCHEMAS[message.method];
  const checked = schema?.safeParse({ method: message.method, params: message.params });
  if (!checked || checked.success) return undefined;
  return describeIssues(message.method, checked.error?.issues ?? [], message.params);
}
