import type { HttpAdapterHost } from '@nestjs/core';
import { expressHandler } from './express.injector.js';
import { fastifyHandler } from './fastify.injector.js';
import type { HttpDispatcher } from './http.dispatcher.js';
import { InProcessInjector } from './in-process.injector.js';
import { RemoteDispatcher } from './remote.dispatcher.js';

/** Where tool calls go: the API at `baseUrl` over HTTP when it is set, else this app's adapter in-process. */
export interface DispatchTarget {
  readonly baseUrl?: string;
  readonly maxResponseBytes: number;
}

/** Picks the dispatcher: remote for a separate deployment, else the in-process one for the app's adapter. */
export function createDispatcher(adapterHost: HttpAdapterHost, target: DispatchTarget): HttpDispatcher {
  if (target.baseUrl !== undefined) return new RemoteDispatcher(target.baseUrl, target.maxResponseBytes);
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
