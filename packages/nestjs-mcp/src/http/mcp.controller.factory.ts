import {
  Controller,
  Delete,
  Get,
  Inject,
  Patch,
  Post,
  Put,
  Req,
  Res,
  UseFilters,
  UseGuards,
  VERSION_NEUTRAL,
  type Type,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { AuthRejectionFilter } from '../auth/auth-rejection.filter.js';
import { McpEndpointGuard } from '../auth/endpoint.guard.js';
import { ToolVisibility } from '../auth/tool-visibility.js';
import { MCP_ENDPOINT_METADATA, MCP_RESOLVED_OPTIONS } from '../mcp.constants.js';
import type { McpResolvedOptions } from '../mcp.options.js';
import { McpToolsService } from '../mcp.tools.service.js';
import type { ServerSettings } from '../protocol/server.factory.js';
import { StatefulHttpEndpoint } from '../protocol/sessions/stateful-http.endpoint.js';
import { rejectMethod, StreamableHttpEndpoint } from '../protocol/streamable-http.handler.js';
import { MCP_ROUTE_CONFIG_KEY } from './body-error.bridge.js';
import { toHttpExchange, type HttpExchange } from './http-exchange.js';
import { refuseForeignRequest } from './origin-host.check.js';
import { answeredBeforeTransport } from './post-checks.js';
import type { McpResolvedSecurity } from './security.options.js';
import { endpointVariant, pathOf, rejectPathVariant } from './path-variants.js';
import type { Subscription } from 'rxjs';

/**
 * How long 2026-07-28 clients may reuse a `tools/list` result. The tools change only when the app calls
 * `McpToolsService.refresh()`; a minute bounds how long a client can miss that.
 */
export const TOOLS_LIST_TTL_MS = 60_000;

/** `@nestjs/platform-fastify`'s `@RouteConfig()` metadata key; written directly to stay adapter-neutral. */
const FASTIFY_ROUTE_CONFIG_METADATA = '__fastify_route_config__';

/**
 * Creates the controller that serves the MCP endpoint at `path`. A class per `forRoot()` lets the path be
 * chosen by the user while the endpoint stays a normal Nest route: the global prefix applies, and app
 * guards and middleware see it. It is version-neutral and never in the app's Swagger document. Methods
 * other than POST (and OPTIONS, left to CORS) get 405 rather than the app's 404. The `auth` guards run
 * through `McpEndpointGuard`, their refusals answered by `AuthRejectionFilter`; `decorators` (the app's own,
 * e.g. `Public()`) are applied to the class. The Origin/Host checks, CORS and the body limit run before all
 * of that (see `EndpointEdge`); each handler repeats the Origin/Host check, so no route of the endpoint can
 * be reached without it.
 */
export function createMcpController(path: string, decorators: readonly ClassDecorator[] = []): Type {
  @ApiExcludeController()
  @UseGuards(McpEndpointGuard)
  @UseFilters(AuthRejectionFilter)
  @Controller({ path, version: VERSION_NEUTRAL })
  class McpEndpointController {
    private readonly endpoint: StreamableHttpEndpoint | StatefulHttpEndpoint;
    /** Set with `session: 'stateful'`: 2025-era sessions beside per-request 2026-07-28 serving. */
    private readonly stateful?: StatefulHttpEndpoint;
    private readonly protocolVersions: readonly string[];
    private readonly security: McpResolvedSecurity;
    private readonly shutdownGraceMs: number;
    private readonly toolChanges?: Subscription;

    constructor(
      @Inject(ToolVisibility) visibility: ToolVisibility,
      @Inject(MCP_RESOLVED_OPTIONS) options: McpResolvedOptions,
      @Inject(McpToolsService) tools: McpToolsService,
    ) {
      this.protocolVersions = options.protocolVersions;
      this.security = options.security;
      // In-flight calls end within the call timeout; a second more lets their answers reach the client.
      this.shutdownGraceMs = options.timeoutMs + 1000;
      const settings: ServerSettings = {
        protocolVersions: options.protocolVersions,
        listTtlMs: TOOLS_LIST_TTL_MS,
        // A listing behind auth is the caller's: no shared cache may hand it to another.
        listScope: options.auth ? 'private' : 'public',
      };
      if (options.session === 'stateful') {
        const stateful = new StatefulHttpEndpoint(visibility.provider(), settings, {
          idleTimeoutMs: options.sessionIdleTimeoutMs,
          maxSessions: options.maxSessions,
          bindToCredentials: options.auth !== undefined,
        });
        this.endpoint = this.stateful = stateful;
        this.toolChanges = tools.toolsChanged.subscribe(() => stateful.toolsChanged());
      } else {
        this.endpoint = new StreamableHttpEndpoint(visibility.provider(), settings);
      }
    }

    /** Before the HTTP server closes: answer calls in flight, then end sessions (their GET streams). */
    async beforeApplicationShutdown(): Promise<void> {
      this.toolChanges?.unsubscribe();
      await this.stateful?.drain(this.shutdownGraceMs);
    }

    /** The Origin/Host check (403); already passed at the edge, so normally a no-op. */
    private refused(exchange: HttpExchange): boolean {
      return refuseForeignRequest(exchange.req, exchange.res, this.security);
    }

    onApplicationShutdown(): Promise<void> {
      return this.endpoint.close();
    }

    @Post()
    async post(@Req() request: unknown, @Res() response: unknown): Promise<void> {
      const exchange = toHttpExchange(request, response);
      if (this.refused(exchange) || nearMiss(exchange)) return;
      if (answeredBeforeTransport(exchange, this.protocolVersions)) return;
      await this.endpoint.handlePost(exchange.caller, exchange.req, exchange.res, exchange.body);
    }

    @Get()
    get(@Req() request: unknown, @Res() response: unknown): Promise<void> {
      return this.sessionRequest(toHttpExchange(request, response));
    }

    @Delete()
    delete(@Req() request: unknown, @Res() response: unknown): Promise<void> {
      return this.sessionRequest(toHttpExchange(request, response));
    }

    /** GET and DELETE serve sessions in stateful mode; a stateless endpoint answers 405. */
    private async sessionRequest(exchange: HttpExchange): Promise<void> {
      if (this.refused(exchange) || nearMiss(exchange)) return;
      if (!this.stateful) return refuse(exchange);
      await this.stateful.handleSessionRequest(exchange.caller, exchange.req, exchange.res);
    }

    @Put()
    put(@Req() request: unknown, @Res() response: unknown): void {
      const exchange = toHttpExchange(request, response);
      if (!this.refused(exchange)) refuse(exchange, this.stateful !== undefined);
    }

    @Patch()
    patch(@Req() request: unknown, @Res() response: unknown): void {
      const exchange = toHttpExchange(request, response);
      if (!this.refused(exchange)) refuse(exchange, this.stateful !== undefined);
    }
  }

  if (decorators.length > 0) Reflect.decorate([...decorators], McpEndpointController);
  Reflect.defineMetadata(MCP_ENDPOINT_METADATA, true, McpEndpointController);
  for (const handler of ['post', 'get', 'delete', 'put', 'patch'] as const) {
    Reflect.defineMetadata(
      FASTIFY_ROUTE_CONFIG_METADATA,
      { [MCP_ROUTE_CONFIG_KEY]: true },
      McpEndpointController.prototype[handler],
    );
  }
  return McpEndpointController;
}

function refuse(exchange: HttpExchange, stateful = false): void {
  if (!nearMiss(exchange)) rejectMethod(exchange.res, exchange.req.method ?? '', stateful);
}

/**
 * Express serves `/mcp/` and `/MCP` as `/mcp`, Fastify serves neither: both answer them with a 404 naming
 * the endpoint (on Fastify the body-error bridge does). Express tells the matched route's own path.
 */
export function nearMiss(exchange: HttpExchange): boolean {
  const req = exchange.req as { originalUrl?: string; url?: string; route?: { path?: unknown } };
  const route = req.route?.path;
  if (typeof route !== 'string') return false;
  const path = pathOf(req.originalUrl ?? req.url);
  const endpoint = endpointVariant(path, [route]);
  if (endpoint === undefined) return false;
  rejectPathVariant(exchange.res, path, endpoint);
  return true;
}
