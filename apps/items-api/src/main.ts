import 'reflect-metadata';

import { Logger } from '@nestjs/common';

import { sessionModeFromEnv } from './app.module.js';
import { adapterFromEnv, createItemsApp, listenFromEnv } from './bootstrap.js';

const adapter = adapterFromEnv();
const base = await listenFromEnv(await createItemsApp(adapter), 3000);
const logger = new Logger('ItemsApi');
logger.log(`Items API (${adapter}) listening on ${base}`);
logger.log(`Swagger UI:  ${base}/docs`);
logger.log(`MCP endpoint: ${base}/mcp (Streamable HTTP, ${sessionModeFromEnv()})`);
logger.log(`Legacy SSE:   ${base}/sse (HTTP+SSE, for 2024-11-05 clients)`);
