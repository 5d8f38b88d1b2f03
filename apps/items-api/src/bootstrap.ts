import { type INestApplication, type NestApplicationOptions, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

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
 * Creates the items app on the given platform, with validation and Swagger docs at `/docs` (JSON at
 * `/docs-json`), without listening: `main.ts` listens, tests call `init()` and inject requests.
 */
export async function createItemsApp(
  adapter: AdapterName = adapterFromEnv(),
  options: NestApplicationOptions = {},
): Promise<INestApplication> {
  const app =
    adapter === 'fastify'
      ? await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), options)
      : await NestFactory.create<NestExpressApplication>(AppModule, new ExpressAdapter(), options);
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, transform: true }));

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
