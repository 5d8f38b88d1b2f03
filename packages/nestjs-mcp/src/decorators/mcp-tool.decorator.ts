import { SetMetadata } from '@nestjs/common';
import { MCP_TOOL_METADATA } from '../mcp.constants.js';

/** Overrides for the tool made from a route; every field is optional. */
export interface McpToolOptions {
  /** Tool name; default: the operation's `operationId`. Made safe for clients (`[A-Za-z0-9_.-]`, ≤ 64). */
  name?: string;
  /** Human-readable title shown by clients. */
  title?: string;
  /** Replaces the description generated from the Swagger summary and description. */
  description?: string;
}

/**
 * Marks a controller or a handler as an MCP tool (required when `exposure: 'decorated'`) and overrides
 * what is generated for it. On a controller it applies to every route of the controller; a handler's own
 * `@McpTool()` wins over its controller's. `name` is only honoured on handlers.
 */
export function McpTool(options: McpToolOptions = {}): ClassDecorator & MethodDecorator {
  return SetMetadata(MCP_TOOL_METADATA, options);
}
