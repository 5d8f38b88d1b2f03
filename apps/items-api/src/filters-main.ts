import 'reflect-metadata';

import { Logger } from '@nestjs/common';

import { adapterFromEnv, createItemsApp, listenFromEnv } from './bootstrap.js';
import { FILTER_EXAMPLES, FiltersExampleModule } from './filters-example.module.js';

// The same app as main.ts with other MCP servers; on port 3001 by default so that both can run at once.
const adapter = adapterFromEnv();
const base = await listenFromEnv(await createItemsApp(adapter, {}, FiltersExampleModule), 3001);
const logger = new Logger('ItemsApiFilters');
logger.log(`Items API filters example (${adapter}) listening on ${base}`);
logger.log(`Swagger UI:  ${base}/docs`);
for (const { name, path } of FILTER_EXAMPLES) logger.log(`${name}: ${base}${path}`);
