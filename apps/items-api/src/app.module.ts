import { Module } from '@nestjs/common';
import { McpModule, type McpModuleOptions } from 'nestjs-mcp';

import { ItemsRestModule } from './items-rest.module.js';

/** The MCP server of the items API: shared by `AppModule` and the separate deployment (`remote-main.ts`). */
export const ITEMS_MCP_OPTIONS: McpModuleOptions = {
  name: 'Items MCP',
  version: '1.0.0',
  instructions: 'Tools to list, search, create, update and delete items in a small inventory.',
  // The admin routes (tagged `admin`) are for the people who run the inventory, not for agents: they
  // stay REST-only. Routes marked @McpExclude() (POST /items/reset) are left out whatever the filters.
  excludeTags: ['admin'],
};

/** The items API, served as REST routes and, through `McpModule`, as MCP tools at `/mcp`. */
@Module({ imports: [ItemsRestModule, McpModule.forRoot(ITEMS_MCP_OPTIONS)] })
export class AppModule {}
