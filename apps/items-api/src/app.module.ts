import { Module } from '@nestjs/common';
import { McpModule, type McpModuleOptions, type McpSessionMode } from 'nestjs-mcp';

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

/**
 * `MCP_SESSION=stateful` starts the example with sessions (see the README's "Sessions"); anything else, or
 * nothing, keeps the default stateless endpoint.
 */
export function sessionModeFromEnv(value: string | undefined = process.env.MCP_SESSION): McpSessionMode {
  if (!value || value === 'stateless') return 'stateless';
  if (value === 'stateful') return 'stateful';
  throw new Error(`MCP_SESSION must be 'stateless' or 'stateful'; got '${value}'`);
}

/**
 * The items API, served as REST routes and, through `McpModule`, as MCP tools at `/mcp` (Streamable HTTP)
 * and at `/sse` (the legacy HTTP+SSE transport, for clients that predate Streamable HTTP).
 */
@Module({
  imports: [
    ItemsRestModule,
    McpModule.forRoot({ ...ITEMS_MCP_OPTIONS, session: sessionModeFromEnv(), sse: true }),
  ],
})
export class AppModule {}
