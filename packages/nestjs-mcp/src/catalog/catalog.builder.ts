import { Injectable, Logger } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { OpenApiDocumentFactory } from '../discovery/openapi.document.js';
import { RouteExplorer } from '../discovery/route.explorer.js';
import { McpToolNameCollisionError } from '../mcp.errors.js';
import type { McpResolvedOptions } from '../mcp.options.js';
import { createTool, isExposed } from './tool.factory.js';
import { ToolCatalog } from './tool.catalog.js';
import type { Tool } from './tool.js';

/** The catalog and the document it was described from. */
export interface BuiltCatalog {
  readonly catalog: ToolCatalog;
  readonly document: OpenAPIObject;
}

/** Explores the app's routes, joins them to their OpenAPI operations and makes the tools. */
@Injectable()
export class CatalogBuilder {
  private readonly logger = new Logger('McpModule');

  constructor(
    private readonly explorer: RouteExplorer,
    private readonly documents: OpenApiDocumentFactory,
  ) {}

  build(options: McpResolvedOptions): BuiltCatalog {
    const routes = this.explorer.explore();
    const { document, operations } = this.documents.create(routes, options.swagger);
    const tools = new Map<string, { tool: Tool; routeId: string }>();
    for (const joined of operations) {
      if (!isExposed(joined, options.exposure)) continue;
      const tool = createTool(joined, document);
      const existing = tools.get(tool.name);
      if (existing?.routeId === joined.route.id) continue; // the same handler served at an alias path
      if (existing) throw collision(tool.name, existing.tool, tool);
      tools.set(tool.name, { tool, routeId: joined.route.id });
    }
    const catalog = new ToolCatalog([...tools.values()].map(({ tool }) => tool));
    this.logger.log(
      `MCP tools: ${catalog.size} (${
        catalog
          .list()
          .map((tool) => tool.name)
          .join(', ') || 'none'
      })`,
    );
    return { catalog, document };
  }
}

function collision(name: string, first: Tool, second: Tool): McpToolNameCollisionError {
  return new McpToolNameCollisionError(
    `Two routes would both be the MCP tool "${name}": ${first.source} and ${second.source}. ` +
      `Rename one with @McpTool({ name: '...' }) or @ApiOperation({ operationId: '...' }) on its handler, ` +
      `or keep it out with @McpExclude().`,
  );
}
