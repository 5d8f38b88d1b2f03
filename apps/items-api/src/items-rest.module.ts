import { Module } from '@nestjs/common';

import { AdminController } from './admin/admin.controller.js';
import { HealthController } from './health.controller.js';
import { ItemImageController } from './items/item-image.controller.js';
import { ItemsController } from './items/items.controller.js';
import { ItemsService } from './items/items.service.js';

/**
 * The REST side of the items API, without any MCP server: `AppModule` and `FiltersExampleModule` import it
 * and add their own `McpModule`s, which find these routes wherever they are declared in the app.
 */
@Module({
  controllers: [ItemsController, ItemImageController, AdminController, HealthController],
  providers: [ItemsService],
})
export class ItemsRestModule {}
