import 'reflect-metadata';

import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';

import { adapterFromEnv, listenFromEnv } from './bootstrap.js';
import { remoteExampleModule } from './remote-example.module.js';

// Separate deployment: an MCP server on port 3005 (by default) whose tool calls go over HTTP to the items
// API running on its own (`npm start`, at API_URL, default http://localhost:3000).
const adapter = adapterFromEnv();
const apiUrl = process.env.API_URL ?? 'http://localhost:3000';
const module = remoteExampleModule(apiUrl);
const app =
  adapter === 'fastify'
    ? await NestFactory.create(module, new FastifyAdapter())
    : await NestFactory.create(module, new ExpressAdapter());
const base = await listenFromEnv(app, 3005);
const logger = new Logger('ItemsMcpRemote');
logger.log(`Items MCP server (${adapter}) listening on ${base}/mcp`);
logger.log(`Tool calls go to the items API at ${apiUrl}`);
