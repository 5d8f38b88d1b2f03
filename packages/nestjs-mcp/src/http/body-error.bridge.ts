import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import { RoutePathFactory } from '@nestjs/core/router/route-path-factory.js';
import { MCP_ENDPOINT_PATH } from '../mcp.constants.js';
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

/**
 * Body errors happen before the MCP handler runs: in Express's body parser, or in Fastify's content-type
 * parser. This bridge answers those on the MCP endpoint with JSON-RPC errors and leaves every other route
 * and every other error to the app.
 */
@Injectable()
export class BodyErrorBridge implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: ApplicationConfig,
    @Inject(MCP_ENDPOINT_PATH) private readonly endpointPath: string,
  ) {
    // Fastify only lets an `onRoute` hook add a route's error handler, and Nest registers its routes before
    // any lifecycle hook runs: the hook has to be in place when the providers are created.
    if (this.adapterHost.httpAdapter?.getType() === 'fastify') this.addFastifyHook();
  }

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (adapter?.getType() !== 'express') return;
    const prefix = this.config.getGlobalPrefix();
    const paths = new Set(
      new RoutePathFactory(this.config).create({
        ctrlPath: this.endpointPath,
        globalPrefix: prefix ? `/${prefix.replace(/^\/+/, '')}` : undefined,
      }),
    );
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
    instance.addHook('onRoute', (route) => {
      if (route.config?.[MCP_ROUTE_CONFIG_KEY] !== true) return;
      route.errorHandler = (error, _request, reply) => {
        if (!writeBodyError(error, reply.raw)) throw error;
        reply.hijack();
      };
    });
  }
}
