import { specTypeSchemas } from '@modelcontextprotocol/server';
import { isPlainObject } from '../catalog/plain-values.js';
import { describeIssues, type SchemaIssue } from './schema-issues.js';

/**
 * The SDK types its schemas as Standard Schemas, whose issues say less than Zod's (no `expected`); they are
 * Zod schemas, and their Zod issues make the readable messages.
 */
interface RequestSchema {
  safeParse(value: unknown): { success: boolean; error?: { issues: readonly SchemaIssue[] } };
}

const zod = (schema: unknown) => schema as RequestSchema;

/** The requests this server answers, with the SDK's own schemas for them. */
const SCHEMAS: Readonly<Record<string, RequestSchema>> = {
  initialize: zod(specTypeSchemas.InitializeRequest),
  ping: zod(specTypeSchemas.PingRequest),
  'server/discover': zod(specTypeSchemas.DiscoverRequest),
  'tools/list': zod(specTypeSchemas.ListToolsRequest),
  'tools/call': zod(specTypeSchemas.CallToolRequest),
  'logging/setLevel': zod(specTypeSchemas.SetLevelRequest),
};

/** A request whose params are wrong: its id and the readable reason. */
export interface ParamsRefusal {
  readonly id: string | number;
  readonly message: string;
}

/**
 * Checks the params of a request (one JSON-RPC message, already checked by `checkEnvelope`) before the SDK
 * sees it. The SDK answers some wrong params with `-32603 Internal error` or a raw Zod dump; this answers
 * `-32602 Invalid params` with a readable message, e.g.
 * `Invalid params: params.name: required, a string (the tool's name)`.
 */
export function paramsRefusal(message: unknown): ParamsRefusal | undefined {
  if (!isPlainObject(message) || typeof message.method !== 'string' || !('id' in message)) return undefined;
  const schema = SCHEMAS[message.method];
  const checked = schema?.safeParse({ method: message.method, params: message.params });
  if (!checked || checked.success) return undefined;
  const problem = describeIssues(message.method, checked.error?.issues ?? [], message.params);
  return { id: message.id as string | number, message: `Invalid params: ${problem}` };
}
