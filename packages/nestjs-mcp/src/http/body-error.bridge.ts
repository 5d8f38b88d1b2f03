import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { RouteExplorer } from '../discovery/route.explorer.js';
import { rejectMethod } from '../protocol/streamable-http.handler.js';
import { bodyErrorAnswer, writeBodyErrorAnswer } from './body-errors.js';
import { decodeRequestContent } from './content-decoding.js';
import { endpointVariant, pathOf, rejectPathVariant } from './path-variants.js';

/** Fastify route config key that marks the MCP endpoint's routes. */
export const MCP_ROUTE_CONFIG_KEY = 'nestjsMcpEndpoint';
/** Fastify route config key that marks the legacy SSE transport's routes (besides `MCP_ROUTE_CONFIG_KEY`). */
export const MCP_LEGACY_SSE_ROUTE_CONFIG_KEY = 'nestjsMcpLegacySse';

type ExpressErrorMiddleware = (
  err: unknown,
  req: IncomingMessage & { path?: string },
  res: ServerResponse,
  next: (err?: unknown) => void,
) => void;

type PreParsingHook = (...args: never[]) => unknown;

type OnRequestHook = (request: { raw: IncomingMessage }, reply: unknown, done: () => void) => void;

interface FastifyRouteOptions {
  method?: string | string[];
  onRequest?: OnRequestHook | OnRequestHook[];
  config?: Record<string, unknown>;
  preParsing?: PreParsingHook | PreParsingHook[];
  errorHandler?: (
    error: unknown,
    request: { raw: IncomingMessage; routeOptions?: { bodyLimit?: number } },
    reply: { raw: ServerResponse; hijack(): void },
  ) => void;
}

interface FastifyInstanceLike {
  addHook(name: 'onRoute', hook: (route: FastifyRouteOptions) => void): void;
  addHook(
    name: 'onRequest',
    hook: (
      request: { raw: IncomingMessage },
      reply: { raw: ServerResponse; hijack(): void },
      done: () => void,
    ) => void,
  ): void;
}

/** Apps already bridged: with several MCP servers in one app, one bridge serves all their endpoints. */
const bridged = new WeakSet<object>();

/**
 * Some requests to the MCP endpoint fail before its handler runs: in Express's body parser, in Fastify's
 * content-type parser, or in routing (a trailing slash, which Express serves and Fastify does not). This
 * bridge answers those with the same JSON-RPC errors on both adapters, and leaves every other route and
 * every other error to the app. On Fastify it also decodes compressed bodies, as Express does.
 */
@Injectable()
export class BodyErrorBridge implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly explorer: RouteExplorer,
  ) {
    // Fastify only lets an `onRoute` hook add a route's error handler, and Nest registers its routes before
    // any lifecycle hook runs: the hook has to be in place when the providers are created.
    if (this.adapterHost.httpAdapter?.getType() === 'fastify') this.addFastifyHooks();
  }

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (adapter?.getType() !== 'express' || bridged.has(adapter)) return;
    bridged.add(adapter);
    // Served paths as the router computed them: global prefix (and its exclusions), RouterModule paths.
    const paths = new Set(this.explorer.endpointPaths());
    const legacySse = new Set(this.explorer.legacySsePaths());
    // Registered after the routes and before Nest's own error handler, which Nest adds after this hook.
    const middleware: ExpressErrorMiddleware = (err, req, res, next) => {
      const path = req.path ?? '';
      const variantOf = endpointVariant(path, paths);
      const answer =
        paths.has(path) || variantOf ? bodyErrorAnswer(err, req, undefined, !legacySse.has(path)) : undefined;
      if (!answer) return next(err);
      // The endpoint's own answers to these requests come first, as when the body is fine.
      if (variantOf) rejectPathVariant(res, path, variantOf);
      else if (req.method !== 'POST') rejectMethod(res, req.method ?? '');
      else writeBodyErrorAnswer(res, answer);
    };
    adapter.use(middleware);
  }

  private addFastifyHooks(): void {
    const instance = this.adapterHost.httpAdapter.getInstance() as FastifyInstanceLike;
    if (bridged.has(instance)) return;
    bridged.add(instance);
    instance.addHook('onRoute', (route) => {
      if (route.config?.[MCP_ROUTE_CONFIG_KEY] !== true) return;
      const preParsing = route.preParsing ?? [];
      route.preParsing = [...(Array.isArray(preParsing) ? preParsing : [preParsing]), decodeRequestContent];
      if ([route.method].flat().some((method) => method === 'GET' || method === 'DELETE')) {
        const onRequest = route.onRequest ?? [];
        route.onRequest = [
          ...(Array.isArray(onRequest) ? onRequest : [onRequest]),
          ignoreBodylessContentType,
        ];
      }
      route.errorHandler = (error, request, reply) => {
        const negotiates = route.config?.[MCP_LEGACY_SSE_ROUTE_CONFIG_KEY] !== true;
        const answer = bodyErrorAnswer(error, request.raw, request.routeOptions?.bodyLimit, negotiates);
        if (!answer) throw error;
        const method = request.raw.method ?? '';
        if (method !== 'POST') rejectMethod(reply.raw, method);
        else writeBodyErrorAnswer(reply.raw, answer);
        reply.hijack();
      };
    });
    // Fastify serves neither `/mcp/` nor `/MCP` (Express serves both as `/mcp`): both answer them with a 404
    // naming the endpoint.
    let endpoints: string[] | undefined;
    instance.addHook('onRequest', (request, reply, done) => {
      const path = pathOf(request.raw.url);
      endpoints ??= this.explorer.endpointPaths();
      const variantOf = endpointVariant(path, endpoints);
      if (variantOf === undefined) return done();
      rejectPathVariant(reply.raw, path, variantOf);
      reply.hijack();
    });
  }
}

/**
 * A session's GET or DELETE carries no body, but clients may still send `Content-Type: application/json`;
 * Fastify then refuses the empty JSON body before the handler runs (Express lets it through). Without a
 * body the header means nothing, so it is dropped.
 */
const ignoreBodylessContentType: OnRequestHook = (request, _reply, done) => {
  const headers = request.raw.headers;
  const bodyless =
    headers['transfer-encoding'] === undefined &&
    (headers['content-length'] === undefined || headers['content-length'] === '0');
  if (bodyless) delete headers['content-type'];
  done();
};
