import type { IncomingMessage } from 'node:http';
import { isPlainObject } from '../catalog/plain-values.js';
import { MODERN_ERA_START } from './protocol-versions.js';
import { META } from './request-envelope.js';

const PROTOCOL_VERSION_KEY = 'io.modelcontextprotocol/protocolVersion';
const CLIENT_INFO_KEY = 'io.modelcontextprotocol/clientInfo';
const CLIENT_CAPABILITIES_KEY = 'io.modelcontextprotocol/clientCapabilities';
const ENVELOPE_KEYS = new Set([PROTOCOL_VERSION_KEY, CLIENT_INFO_KEY, CLIENT_CAPABILITIES_KEY]);
/** The client capabilities of 2026-07-28, each declared here with `{}` (roots also with `listChanged`). */
const CAPABILITIES = new Set(['experimental', 'sampling', 'elicitation', 'roots', 'extensions']);
const PARAMS: Record<'tools/call' | 'tools/list', ReadonlySet<string>> = {
  'tools/call': new Set(['name', 'arguments', META]),
  'tools/list': new Set([META]),
};

/**
 * Whether a 2026-07-28 `tools/call` or `tools/list` is plain: one the SDK accepts and answers with its
 * result alone, so the fast path may answer it the same. Plain means the envelope every client sends — the
 * revision (the same in `MCP-Protocol-Version`), the client's capabilities each declared with `{}`, and
 * optionally `clientInfo` with a name and a version — the `Mcp-Method` (and, for a call, `Mcp-Name`)
 * header naming exactly what the body does, no session id, and nothing else in the params. Anything else (a
 * progress token, a log level, a cursor, a richer envelope, which the SDK validates field by field) is left
 * to the SDK.
 */
export function isPlainModernRequest(
  req: IncomingMessage,
  method: 'tools/call' | 'tools/list',
  params: Record<string, unknown>,
): boolean {
  const { headers } = req;
  if (headers['mcp-protocol-version'] !== MODERN_ERA_START || headers['mcp-method'] !== method) return false;
  if (headers['mcp-session-id'] !== undefined) return false;
  if (method === 'tools/call' && headers['mcp-name'] !== params.name) return false;
  if (!Object.keys(params).every((key) => PARAMS[method].has(key))) return false;
  const meta = params[META];
  if (!isPlainObject(meta) || meta[PROTOCOL_VERSION_KEY] !== MODERN_ERA_START) return false;
  if (!Object.keys(meta).every((key) => ENVELOPE_KEYS.has(key))) return false;
  return plainCapabilities(meta[CLIENT_CAPABILITIES_KEY]) && plainClientInfo(meta[CLIENT_INFO_KEY]);
}

function plainCapabilities(capabilities: unknown): boolean {
  if (!isPlainObject(capabilities)) return false;
  return Object.entries(capabilities).every(
    ([name, declared]) =>
      CAPABILITIES.has(name) &&
      isPlainObject(declared) &&
      Object.entries(declared).every(
        ([key, value]) => name === 'roots' && key === 'listChanged' && typeof value === 'boolean',
      ),
  );
}

function plainClientInfo(info: unknown): boolean {
  if (info === undefined) return true;
  if (!isPlainObject(info) || !isNonEmptyString(info.name) || !isNonEmptyString(info.version)) return false;
  return Object.keys(info).every((key) => key === 'name' || key === 'version');
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}
