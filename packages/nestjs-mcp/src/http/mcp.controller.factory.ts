import { Controller, Delete, Get, Inject, Post, Req, Res, VERSION_NEUTRAL, type Type } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { MCP_ENDPOINT_METADATA } from '../mcp.constants.js';
import { McpToolsService } from '../mcp.tools.service.js';
import { handleStatelessPost, rejectMethod } from '../protocol/streamable-http.handler.js';
import { MCP_ROUTE_CONFIG_KEY } from './body-error.bridge.js';
import { toHttpExchange } from './http-exchange.js';

/** `@nestjs/platform-fastify`'s `@RouteConfig()` metadata key; written directly to stay adapter-neutral. */
const FASTIFY_ROUTE_CONFIG_METADATA = '__fastify_route_config__';

/**
 * Creates the controller that serves the MCP endpoint at `path`. A class per `forRoot()` lets the path be
 * chosen by the user while the endpoint stays a normal Nest route: the global prefix applies, and app
 * guards and middleware see it. It is version-neutral and never in the app's Swagger document.
 */
export function createMcpController(path: string): Type {
  @ApiExcludeController()
  @Controller({ path, version: VERSION_NEUTRAL })
  class McpEndpointController {
    constructor(@Inject(McpToolsService) private readonly tools: McpToolsService) {}

    @Post()
    async post(@Req() request: unknown, @Res() response: unknown): Promise<void> {
      const exchange = toHttpExchange(request, response);
      await handleStatelessPost(this.tools, exchange.caller, exchange.req, exchange.res, exchange.body);
    }

    @Get()
    get(@Req() request: unknown, @Res() response: unknown): void {
      rejectMethod(toHttpExchange(request, response).res, 'GET');
    }

    @Delete()
    delete(@Req() request: unknown, @Res() response: unknown): void {
      rejectMethod(toHttpExchange(request, response).res, 'DELETE');
    }
  }

  Reflect.defineMetadata(MCP_ENDPOINT_METADATA, true, McpEndpointController);
  for (const handler of ['post', 'get', 'delete'] as const) {
    Reflect.defineMetadata(
      FASTIFY_ROUTE_CONFIG_METADATA,
      { [MCP_ROUTE_CONFIG_KEY]: true },
      McpEndpointController.prototype[handler],
    );
  }
  return McpEndpointController;
}
