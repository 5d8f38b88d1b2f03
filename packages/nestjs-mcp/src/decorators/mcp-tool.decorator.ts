import { SetMetadata } from '@nestjs/common';
import { MCP_TOOL_METADATA } from '../mcp.constants.js';

/**
 * Hints about a tool's behaviour for clients (MCP tool annotations). nestjs-mcp derives them from the HTTP
 * method; set any of them to override.
 */
export interface McpToolAnnotations {
  /** The tool does not change anything. Derived: true for GET and HEAD. */
  readOnlyHint?: boolean;
  /** The tool may destroy data (meaningful when not read-only). Derived: true for DELETE. */
  destructiveHint?: boolean;
  /** Calling it twice with the same arguments has no further effect. Derived: true for PUT and DELETE. */
  idempotentHint?: boolean;
  /** The tool reaches beyond this app (other systems, the internet). Derived: false. */
  openWorldHint?: boolean;
}

/** Overrides for the tool made from a route; every field is optional. */
export interface McpToolOptions {
  /** Tool name; default: the operation's `operationId`. Made safe for clients (`[A-Za-z0-9_.-]`, ≤ 64). */
  name?: string;
  /** Human-readable title shown by clients. */
  title?: string;
  /** Replaces the description generated from the Swagger summary, description and responses. */
  description?: string;
  /** Overrides the annotations derived from the HTTP method, key by key. */
  annotations?: McpToolAnnotations;
}

/**
 * Marks a controller or a handler as an MCP tool (required when `exposure: 'decorated'`) and overrides
 * what is generated for it. On a controller it applies to every route of the controller; a handler's own
 * `@McpTool()` wins over its controller's. `name` is only honoured on handlers.
 */
export function McpTool(options: McpToolOptions = {}): ClassDecorator & MethodDecorator {
  return SetMetadata(MCP_TOOL_METADATA, options);
}
