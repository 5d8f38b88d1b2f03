import {
  Controller,
  Get,
  Inject,
  Post,
  Req,
  Res,
  UseFilters,
  UseGuards,
  VERSION_NEUTRAL,
  type Type,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import type { JSONRPCMessage } from '@modelcontextprotocol/server';
import type { Subscription } from 'rxjs';
import { AuthRejectionFilter } from '../auth/auth-rejection.filter.js';
import { McpEndpointGuard } from '../auth/endpoint.guard.js';
import { ToolVisibility } from '../auth/tool-visibility.js';
import { MCP_ENDPOINT_METADATA, MCP_LEGACY_SSE_METADATA, MCP_RESOLVED_OPTIONS } from '../mcp.constants.js';
import { McpConfigurationError } from '../mcp.errors.js';
import type { McpResolvedOptions } from '../mcp.options.js';
import { McpToolsService } from '../mcp.tools.service.js';
import { checkEnvelope } from '../protocol/envelope.js';
import { JsonRpcErrorCode, writeJsonRpcError } from '../protocol/json-rpc.js';
import { LegacySseEndpoint } from '../protocol/legacy-sse/legacy-sse.endpoint.js';
import { servesLegacyEra } from '../protocol/protocol-versions.js';
import { MCP_LEGACY_SSE_ROUTE_CONFIG_KEY, MCP_ROUTE_CONFIG_KEY } from './body-error.bridge.js';
import { EMPTY_BODY_MESSAGE, isBodyEmpty } from './body-presence.js';
import { contentTypeRefusal } from './content-negotiation.js';
import { toHttpExchange, type HttpExchange } from './http-exchange.js';
import { nearMiss, TOOLS_LIST_TTL_MS } from './mcp.controller.factory.js';
import { refuseForeignRequest } from './origin-host.check.js';
import { claimSsePath } from './sse.options.js';
import { pathOf } from './path-variants.js';

/** `@nestjs/platform-fastify`'s `@RouteConfig()` metadata key; written directly to stay adapter-neutral. */
const FASTIFY_ROUTE_CONFIG_METADATA = '__fastify_route_config__';

/** The revision whose batches the legacy transport accepts (batching was removed in 2025-06-18). */
const SSE_PROTOCOL_VERSION = '2024-11-05';

/**
 * Creates the controller of the legacy HTTP+SSE transport (option `sse`) at `path`: `GET path` opens a
 * session's event stream, `POST path/messages?session_id=…` takes its messages (400 without or with a
 * malformed id, 404 for an unknown one, 202 when accepted). It serves the same tools with the same guards
 * (`auth.guards`, `endpointDecorators`), header forwarding and limits as the Streamable HTTP endpoint, and
 * the endpoint edge (Origin/Host checks, CORS, body limit) covers its routes.
 */
export function createSseController(
  path: string,
  decorators: readonly ClassDecorator[] = [],
  endpointPath = '',
): Type {
  @ApiExcludeController()
  @UseGuards(McpEndpointGuard)
  @UseFilters(AuthRejectionFilter)
  @Controller({ path, version: VERSION_NEUTRAL })
  class McpSseController {
    private readonly sse: LegacySseEndpoint;
    private readonly shutdownGraceMs: number;
    private readonly toolChanges: Subscription;

    constructor(
      @Inject(ToolVisibility) visibility: ToolVisibility,
      @Inject(MCP_RESOLVED_OPTIONS) private readonly options: McpResolvedOptions,
      @Inject(McpToolsService) tools: McpToolsService,
      @Inject(HttpAdapterHost) adapterHost: HttpAdapterHost,
    ) {
      // Before the routes are registered (Fastify refuses a second GET /sse without saying why).
      const app = adapterHost.httpAdapter?.getInstance() as object | undefined;
      if (app) claimSsePath(app, path, endpointPath);
      if (!servesLegacyEra(options.protocolVersions)) {
        throw new McpConfigurationError(
          `McpModule option "sse" serves 2024-11-05 … 2025-era clients, but "protocolVersions" lists no ` +
            `2025 revision: add one, e.g. '2025-11-25', or leave "sse" out.`,
        );
      }
      this.shutdownGraceMs = options.timeoutMs + 1000;
      this.sse = new LegacySseEndpoint(
        visibility.provider(),
        {
          protocolVersions: options.protocolVersions,
          listTtlMs: TOOLS_LIST_TTL_MS,
          listScope: options.auth ? 'private' : 'public',
        },
        {
          idleTimeoutMs: options.sessionIdleTimeoutMs,
          maxSessions: options.maxSessions,
          bindToCredentials: options.auth !== undefined,
        },
      );
      this.toolChanges = tools.toolsChanged.subscribe(() => this.sse.toolsChanged());
    }

    /** Before the HTTP server closes: answer what the streams asked, then end them. */
    async beforeApplicationShutdown(): Promise<void> {
      this.toolChanges.unsubscribe();
      await this.sse.drain(this.shutdownGraceMs);
    }

    onApplicationShutdown(): Promise<void> {
      return this.sse.close();
    }

    @Get()
    async stream(@Req() request: unknown, @Res() response: unknown): Promise<void> {
      const exchange = toHttpExchange(request, response);
      if (this.refused(exchange)) return;
      // Both adapters serve HEAD with the GET handler: it must not open a session.
      if (exchange.req.method !== 'GET') return wrongMethod(exchange, 'GET');
      const req = exchange.req as typeof exchange.req & { originalUrl?: string };
      const messagesPath = `${pathOf(req.originalUrl ?? req.url)}/messages`;
      await this.sse.open(exchange.caller, exchange.res, messagesPath);
    }

    @Post('messages')
    messages(@Req() request: unknown, @Res() response: unknown): void {
      const exchange = toHttpExchange(request, response);
      if (this.refused(exchange)) return;
      const { req, res, body } = exchange;
      const media = contentTypeRefusal(req);
      const empty = !media && isBodyEmpty(req, body);
      const invalid = media || empty ? undefined : checkEnvelope(body, SSE_PROTOCOL_VERSION);
      // The session is checked first: a client with a stale URL learns that, whatever it sent.
      const usable = !media && !empty && !invalid;
      const refusal = this.sse.accept(req, exchange.caller, usable ? messagesOf(body) : []);
      if (refusal) {
        const headers: Record<string, string> = refusal.status === 503 ? { 'retry-after': '5' } : {};
        return writeJsonRpcError(res, refusal.status, JsonRpcErrorCode.ServerError, refusal.message, headers);
      }
      if (media) return writeJsonRpcError(res, media.status, media.code, media.message);
      if (empty) return writeJsonRpcError(res, 400, JsonRpcErrorCode.ParseError, EMPTY_BODY_MESSAGE);
      if (invalid) return writeJsonRpcError(res, 400, invalid.code, invalid.message, {}, invalid.id);
      res.writeHead(202, { 'content-type': 'text/plain; charset=utf-8' }).end('Accepted');
    }

    /**
     * A POST to the stream's path: a Streamable HTTP client given the SSE URL (SDK clients then fall back
     * to SSE on the 405), or a client that skipped the stream. Other methods there get the app's 404.
     */
    @Post()
    postToStream(@Req() request: unknown, @Res() response: unknown): void {
      const exchange = toHttpExchange(request, response);
      if (!this.refused(exchange)) wrongMethod(exchange, 'GET');
    }

    /** A GET to the messages path, e.g. the URL opened in a browser. */
    @Get('messages')
    getMessages(@Req() request: unknown, @Res() response: unknown): void {
      const exchange = toHttpExchange(request, response);
      if (!this.refused(exchange)) wrongMethod(exchange, 'POST');
    }

    /**
     * The Origin/Host check (403), already passed at the edge, so normally a no-op; then Express's near
     * misses (`/sse/`, `/SSE`), answered 404 as on Fastify: a stream opened there would name a messages URL
     * no route serves.
     */
    private refused(exchange: HttpExchange): boolean {
      return refuseForeignRequest(exchange.req, exchange.res, this.options.security) || nearMiss(exchange);
    }
  }

  if (decorators.length > 0) Reflect.decorate([...decorators], McpSseController);
  Reflect.defineMetadata(MCP_ENDPOINT_METADATA, true, McpSseController);
  Reflect.defineMetadata(MCP_LEGACY_SSE_METADATA, true, McpSseController);
  for (const handler of ['stream', 'messages', 'postToStream', 'getMessages'] as const) {
    Reflect.defineMetadata(
      FASTIFY_ROUTE_CONFIG_METADATA,
      { [MCP_ROUTE_CONFIG_KEY]: true, [MCP_LEGACY_SSE_ROUTE_CONFIG_KEY]: true },
      McpSseController.prototype[handler],
    );
  }
  return McpSseController;
}

function messagesOf(body: unknown): JSONRPCMessage[] {
  return (Array.isArray(body) ? body : [body]) as JSONRPCMessage[];
}

/** 405 for a method the path does not serve, saying what the legacy transport expects. */
function wrongMethod({ req, res }: HttpExchange, allowed: 'GET' | 'POST'): void {
  const method = req.method ?? '';
  writeJsonRpcError(
    res,
    405,
    JsonRpcErrorCode.ServerError,
    allowed === 'GET'
      ? `Method not allowed: ${method}. This is the legacy HTTP+SSE transport: open its event stream with GET, ` +
          'then POST messages to the URL of its "endpoint" event. Streamable HTTP clients use the MCP endpoint ' +
          'instead.'
      : `Method not allowed: ${method}. POST JSON-RPC messages here, with the session_id of the SSE stream's ` +
          '"endpoint" event.',
    { allow: allowed },
  );
}
