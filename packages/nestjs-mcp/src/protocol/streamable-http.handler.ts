import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger } from '@nestjs/common';
import { createMcpHandler, isLegacyRequest, type McpHttpHandler } from '@modelcontextprotocol/server';
import type { CallerContext } from '../calls/caller.js';
import { JsonRpcErrorCode, writeJsonRpcError } from './json-rpc.js';
import { MODERN_ERA_START, servesLegacyEra } from './protocol-versions.js';
import { ListingSplice } from './listing-bytes.js';
import { createMcpServer, type ServerSettings } from './server.factory.js';
import { answeredFast, type FastPathSettings } from './stateless-fast-path.js';
import { answerStatelessLegacy } from './stateless-legacy.js';
import type { ToolProvider } from './tool-provider.js';
import { serveWebExchange } from './web-exchange.js';

const logger = new Logger('McpModule');

/**
 * Streamable HTTP, stateless, both protocol eras from one endpoint. A plain `tools/call` or `tools/list` of
 * either era is answered by the fast path (`answeredFast`); otherwise a 2026-07-28 request (per-request
 * `_meta`, `server/discover`) goes to the SDK's handler, a 2025-era one (the `initialize` flow, each request
 * on its own) to a fresh server answering in plain JSON where it can (`answerStatelessLegacy`); all are
 * built from the same tools. `isLegacyRequest` is the SDK handler's own classification. The HTTP layer
 * answers what neither should see (bad headers, an empty body, a body that is no JSON-RPC message) before
 * calling `handlePost`.
 */
export class StreamableHttpEndpoint {
  private readonly modern: McpHttpHandler;
  private readonly servesLegacy: boolean;
  private readonly fastPath: FastPathSettings;
  /**
   * The caller of each modern request and the splice its answer is written through, found again by the
   * server factory (which only gets the `Request`).
   */
  private readonly exchanges = new WeakMap<Request, { caller: CallerContext; splice: ListingSplice }>();

  constructor(
    private readonly tools: ToolProvider,
    private readonly settings: ServerSettings,
  ) {
    this.servesLegacy = servesLegacyEra(settings.protocolVersions);
    this.fastPath = {
      legacy: this.servesLegacy,
      modern: settings.protocolVersions.includes(MODERN_ERA_START),
      listTtlMs: settings.listTtlMs,
      listScope: settings.listScope,
    };
    this.modern = createMcpHandler(
      ({ requestInfo }) => {
        const exchange = requestInfo && this.exchanges.get(requestInfo);
        return createMcpServer(tools, exchange?.caller ?? { headers: {} }, settings, exchange?.splice);
      },
      // With the 2025 era switched off, its requests get the SDK's unsupported-version answer.
      { legacy: 'reject', onerror: (error) => logger.debug(`MCP request refused: ${error.message}`) },
    );
  }

  /** Serves one POST; `body` is the body the adapter parsed, or `undefined` when the app parses none. */
  handlePost(caller: CallerContext, req: IncomingMessage, res: ServerResponse, body: unknown): Promise<void> {
    const fast = answeredFast(this.tools, caller, req, res, body, this.fastPath);
    if (fast) return fast;
    const splice = new ListingSplice();
    return serveWebExchange(req, res, body === undefined, async (request, write) => {
      // Always through the splice: an SSE answer starts before its tools handler runs.
      const respond = (response: Response) => write(response, splice);
      if (this.servesLegacy && (await isLegacyRequest(request, body))) {
        const server = createMcpServer(this.tools, caller, this.settings, splice);
        return answerStatelessLegacy(server, request, body, respond);
      }
      this.exchanges.set(request, { caller, splice });
      await respond(await this.modern.fetch(request, body === undefined ? undefined : { parsedBody: body }));
    });
  }

  /** Aborts calls in flight (application shutdown). */
  close(): Promise<void> {
    return this.modern.close();
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
