import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';

/** The HTTP platforms every end-to-end expectation runs on. */
export type AdapterName = 'express' | 'fastify';

/** Both adapters, for `describe.each(ADAPTERS)`. */
export const ADAPTERS: readonly AdapterName[] = ['express', 'fastify'];

/** Creates (without listening) a Nest app for `module` on the named adapter, with Nest's logger off. */
export function createApp(module: Type, adapter: AdapterName): Promise<INestApplication> {
  const httpAdapter = adapter === 'fastify' ? new FastifyAdapter() : new ExpressAdapter();
  // abortOnError: false, so a module that fails to build rejects instead of exiting the test process.
  return NestFactory.create(module, httpAdapter, { logger: false, abortOnError: false });
}
