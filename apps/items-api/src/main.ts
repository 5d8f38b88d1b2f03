import 'reflect-metadata';

import { Logger } from '@nestjs/common';
import type { AddressInfo } from 'node:net';

import { adapterFromEnv, createItemsApp } from './bootstrap.js';

const adapter = adapterFromEnv();
const app = await createItemsApp(adapter);
await app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '0.0.0.0');

// PORT=0 picks a free port, so the logs report the one the server actually got.
const { port } = app.getHttpServer().address() as AddressInfo;
const base = `http://localhost:${port}`;
const logger = new Logger('ItemsApi');
logger.log(`Items API (${adapter}) listening on ${base}`);
logger.log(`Swagger UI:  ${base}/docs`);
logger.log(`MCP endpoint: ${base}/mcp`);
