import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type Type } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { RouteExplorer } from '../discovery/route.explorer.js';
import { MCP_ENDPOINT_CONTROLLER, MCP_RESOLVED_OPTIONS, MCP_SSE_CONTROLLER } from '../mcp.constants.js';
import type { McpResolvedOptions } from '../mcp.options.js';
import { MCP_ROUTE_CONFIG_KEY } from './body-error.bridge.js';
import { readJsonBody } from './body-limit.js';
import { answeredCors } from './cors.js';
import { putEndpointRoutesFirst } from './express-route-order.js';
import { refuseForeignRequest } from './origin-host.check.js';
import { endpointVariant, pathOf } from './path-variants.js';
import { openChecks, type McpResolvedSecurity } from './security.options.js';

const logger = new Logger('McpModule');

/** The MCP endpoints of one app and their security, found by path once the routes are known. */
interface AppEdges {
  readonly endpoints: Map<Type, McpResolvedSecurity>;
  paths?: Map<string, McpResolvedSecurity>;
}

const edgesOfApp = new WeakMap<object, AppEdges>();

type ExpressMiddleware = (
  req: IncomingMessage & { body?: unknown },
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

interface FastifyRouteOptions {
  url?: string;
  bodyLimit?: number;
  config?: Record<string, unknown>;
}

interface FastifyRequestLike {
  raw: IncomingMessage;
  routeOptions?: { url?: string };
}

interface FastifyInstanceLike {
  addHook(name: 'onRoute', hook: (route: FastifyRouteOptions) => void): void;
  addHook(
    name: 'onRequest',
    hook: (
      request: FastifyRequestLike,
      reply: { raw: ServerResponse; hijack(): void },
      done: () => void,
    ) => void,
  ): void;
}

/**
 * The checks every request to an MCP endpoint meets before anything else of the app sees it: body parsers,
 * middleware, global and endpoint guards (so a foreign origin gets 403, never 401 or 413). In order: the
 * Origin and Host checks (403), CORS headers and the preflight answer, and the endpoint's own body limit
 * (`maxRequestBytes`, 413). Installed once per app, at provider creation, which comes before Nest adds the
 * app's body parsers: an Express middleware in front of the stack, Fastify hooks (`onRequest`, and the
 * route's `bodyLimit` for the endpoint's routes). Each `forRoot()` registers its endpoint's settings. On
 * Express, the endpoints' routes are then moved in front of the app's (`putEndpointRoutesFirst`).
 */
@Injectable()
export class EndpointEdge implements OnApplicationBootstrap {
  private readonly edges?: AppEdges;
  private readonly security: McpResolvedSecurity;
  /** The Express app, whose router gets the endpoints' routes first once they are registered. */
  private readonly express?: object;

  constructor(
    adapterHost: HttpAdapterHost,
    private readonly explorer: RouteExplorer,
    @Inject(MCP_ENDPOINT_CONTROLLER) controller: Type,
    @Inject(MCP_RESOLVED_OPTIONS) options: McpResolvedOptions,
    @Inject(MCP_SSE_CONTROLLER) sseController: Type | null,
  ) {
    this.security = options.security;
    for (const warning of openChecks(options.security)) logger.warn(warning);
    const adapter = adapterHost.httpAdapter;
    if (!adapter) return;
    const app = adapter.getInstance() as object;
    const known = edgesOfApp.get(app);
    this.edges = known ?? { endpoints: new Map() };
    this.cover(controller);
    if (sseController) this.cover(sseController);
    const type = adapter.getType();
    if (type === 'express') this.express = app;
    if (known) return;
    edgesOfApp.set(app, this.edges);
    if (type === 'express') adapter.use(this.expressEdge(this.edges));
    if (type === 'fastify') this.addFastifyHooks(app as FastifyInstanceLike, this.edges);
  }

  /**
   * Puts every route of `controller` (another transport's, e.g. legacy SSE) behind this endpoint's edge:
   * Origin/Host checks, CORS, and on Express the JSON body limit for its POSTs. Call it from a provider's
   * constructor, before the app is initialized. On Fastify, its routes need the `MCP_ROUTE_CONFIG_KEY`
   * route config for their body limit.
   */
  cover(controller: Type): void {
    if (!this.edges) return;
    this.edges.endpoints.set(controller, this.security);
    this.edges.paths = undefined;
  }

  /** Every route is registered by now (Nest registers routes before the bootstrap hooks). */
  onApplicationBootstrap(): void {
    if (this.express && this.edges) {
      putEndpointRoutesFirst(this.express, new Set(this.pathsOf(this.edges).keys()));
    }
  }

  private expressEdge(edges: AppEdges): ExpressMiddleware {
    return (req, res, next) => {
      const paths = this.pathsOf(edges);
      const path = pathOf(req.url);
      const exact = paths.get(path);
      // Express serves `/mcp/` and `/MCP` as the endpoint (its handler answers them 404): check them too.
      const security = exact ?? paths.get(endpointVariant(path, paths.keys()) ?? '');
      if (!security) return next();
      if (answeredAtEdge(req, res, security)) return;
      if (exact) readJsonBody(req, security.maxRequestBytes, next);
      else next();
    };
  }

  private addFastifyHooks(instance: FastifyInstanceLike, edges: AppEdges): void {
    instance.addHook('onRoute', (route) => {
      if (route.config?.[MCP_ROUTE_CONFIG_KEY] !== true || route.url === undefined) return;
      const security = this.pathsOf(edges).get(route.url);
      if (security) route.bodyLimit = security.maxRequestBytes;
    });
    instance.addHook('onRequest', (request, reply, done) => {
      const paths = this.pathsOf(edges);
      // The route Fastify matched, not the raw URL (which it may have decoded); preflights have no route.
      const route = request.routeOptions?.url;
      const path =
        route !== undefined && paths.has(route)
          ? route
          : request.raw.method === 'OPTIONS'
            ? pathOf(request.raw.url)
            : undefined;
      const security = path === undefined ? undefined : paths.get(path);
      if (!security || !answeredAtEdge(request.raw, reply.raw, security)) return done();
      reply.hijack();
    });
  }

  /** Each endpoint's paths as the router serves them (global prefix, RouterModule), computed once. */
  private pathsOf(edges: AppEdges): Map<string, McpResolvedSecurity> {
    if (edges.paths) return edges.paths;
    const paths = new Map<string, McpResolvedSecurity>();
    for (const [controller, security] of edges.endpoints) {
      for (const path of this.explorer.controllerPaths(controller)) paths.set(path, security);
    }
    return (edges.paths = paths);
  }
}

/** The Origin and Host checks, then CORS; returns whether the request is answered (403, or a preflight). */
export function answeredAtEdge(
  req: IncomingMessage,
  res: ServerResponse,
  security: McpResolvedSecurity,
): boolean {
  if (refuseForeignRequest(req, res, security)) return true;
  return security.cors !== undefined && answeredCors(req, res, security.cors);
}
