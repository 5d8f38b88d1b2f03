import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger } from '@nestjs/common';
import { createMcpHandler, type McpHttpHandler } from '@modelcontextprotocol/server';
import type { CallerContext } from '../calls/caller.js';
import { JsonRpcErrorCode, writeJsonRpcError } from './json-rpc.js';
import { servesLegacyEra } from './protocol-versions.js';
import { createMcpServer, type ServerSettings } from './server.factory.js';
import type { ToolProvider } from './tool-provider.js';
import { serveWebExchange } from './web-exchange.js';

const logger = new Logger('McpModule');

/**
 * Streamable HTTP, stateless, both protocol eras from one endpoint: the SDK's handler decides per request
 * whether it is a 2026-07-28 request (per-request `_meta`, `server/discover`) or a 2025-era one (the
 * `initialize` flow, served statelessly), and builds a server for it from the same tools. The HTTP layer
 * answers what the handler should not see (bad headers, an empty body, a body that is no JSON-RPC message)
 * before calling `handlePost`.
 */
export class StreamableHttpEndpoint {
  private readonly handler: McpHttpHandler;
  /** The caller of each request, found again by the server factory (which only receives the `Request`). */
  private readonly callers = new WeakMap<Request, CallerContext>();

  constructor(tools: ToolProvider, settings: ServerSettings) {
    this.handler = createMcpHandler(
      ({ requestInfo }) => {
        const caller = (requestInfo && this.callers.get(requestInfo)) ?? { headers: {} };
        return createMcpServer(tools, caller, settings);
      },
      {
        legacy: servesLegacyEra(settings.protocolVersions) ? 'stateless' : 'reject',
        onerror: (error) => logger.debug(`MCP request refused: ${error.message}`),
      },
    );
  }

  /** Serves one POST; `body` is the body the adapter parsed, or `undefined` when the app parses none. */
  handlePost(caller: CallerContext, req: IncomingMessage, res: ServerResponse, body: unknown): Promise<void> {
    return serveWebExchange(req, res, body === undefined, async (request, respond) => {
      this.callers.set(request, caller);
      await respond(await this.handler.fetch(request, body === undefined ? undefined : { parsedBody: body }));
    });
  }

  /** Aborts calls in flight (application shutdown). */
  close(): Promise<void> {
    return this.handler.close();
  }
}

/**
 * Stateless servers offer no GET stream and have no session to DELETE; other methods are not MCP. A stateful
 * endpoint (`stateful`) serves GET and DELETE for its sessions.
 */
export function rejectMethod(res: ServerResponse, method: string, stateful = false): void {
  writeJsonRpcError(
    res,
    405,
    JsonRpcErrorCode.ServerError,
    stateful
      ? `Method not allowed: ${method}. Send JSON-RPC messages with POST; GET opens a session's ` +
          'notification stream and DELETE ends a session.'
      : `Method not allowed: ${method}. This MCP endpoint is stateless; send JSON-RPC messages with POST.`,
    { allow: stateful ? 'GET, POST, DELETE' : 'POST' },
  );
}
