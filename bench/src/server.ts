/**
 * A bench server child: builds the app `BENCH_SERVER` describes, listens on a free loopback port, says so
 * over IPC, then answers the parent's CPU and heap questions until the parent disconnects.
 */
import 'reflect-metadata';

import { type DynamicModule, type INestApplication, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { McpStrategy } from '@rekog/mcp-nest';
import type { AddressInfo } from 'node:net';

import { controllersFor } from './app/routes.js';
import type { ServerConfig, ServerReply, ServerRequest } from './app/server-config.js';

const config = JSON.parse(process.env.BENCH_SERVER ?? '{}') as ServerConfig;

// Each MCP library is imported only by the servers that use it, so the plain app's start-up loads neither.
async function appModule(): Promise<{ module: Type; strategy?: McpStrategy }> {
  const controllers = controllersFor(config.routes);
  const imports: DynamicModule[] = [];
  let strategy: McpStrategy | undefined;
  if (config.kind === 'mcp') {
    const { McpModule } = await import('nestjs-mcp');
    imports.push(McpModule.forRoot({ name: 'bench', session: config.session, maxSessions: 5000 }));
  } else if (config.kind === 'rekog') {
    const { McpStrategy, StreamableHttpTransport } = await import('@rekog/mcp-nest');
    const { rekogControllersFor } = await import('./app/rekog.js');
    controllers.push(...rekogControllersFor(config.routes));
    strategy = new McpStrategy({
      name: 'bench',
      version: '1.0.0',
      transports: [new StreamableHttpTransport({ statefulMode: config.session === 'stateful' })],
      logging: false,
    });
  }
  @Module({ imports, controllers })
  class BenchModule {}
  return { module: BenchModule, strategy };
}

async function start(): Promise<INestApplication> {
  const { module, strategy } = await appModule();
  // Only the platform in use is loaded, as in an app.
  const adapter =
    config.adapter === 'fastify'
      ? new (await import('@nestjs/platform-fastify')).FastifyAdapter()
      : new (await import('@nestjs/platform-express')).ExpressAdapter();
  const app = await NestFactory.create(module, adapter, { logger: false });
  if (strategy) {
    strategy.setHttpAdapter(app.getHttpAdapter());
    app.connectMicroservice({ strategy });
    await app.startAllMicroservices();
  }
  await app.listen(0, '127.0.0.1');
  return app;
}

function answer(request: ServerRequest): ServerReply {
  if (request.op === 'cpu') {
    const { user, system } = process.cpuUsage();
    return { id: request.id, cpuMicros: user + system };
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('start the bench server with --expose-gc');
  // Several passes: objects freed by one pass (finalizers, weak maps) are collected by the next.
  for (let pass = 0; pass < 4; pass++) gc();
  return { id: request.id, memory: process.memoryUsage() };
}

const app = await start();
const { port } = app.getHttpServer().address() as AddressInfo;
process.on('message', (request: ServerRequest) => process.send!(answer(request)));
// The parent going away (its end, a crash) ends the child: nothing the bench started outlives it.
process.on('disconnect', () => void app.close().finally(() => process.exit(0)));
process.send!({ type: 'ready', port });
