import { specTypeSchemas } from '@modelcontextprotocol/server';
import { isPlainObject } from '../catalog/plain-values.js';
import { envelopeVersion, META } from './request-envelope.js';
import { describeIssues, type SchemaIssue } from './schema-issues.js';

/**
 * The SDK types its schemas as Standard Schemas, whose issues say less than Zod's (no `expected`); they are
 * Zod schemas, and their Zod issues make the readable messages.
 */
interface RequestSchema {
  safeParse(value: unknown): { success: boolean; error?: { issues: readonly SchemaIssue[] } };
}

const zod = (schema: unknown) => schema as RequestSchema;

/** The requests this server answers to 2025-era clients, with the SDK's own schemas for them. */
const LEGACY_SCHEMAS: Readonly<Record<string, RequestSchema>> = {
  initialize: zod(specTypeSchemas.InitializeRequest),
  ping: zod(specTypeSchemas.PingRequest),
  'tools/list': zod(specTypeSchemas.ListToolsRequest),
  'tools/call': zod(specTypeSchemas.CallToolRequest),
  'logging/setLevel': zod(specTypeSchemas.SetLevelRequest),
};

/**
 * The same for 2026-07-28 requests: that revision removed `initialize`, `ping` and `logging/setLevel`, which
 * the SDK answers as unknown methods (`-32601`, HTTP 404).
 */
const MODERN_SCHEMAS: Readonly<Record<string, RequestSchema>> = {
  'server/discover': zod(specTypeSchemas.DiscoverRequest),
  'tools/list': LEGACY_SCHEMAS['tools/list'],
  'tools/call': LEGACY_SCHEMAS['tools/call'],
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
  if (plainlyFine(message.method, message.params)) return undefined;
  const schema = (envelopeVersion(message.params) === undefined ? LEGACY_SCHEMAS : MODERN_SCHEMAS)[
    message.method
  ];
  const checked = schema?.safeParse({ method: message.method, params: message.params });
  if (!checked || checked.success) return undefined;
  const problem = describeIssues(message.method, checked.error?.issues ?? [], message.params);
  return { id: message.id as string | number, message: `Invalid params: ${problem}` };
}

/** The keys each hot request's params may have for the fast path; anything else goes through the schema. */
const PLAIN_KEYS: Readonly<Record<string, ReadonlySet<string>>> = {
  'tools/call': new Set(['name', 'arguments', META]),
  'tools/list': new Set(['cursor', META]),
};

/**
 * Whether the params of a `tools/call` or `tools/list` are plainly what the schema accepts, so that the
 * common request skips a schema parse. Anything unusual is left to the schema.
 */
function plainlyFine(method: string, params: unknown): boolean {
  const keys = PLAIN_KEYS[method];
  if (!keys) return false;
  if (params === undefined) return method === 'tools/list';
  if (!isPlainObject(params) || Object.keys(params).some((key) => !keys.has(key))) return false;
  const meta = params[META];
  if (meta !== undefined) {
    if (!isPlainObject(meta)) return false;
    const token = meta.progressToken;
    if (token !== undefined && typeof token !== 'string' && typeof token !== 'number') return false;
  }
  if (method === 'tools/list') return params.cursor === undefined || typeof params.cursor === 'string';
  return (
    typeof params.name === 'string' && (params.arguments === undefined || isPlainObject(params.arguments))
  );
}
