import { Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { EndpointAuth } from './auth/endpoint-auth.js';
import { OAuthProxyController } from './auth/oauth-proxy.controller.js';
import { ProtectedResourceRoutes } from './auth/protected-resource.js';
import { ToolVisibility } from './auth/tool-visibility.js';
import { CatalogBuilder } from './catalog/catalog.builder.js';
import { OpenApiDocumentFactory } from './discovery/openapi.document.js';
import { RouteExplorer } from './discovery/route.explorer.js';
import { BodyErrorBridge } from './http/body-error.bridge.js';
import { EndpointEdge } from './http/endpoint-edge.js';
import { createMcpController } from './http/mcp.controller.factory.js';
import { createSseController } from './http/sse.controller.factory.js';
import { ssePathOf } from './http/sse.options.js';
import { MCP_ENDPOINT_CONTROLLER, MCP_RESOLVED_OPTIONS, MCP_SSE_CONTROLLER } from './mcp.constants.js';
import {
  ASYNC_OPTIONS_TYPE,
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN,
  OPTIONS_TYPE,
} from './mcp.module-definition.js';
import type { McpModuleExtras, McpModuleOptions } from './mcp.options.js';
import { normalizePath, resolveOptions } from './mcp.options.resolve.js';
import { McpConfigurationError } from './mcp.errors.js';
import { getMcpToolsServiceToken } from './mcp.tokens.js';
import { McpToolsService } from './mcp.tools.service.js';

/**
 * Serves the app's Swagger-documented routes as MCP tools over Streamable HTTP.
 *
 * ```ts
 * @Module({ imports: [McpModule.forRoot({ name: 'Items MCP' })], controllers: [ItemsController] })
 * export class AppModule {}
 * ```
 * The tools are built once at application bootstrap; each call goes through the app's HTTP adapter, so
 * middleware, guards, pipes, interceptors and exception filters run as for any request.
 */
@Module({
  imports: [DiscoveryModule],
  providers: [
    RouteExplorer,
    OpenApiDocumentFactory,
    CatalogBuilder,
    McpToolsService,
    BodyErrorBridge,
    EndpointEdge,
    EndpointAuth,
    ProtectedResourceRoutes,
    OAuthProxyController,
    ToolVisibility,
    {
      provide: MCP_RESOLVED_OPTIONS,
      inject: [MODULE_OPTIONS_TOKEN],
      useFactory: (options: McpModuleOptions) => resolveOptions(options),
    },
  ],
  exports: [McpToolsService],
})
export class McpModule extends ConfigurableModuleClass implements OnApplicationBootstrap {
  constructor(private readonly tools: McpToolsService) {
    super();
  }

  /** Serves MCP with static options. */
  static forRoot(options: typeof OPTIONS_TYPE = {}): DynamicModule {
    return withEndpoint(super.forRoot(options), options);
  }

  /**
   * Serves MCP with options from a factory (e.g. `ConfigService`, `auth` included); `path`,
   * `endpointDecorators` and `sse` stay static.
   */
  static forRootAsync(options: typeof ASYNC_OPTIONS_TYPE): DynamicModule {
    return withEndpoint(super.forRootAsync(options), options);
  }

  onApplicationBootstrap(): void {
    this.tools.initialize();
  }
}

function withEndpoint(definition: DynamicModule, extras: McpModuleExtras): DynamicModule {
  const path = normalizePath(extras.path);
  const serviceToken = getMcpToolsServiceToken(path);
  const decorators = endpointDecoratorsOf(extras.endpointDecorators);
  const controller = createMcpController(path, decorators);
  const ssePath = ssePathOf(extras.sse, path, normalizePath);
  const sseController = ssePath === undefined ? null : createSseController(ssePath, decorators, path);
  return {
    ...definition,
    controllers: [...(definition.controllers ?? []), controller, ...(sseController ? [sseController] : [])],
    providers: [
      ...(definition.providers ?? []),
      { provide: serviceToken, useExisting: McpToolsService },
      { provide: MCP_ENDPOINT_CONTROLLER, useValue: controller },
      { provide: MCP_SSE_CONTROLLER, useValue: sseController },
    ],
    exports: [...(definition.exports ?? []), serviceToken],
  };
}

function endpointDecoratorsOf(
  decorators: McpModuleExtras['endpointDecorators'],
): NonNullable<McpModuleExtras['endpointDecorators']> {
  if (decorators === undefined || decorators === null) return [];
  if (!Array.isArray(decorators) || decorators.some((decorator) => typeof decorator !== 'function')) {
    throw new McpConfigurationError(
      'McpModule option "endpointDecorators" must be an array of decorators, e.g. [Public()].',
    );
  }
  return decorators;
}
