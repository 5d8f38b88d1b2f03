import type { HttpAdapterHost } from '@nestjs/core';
import { ExpressInjector } from './express.injector.js';
import { FastifyInjector } from './fastify.injector.js';
import type { HttpDispatcher } from './http.dispatcher.js';

/** Picks the in-process dispatcher for the app's HTTP adapter. */
export function createDispatcher(adapterHost: HttpAdapterHost): HttpDispatcher {
  const adapter = adapterHost.httpAdapter;
  const type = adapter?.getType();
  if (type === 'express') return new ExpressInjector(adapter.getInstance());
  if (type === 'fastify') return new FastifyInjector(adapter.getInstance());
  throw new Error(
    `nestjs-mcp dispatches tool calls through Express or Fastify, but this app's HTTP adapter is ` +
      `${JSON.stringify(type ?? 'none')}. Create the app with @nestjs/platform-express or @nestjs/platform-fastify.`,
  );
}
