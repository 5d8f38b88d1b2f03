import { Module } from '@nestjs/common';
import { McpModule } from 'nestjs-mcp';

import { HealthController } from './health.controller.js';
import { ItemsController } from './items/items.controller.js';
import { ItemsService } from './items/items.service.js';

/** The items API, served as REST routes and, through `McpModule`, as MCP tools at `/mcp`. */
@Module({
  imports: [
    McpModule.forRoot({
      name: 'Items MCP',
      version: '1.0.0',
      instructions: 'Tools to list, search, create, update and delete items in a small inventory.',
    }),
  ],
  controllers: [ItemsController, HealthController],
  providers: [ItemsService],
})
export class AppModule {}
