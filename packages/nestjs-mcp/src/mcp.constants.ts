/** Metadata written by `@McpTool()` on a controller class or a handler. */
export const MCP_TOOL_METADATA = 'nestjs-mcp:tool';
/** Metadata written by `@McpExclude()` on a controller class or a handler. */
export const MCP_EXCLUDE_METADATA = 'nestjs-mcp:exclude';
/** Marks the generated MCP endpoint controller, so discovery never turns it into a tool. */
export const MCP_ENDPOINT_METADATA = 'nestjs-mcp:endpoint';
/** Marks a generated legacy SSE transport controller (which also carries `MCP_ENDPOINT_METADATA`). */
export const MCP_LEGACY_SSE_METADATA = 'nestjs-mcp:legacy-sse';
/** Injection token of the resolved, validated options (see `McpResolvedOptions`). */
export const MCP_RESOLVED_OPTIONS = Symbol('nestjs-mcp:resolved-options');

export const DEFAULT_SERVER_NAME = 'Nest MCP';
export const DEFAULT_SERVER_VERSION = '1.0.0';
export const DEFAULT_PATH = '/mcp';
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
export const DEFAULT_FORWARD_HEADERS: readonly string[] = ['authorization'];
/** Injection token of the endpoint controller class generated for one `forRoot()`. */
export const MCP_ENDPOINT_CONTROLLER = Symbol('nestjs-mcp:endpoint-controller');
/** Injection token of the legacy SSE transport's controller (option `sse`), or `null` when it is off. */
export const MCP_SSE_CONTROLLER = Symbol('nestjs-mcp:sse-controller');
