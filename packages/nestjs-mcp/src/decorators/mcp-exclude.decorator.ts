import { SetMetadata } from '@nestjs/common';
import { MCP_EXCLUDE_METADATA } from '../mcp.constants.js';

/**
 * Keeps a controller (all of its routes) or a single handler out of the MCP tools, whatever the
 * exposure mode. Routes hidden from Swagger (`@ApiExcludeEndpoint`, `@ApiExcludeController`) are never
 * tools either.
 */
export function McpExclude(): ClassDecorator & MethodDecorator {
  return SetMetadata(MCP_EXCLUDE_METADATA, true);
}
