import { normalizePath } from './mcp.options.resolve.js';

/**
 * The injection token of the `McpToolsService` of the MCP server at `path`. With one server, inject
 * `McpToolsService` itself; with several (one `McpModule.forRoot()` per path), the class names only one of
 * them, so inject each by its path: `@Inject(getMcpToolsServiceToken('/admin-mcp'))`.
 */
export function getMcpToolsServiceToken(path = '/mcp'): string {
  return `McpToolsService:${normalizePath(path)}`;
}
