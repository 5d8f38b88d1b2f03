import 'reflect-metadata';

import { Logger } from '@nestjs/common';

import { AuthExampleModule } from './auth-example.module.js';
import { adapterFromEnv, createItemsApp, listenFromEnv } from './bootstrap.js';

// The token-passthrough example; on port 3002 by default so that it can run next to the other two.
const adapter = adapterFromEnv();
const base = await listenFromEnv(await createItemsApp(adapter, {}, AuthExampleModule), 3002);
const logger = new Logger('ItemsApiAuth');
logger.log(`Items API token-passthrough example (${adapter}) listening on ${base}`);
logger.log(`MCP endpoint (needs a bearer token): ${base}/mcp`);
logger.log(`Mint a token: export AUTH_HEADER="Bearer $(npm run -s token)"`);
if (!process.env.JWT_SECRET) logger.warn('JWT_SECRET is unset: tokens are signed with the public dev secret');
