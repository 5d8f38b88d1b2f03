import type { HttpAdapterHost } from '@nestjs/core';
import { expressHandler } from './express.injector.js';
import { fastifyHandler } from './fastify.injector.js';
import type { HttpDispatcher } from './http.dispatcher.js';
import { InProcessInjector } from './in-process.injector.js';

/** Picks the in-process dispatcher for the app's HTTP adapter. */
export function createDispatcher(adapterHost: HttpAdapterHost): HttpDispatcher {
  const adapter = adapterHost.httpAdapter;
  const type = adapter?.getType();
  if (type === 'express') return new InProcessInjector(expressHandler(adapter.getInstance()));
  if (type === 'fastify') {
    const { handler, prepare } = fastifyHandler(adapter.getInstance());
    return new InProcessInjector(handler, prepare);
  }
  throw new Error(
    `nestjs-mcp dispatches tool calls through Express or Fastify, but this app's HTTP adapter is ` +
      `${JSON.stringify(type ?? 'none')}. Create the app with @nestjs/platform-express or @nestjs/platform-fastify.`,
  );
}
