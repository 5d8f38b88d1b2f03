import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { RouteExplorer } from '../discovery/route.explorer.js';
import { writeBodyError } from './body-errors.js';

/** Fastify route config key that marks the MCP endpoint's routes. */
export const MCP_ROUTE_CONFIG_KEY = 'nestjsMcpEndpoint';

type ExpressErrorMiddleware = (
  err: unknown,
  req: IncomingMessage & { path?: string },
  res: ServerResponse,
  next: (err?: unknown) => void,
) => void;

interface FastifyRouteOptions {
  config?: Record<string, unknown>;
  errorHandler?: (error: unknown, request: unknown, reply: { raw: ServerResponse; hijack(): void }) => void;
}

/** Apps already bridged: with several MCP servers in one app, one bridge serves all their endpoints. */
const bridged = new WeakSet<object>();

/**
 * Body errors happen before the MCP handler runs: in Express's body parser, or in Fastify's content-type
 * parser. This bridge answers those on the MCP endpoints with JSON-RPC errors and leaves every other route
 * and every other error to the app.
 */
@Injectable()
export class BodyErrorBridge implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly explorer: RouteExplorer,
  ) {
    // Fastify only lets an `onRoute` hook add a route's error handler, and Nest registers its routes before
    // any lifecycle hook runs: the hook has to be in place when the providers are created.
    if (this.adapterHost.httpAdapter?.getType() === 'fastify') this.addFastifyHook();
  }

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (adapter?.getType() !== 'express' || bridged.has(adapter)) return;
    bridged.add(adapter);
    // Served paths as the router computed them: global prefix (and its exclusions), RouterModule paths.
    const paths = new Set(this.explorer.endpointPaths());
    // Registered after the routes and before Nest's own error handler, which Nest adds after this hook.
    const middleware: ExpressErrorMiddleware = (err, req, res, next) => {
      const path = (req.path ?? '').replace(/\/+$/, '') || '/';
      if (paths.has(path) && writeBodyError(err, res)) return;
      next(err);
    };
    adapter.use(middleware);
  }

  private addFastifyHook(): void {
    const instance = this.adapterHost.httpAdapter.getInstance() as {
      addHook(name: 'onRoute', hook: (route: FastifyRouteOptions) => void): void;
    };
    if (bridged.has(instance)) return;
    bridged.add(instance);
    instance.addHook('onRoute', (route) => {
      if (route.config?.[MCP_ROUTE_CONFIG_KEY] !== true) return;
      route.errorHandler = (error, _request, reply) => {
        if (!writeBodyError(error, reply.raw)) throw error;
        reply.hijack();
      };
    });
  }
}
