import 'reflect-metadata';

import { FastifyAdapter } from '@nestjs/platform-fastify';
import { serveStdio } from 'nestjs-mcp';

import { AppModule } from './app.module.js';
import { adapterFromEnv, configureItemsApp } from './bootstrap.js';

// The items API as a local MCP server over stdio, for Claude Desktop and other hosts that launch one:
// `node dist/stdio-main.js`. No port is opened; stdout carries only MCP messages, logs go to stderr.
// ADAPTER=fastify runs it on Fastify; ITEMS_API_AUTHORIZATION (e.g. "Bearer …") is the Authorization
// header every tool call carries, for routes behind guards.
await serveStdio(AppModule, {
  adapter: adapterFromEnv() === 'fastify' ? new FastifyAdapter() : undefined,
  configure: configureItemsApp,
  headers: { authorization: process.env.ITEMS_API_AUTHORIZATION },
});
