export { McpModule } from './mcp.module.js';
export type { McpCorsOptions, McpSecurityOptions } from './http/security.options.js';
export type { McpModuleOptions, McpModuleExtras, McpExposure, McpSwaggerOptions } from './mcp.options.js';
export type { McpSessionMode } from './protocol/sessions/session.options.js';
export type { McpAuthOptions, McpGuard, McpOAuthMetadata } from './auth/auth.options.js';
export { OAuthProxyController } from './auth/oauth-proxy.controller.js';
export { isMcpListingProbe } from './auth/guard-runner.js';
export type { ToolFilterOptions } from './catalog/filters.js';
export type { ToolNaming } from './catalog/tool-name.js';
export { McpTool, type McpToolOptions, type McpToolAnnotations } from './decorators/mcp-tool.decorator.js';
export { McpExclude } from './decorators/mcp-exclude.decorator.js';
export { McpConfigurationError, McpToolNameCollisionError } from './mcp.errors.js';
export { McpToolsService, type ServerDescription } from './mcp.tools.service.js';
export { getMcpToolsServiceToken } from './mcp.tokens.js';
export type {
  Tool,
  ToolOutput,
  ToolEndpoint,
  ArgumentBinding,
  ArgumentLocation,
  BodyEncoding,
} from './catalog/tool.js';
export type { JsonSchema } from './catalog/json-schema.js';
export { serveStdio, type McpStdioServer } from './stdio/serve-stdio.js';
export type { ServeStdioOptions } from './stdio/stdio.options.js';
