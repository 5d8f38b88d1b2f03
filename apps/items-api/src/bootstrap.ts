import {
  type DynamicModule,
  type INestApplication,
  type NestApplicationOptions,
  type Type,
  ValidationPipe,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AddressInfo } from 'node:net';

import { AppModule } from './app.module.js';

/** HTTP platforms the example runs on. */
export type AdapterName = 'express' | 'fastify';

const ADAPTERS: readonly AdapterName[] = ['express', 'fastify'];

/** The platform named by `ADAPTER`; express when it is unset or empty. */
export function adapterFromEnv(value: string | undefined = process.env.ADAPTER): AdapterName {
  if (!value) return 'express';
  if ((ADAPTERS as readonly string[]).includes(value)) return value as AdapterName;
  throw new Error(`ADAPTER must be one of ${ADAPTERS.map((name) => `'${name}'`).join(', ')}; got '${value}'`);
}

/**
 * Creates the items app from `module` (default {@link AppModule}; `FiltersExampleModule` for the filters
 * example, a dynamic module for the OAuth example) on the given platform, with validation and Swagger docs at `/docs` (JSON at `/docs-json`),
 * without listening: the entry points call {@link listenFromEnv}, tests their own `listen`.
 */
export async function createItemsApp(
  adapter: AdapterName = adapterFromEnv(),
  options: NestApplicationOptions = {},
  module: Type | DynamicModule = AppModule,
): Promise<INestApplication> {
  const app =
    adapter === 'fastify'
      ? await NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter(), options)
      : await NestFactory.create<NestExpressApplication>(module, new ExpressAdapter(), options);
  configureItemsApp(app);

  const config = new DocumentBuilder()
    .setTitle('Items API')
    .setDescription('A small inventory of items, served as REST routes and as MCP tools.')
    .setVersion('1.0.0')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  // On Fastify the UI's assets are served by @fastify/static, an optional peer of @nestjs/swagger.
  SwaggerModule.setup('docs', app, document);
  return app;
}

/** The setup every entry point needs before `init()`, over HTTP or stdio: validation of inputs. */
export function configureItemsApp(app: INestApplication): void {
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, transform: true }));
}

/**
 * Listens on `PORT` (else `defaultPort`) and `HOST` (else every interface), and returns the base URL to
 * log, e.g. `http://localhost:3000`. SIGTERM and SIGINT close the app (shutdown hooks), so stopping
 * `npm start` by its process id stops the server.
 */
export async function listenFromEnv(app: INestApplication, defaultPort: number): Promise<string> {
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT ?? defaultPort), process.env.HOST ?? '0.0.0.0');
  // PORT=0 picks a free port, so the URL reports the one the server actually got.
  const { port } = app.getHttpServer().address() as AddressInfo;
  return `http://localhost:${port}`;
}
