import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger } from '@nestjs/common';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { CallerContext } from '../calls/caller.js';
import { JsonRpcErrorCode, writeJsonRpcError } from './json-rpc.js';
import { guardParams } from './params.guard.js';
import { createMcpServer } from './server.factory.js';
import type { ToolProvider } from './tool-provider.js';

const logger = new Logger('McpModule');

/**
 * Streamable HTTP in stateless mode: every POST gets a fresh server and transport (a stateless transport
 * cannot be reused), both closed when the response closes. Wrong params are answered with the spec's code
 * (`guardParams`); the HTTP layer answers what the transport should not see (bad headers, an empty body, a
 * body that is no JSON-RPC message) before calling this.
 */
export async function handleStatelessPost(
  tools: ToolProvider,
  caller: CallerContext,
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
): Promise<void> {
  const server = createMcpServer(tools, caller);
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  try {
    await server.connect(transport);
    guardParams(transport);
    await transport.handleRequest(req, res, body);
  } catch (error) {
    logger.error(`MCP request failed: ${(error as Error).message}`, (error as Error).stack);
    writeJsonRpcError(res, 500, JsonRpcErrorCode.InternalError, 'Internal error');
  }
}

/** Stateless servers offer no GET stream and have no session to DELETE; other methods are not MCP. */
export function rejectMethod(res: ServerResponse, method: string): void {
  writeJsonRpcError(
    res,
    405,
    JsonRpcErrorCode.ServerError,
    `Method not allowed: ${method}. This MCP endpoint is stateless; send JSON-RPC messages with POST.`,
    { allow: 'POST' },
  );
}
