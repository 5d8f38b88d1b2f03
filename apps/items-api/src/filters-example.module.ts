import { Module } from '@nestjs/common';
import { McpModule, type McpModuleOptions } from 'nestjs-mcp';

import { ItemsRestModule } from './items-rest.module.js';

/** The options of one MCP server of the filters example; each needs its own `path`. */
export type FilterExample = McpModuleOptions & { name: string; path: string };

/**
 * One MCP server per way of choosing tools, after FastAPI-MCP's `03_custom_exposed_endpoints_example.py`.
 * Tools are named by operationId (or `@McpTool({ name })`); the tags are the `@ApiTags()`: `items` on the
 * item routes, `admin` on `GET /admin/stats` (`item_stats`).
 *
 * Precedence, as documented by nestjs-mcp: `@McpExclude()` routes are never tools (`reset_items`), and
 * `@McpTool()` routes are always tools, whatever the filters: `find_items` is on every server below, even
 * where its operation or its tag is not selected. Filters only choose among the other routes.
 */
export const FILTER_EXAMPLES: readonly FilterExample[] = [
  // Only the listed operations: a read-only catalogue.
  {
    name: 'Items MCP: include operations',
    path: '/include-operations-mcp',
    includeOperations: ['get_item', 'list_items'],
  },
  // Everything except the listed operations: no writes.
  {
    name: 'Items MCP: exclude operations',
    path: '/exclude-operations-mcp',
    excludeOperations: ['create_item', 'update_item', 'delete_item'],
  },
  // Only the routes tagged `items`.
  { name: 'Items MCP: include tags', path: '/include-tags-mcp', includeTags: ['items'] },
  // Every route except those tagged `items`: here, the admin statistics.
  { name: 'Items MCP: exclude tags', path: '/exclude-tags-mcp', excludeTags: ['items'] },
  // An operation filter and a tag filter together select the union of what each selects.
  {
    name: 'Items MCP: combined include',
    path: '/combined-include-mcp',
    includeOperations: ['item_stats'],
    includeTags: ['items'],
  },
];

/** The items API with one MCP server per entry of {@link FILTER_EXAMPLES}, side by side in one app. */
@Module({
  imports: [ItemsRestModule, ...FILTER_EXAMPLES.map((example) => McpModule.forRoot(example))],
})
export class FiltersExampleModule {}
