/** The JSON-RPC requests the bench sends, on the 2025-11-25 wire. */
export const PROTOCOL_VERSION = '2025-11-25';

export const MCP_HEADERS: Record<string, string> = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  'mcp-protocol-version': PROTOCOL_VERSION,
};

export const TOOLS_LIST = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
export const GET_ITEM_CALL = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'tools/call',
  params: { name: 'get_item', arguments: { id: 1 } },
});
/** A 2026-07-28 call: the per-request envelope, and the headers naming the method and the tool. */
export const MODERN_CALL_HEADERS: Record<string, string> = {
  ...MCP_HEADERS,
  'mcp-protocol-version': '2026-07-28',
  'mcp-method': 'tools/call',
  'mcp-name': 'get_item',
};
export const GET_ITEM_CALL_MODERN = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'tools/call',
  params: {
    name: 'get_item',
    arguments: { id: 1 },
    _meta: {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientInfo': { name: 'bench', version: '1.0.0' },
      'io.modelcontextprotocol/clientCapabilities': {},
    },
  },
});
const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: {
    protocolVersion: PROTOCOL_VERSION,
    capabilities: {},
    clientInfo: { name: 'bench', version: '1.0.0' },
  },
});
const INITIALIZED = JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' });

/** The JSON-RPC message in a response body, plain JSON or the `data:` line of an SSE event. */
export function jsonRpcOf(body: string): { result?: unknown; error?: unknown } {
  const trimmed = body.trim();
  if (trimmed.startsWith('{')) return JSON.parse(trimmed);
  // The answer is the event with a result or an error; notifications (log records, progress) come before it.
  const data = trimmed
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .find((line) => line.includes('"result"') || line.includes('"error"'));
  if (!data) throw new Error(`no JSON-RPC message in response: ${body.slice(0, 200)}`);
  return JSON.parse(data.slice(5));
}

/** Posts one MCP request and returns its JSON-RPC answer; throws on an HTTP or JSON-RPC error. */
export async function mcpRequest(
  url: string,
  body: string,
  sessionId?: string,
  requestHeaders: Record<string, string> = MCP_HEADERS,
): Promise<unknown> {
  const headers = sessionId ? { ...requestHeaders, 'mcp-session-id': sessionId } : requestHeaders;
  const response = await fetch(`${url}/mcp`, { method: 'POST', headers, body });
  const text = await response.text();
  if (!response.ok) throw new Error(`HTTP ${response.status} from ${url}/mcp: ${text.slice(0, 300)}`);
  const message = jsonRpcOf(text);
  if (message.error || (message.result as { isError?: boolean })?.isError) {
    throw new Error(`MCP error from ${url}/mcp: ${text.slice(0, 300)}`);
  }
  return message.result;
}

/** Opens a 2025-era session as a client does: initialize, then notifications/initialized. */
export async function openSession(url: string): Promise<string> {
  const response = await fetch(`${url}/mcp`, { method: 'POST', headers: MCP_HEADERS, body: INITIALIZE });
  const text = await response.text();
  const sessionId = response.headers.get('mcp-session-id');
  if (!response.ok || !sessionId)
    throw new Error(`initialize failed (${response.status}): ${text.slice(0, 300)}`);
  const headers = { ...MCP_HEADERS, 'mcp-session-id': sessionId };
  const ack = await fetch(`${url}/mcp`, { method: 'POST', headers, body: INITIALIZED });
  await ack.text();
  if (ack.status !== 202) throw new Error(`notifications/initialized answered ${ack.status}`);
  return sessionId;
}
