import type { INestApplicationContext } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { ToolVisibility } from '../auth/tool-visibility.js';
import { MCP_RESOLVED_OPTIONS } from '../mcp.constants.js';
import { McpConfigurationError } from '../mcp.errors.js';
import type { McpResolvedOptions } from '../mcp.options.js';
import { getMcpToolsServiceToken } from '../mcp.tokens.js';
import type { ToolProvider } from '../protocol/tool-provider.js';

/** The MCP endpoint of one `McpModule.forRoot()`: its tools as the HTTP endpoint serves them, its options. */
export interface McpEndpoint {
  readonly tools: ToolProvider;
  readonly options: McpResolvedOptions;
}

/** What every path's `McpToolsService` token starts with. */
const SERVICE_TOKEN_PREFIX = getMcpToolsServiceToken('/x').slice(0, -'/x'.length);

/**
 * Finds the `McpModule` serving `path` in an initialized app. Each `forRoot()` is its own module instance
 * with its own `ToolVisibility` (which hides tools by guards when the endpoint asks for it), so the lookup
 * goes through the module that registered the path's `McpToolsService` token.
 */
export function findMcpEndpoint(app: INestApplicationContext, path: string): McpEndpoint {
  const token = getMcpToolsServiceToken(path);
  const served: string[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    const keys = [...module.providers.keys()].filter(
      (key): key is string => typeof key === 'string' && key.startsWith(SERVICE_TOKEN_PREFIX),
    );
    served.push(...keys.map((key) => key.slice(SERVICE_TOKEN_PREFIX.length)));
    if (!keys.includes(token)) continue;
    const visibility = module.providers.get(ToolVisibility)?.instance as ToolVisibility | undefined;
    const options = module.providers.get(MCP_RESOLVED_OPTIONS)?.instance as McpResolvedOptions | undefined;
    if (visibility && options) return { tools: visibility.provider(), options };
  }
  throw new McpConfigurationError(
    served.length === 0
      ? 'serveStdio(): the app imports no McpModule. Add McpModule.forRoot() to the module you pass.'
      : `serveStdio(): no McpModule serves path "${token.slice(SERVICE_TOKEN_PREFIX.length)}"; this app serves ${served
          .map((other) => `"${other}"`)
          .join(', ')}. Pass one of them as the "path" option.`,
  );
}
