import { MCP_POST_HEADERS, type RawRequest } from './raw-http.js';

/** The protocol revision without `initialize`: per-request `_meta` envelopes and standard headers. */
export const MODERN_REVISION = '2026-07-28';

export interface ModernPostOptions {
  /** JSON-RPC id; default 1. */
  readonly id?: number | string;
  /** The revision the envelope claims; default 2026-07-28. */
  readonly version?: string;
  /** Header overrides; `undefined` leaves the header out. */
  readonly headers?: Record<string, string | undefined>;
}

/**
 * A 2026-07-28 request POST as a conformant client sends it: the `_meta` envelope (protocol version,
 * client info and capabilities) in the body, and the standard headers derived from the body
 * (`MCP-Protocol-Version`, `Mcp-Method`, and `Mcp-Name` for `tools/call`, `prompts/get`, `resources/read`).
 */
export function modernPost(
  method: string,
  params: Record<string, unknown> = {},
  options: ModernPostOptions = {},
): RawRequest {
  const version = options.version ?? MODERN_REVISION;
  const envelope = {
    'io.modelcontextprotocol/protocolVersion': version,
    'io.modelcontextprotocol/clientInfo': { name: 'raw-http-test', version: '1.0.0' },
    'io.modelcontextprotocol/clientCapabilities': {},
  };
  const name = method === 'resources/read' ? params.uri : params.name;
  const headers: Record<string, string | undefined> = {
    ...MCP_POST_HEADERS,
    'mcp-protocol-version': version,
    'mcp-method': method,
    ...(typeof name === 'string' ? { 'mcp-name': name } : {}),
    ...options.headers,
  };
  return {
    headers: Object.fromEntries(
      Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined),
    ),
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: options.id ?? 1,
      method,
      params: { ...params, _meta: envelope },
    }),
  };
}
