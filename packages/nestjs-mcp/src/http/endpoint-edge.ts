import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable, Logger, type Type } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { RouteExplorer } from '../discovery/route.explorer.js';
import { MCP_ENDPOINT_CONTROLLER, MCP_RESOLVED_OPTIONS } from '../mcp.constants.js';
import type { McpResolvedOptions } from '../mcp.options.js';
import { MCP_ROUTE_CONFIG_KEY } from './body-error.bridge.js';
import { readJsonBody } from './body-limit.js';
import { answeredCors } from './cors.js';
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
  routeOptions?: { url?: string; config?: Record<string, unknown> };
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
 * route's `bodyLimit` for the endpoint's routes). Each `forRoot()` registers its endpoint's settings.
 */
@Injectable()
export class EndpointEdge {
  constructor(
    adapterHost: HttpAdapterHost,
    private readonly explorer: RouteExplorer,
    @Inject(MCP_ENDPOINT_CONTROLLER) controller: Type,
    @Inject(MCP_RESOLVED_OPTIONS) options: McpResolvedOptions,
  ) {
    for (const warning of openChecks(options.security)) logger.warn(warning);
    const adapter = adapterHost.httpAdapter;
    if (!adapter) return;
    const app = adapter.getInstance() as object;
    const known = edgesOfApp.get(app);
    if (known) {
      known.endpoints.set(controller, options.security);
      return;
    }
    const edges: AppEdges = { endpoints: new Map([[controller, options.security]]) };
    edgesOfApp.set(app, edges);
    const type = adapter.getType();
    if (type === 'express') adapter.use(this.expressEdge(edges));
    if (type === 'fastify') this.addFastifyHooks(app as FastifyInstanceLike, edges);
  }

  private expressEdge(edges: AppEdges): ExpressMiddleware {
    return (req, res, next) => {
      const paths = this.pathsOf(edges);
      const path = pathOf(req.url);
      const exact = paths.get(path);
      // Express serves `/mcp/` and `/MCP` as the endpoint (its handler answers them 404): check them too.
      const security = exact ?? paths.get(endpointVariant(path, paths.keys()) ?? '');
      if (!security || answeredAtEdge(req, res, security)) {
        if (!security) next();
        return;
      }
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
      const route = request.routeOptions;
      // The route Fastify matched, not the raw URL (which it may have decoded); preflights have no route.
      const path =
        route?.config?.[MCP_ROUTE_CONFIG_KEY] === true
          ? route.url
          : request.raw.method === 'OPTIONS'
            ? pathOf(request.raw.url)
            : undefined;
      const security = path === undefined ? undefined : this.pathsOf(edges).get(path);
      if (!security || !answeredAtEdge(request.raw, reply.raw, security)) return done();
      reply.hijack();
    });
  }

  /** Each endpoint's paths as the router serves them (global prefix, RouterModule), computed once. */
  private pathsOf(edges: AppEdges): Map<string, McpResolvedSecurity> {
    if (edges.paths) return edges.paths;
    const paths = new Map<string, McpResolvedSecurity>();
    for (const [controller, security] of edges.endpoints) {
      for (const path of this.explorer.endpointPaths(controller)) paths.set(path, security);
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
