import { Inject, Injectable, Logger, VersioningType, type Type } from '@nestjs/common';
import { ApplicationConfig } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { OpenApiDocumentFactory, type RouteOperation } from '../discovery/openapi.document.js';
import { RouteExplorer } from '../discovery/route.explorer.js';
import { MCP_ENDPOINT_CONTROLLER } from '../mcp.constants.js';
import type { DiscoveredRoute } from '../discovery/route.js';
import { McpToolNameCollisionError } from '../mcp.errors.js';
import type { McpResolvedOptions } from '../mcp.options.js';
import { applyFilters } from './filters.js';
import { hasUndocumentedBody } from './handler-body.js';
import { createTool, toolNameOf } from './tool.factory.js';
import { ToolCatalog } from './tool.catalog.js';
import type { Tool } from './tool.js';

/** The catalog and the document it was described from. */
export interface BuiltCatalog {
  readonly catalog: ToolCatalog;
  readonly document: OpenAPIObject;
  /** The route behind each tool, by tool name. */
  readonly routes: ReadonlyMap<string, DiscoveredRoute>;
}

interface Candidate {
  readonly joined: RouteOperation;
  /** The tool name, and the operationId it came from (filters accept either). */
  readonly names: readonly string[];
  readonly tags: readonly string[];
}

/** Explores the app's routes, joins them to their OpenAPI operations, selects and makes the tools. */
@Injectable()
export class CatalogBuilder {
  private readonly logger = new Logger('McpModule');

  constructor(
    private readonly explorer: RouteExplorer,
    private readonly documents: OpenApiDocumentFactory,
    private readonly config: ApplicationConfig,
    @Inject(MCP_ENDPOINT_CONTROLLER) private readonly endpoint: Type,
  ) {}

  build(options: McpResolvedOptions): BuiltCatalog {
    const routes = this.explorer.explore();
    const { document, operations } = this.documents.create(routes, options.swagger);
    const tools = new Map<string, { tool: Tool; route: DiscoveredRoute }>();
    const versioning = this.config.getVersioning();
    if (versioning?.type === VersioningType.CUSTOM) {
      this.logger.warn(
        'The app uses custom versioning, which nestjs-mcp cannot reproduce in a request: tool calls reach ' +
          'whichever version your extractor picks for a request without version information.',
      );
    }
    for (const { joined } of this.select(operations, options)) {
      const tool = createTool(joined, document, { ...options, versioning });
      const existing = tools.get(tool.name);
      if (existing?.route.id === joined.route.id) continue; // the same handler served at an alias path
      if (existing) throw collision(tool.name, existing.tool, tool);
      tools.set(tool.name, { tool, route: joined.route });
    }
    const catalog = new ToolCatalog([...tools.values()].map(({ tool }) => tool));
    const undocumented = catalog.list().filter(hasUndocumentedBody);
    if (undocumented.length > 0) {
      const handling = options.strictArguments
        ? 'so their tools take the whole body as one "body" object argument'
        : 'so their tools accept any extra argument and send it in the body';
      this.logger.warn(
        `These routes read a body their Swagger docs do not describe, ${handling}: ` +
          `${undocumented.map((tool) => tool.source).join(', ')}. ` +
          `Type the @Body() with a DTO whose properties have @ApiProperty(), or add @ApiBody().`,
      );
    }
    this.logger.log(
      // With several servers (or a global prefix) in one app, the path says which list this is.
      `MCP tools at ${this.explorer.endpointPaths(this.endpoint)[0] ?? 'the MCP endpoint'}: ${catalog.size} (${
        catalog
          .list()
          .map((tool) => tool.name)
          .join(', ') || 'none'
      })${options.baseUrl ? `; calls go over HTTP to ${options.baseUrl}` : ''}`,
    );
    const toolRoutes = new Map([...tools].map(([name, { route }]) => [name, route]));
    return { catalog, document, routes: toolRoutes };
  }

  /**
   * Which operations are tools, in this order of precedence: `@McpExclude()` never; `@McpTool()` always;
   * with `exposure: 'decorated'` nothing else; otherwise what the include/exclude filters select.
   */
  private select(operations: readonly RouteOperation[], options: McpResolvedOptions): Candidate[] {
    const candidates = operations
      .filter((joined) => !joined.route.excluded)
      .map((joined) => ({
        joined,
        names: [toolNameOf(joined, options.toolNames), joined.operation.operationId].filter(
          (name): name is string => !!name,
        ),
        tags: joined.operation.tags ?? [],
      }));
    const { selected, unknown } = applyFilters(candidates, options.filters);
    if (unknown.length > 0) {
      this.logger.warn(
        unknown.length === 1
          ? `The McpModule filter names ${unknown[0]}, which matches no route; it is ignored.`
          : `The McpModule filters name ${unknown.join(', ')}, which match no route; they are ignored.`,
      );
    }
    const filtered = new Set(selected);
    return candidates.filter((candidate) =>
      candidate.joined.route.toolOptions !== undefined
        ? true
        : options.exposure === 'all' && filtered.has(candidate),
    );
  }
}

function collision(name: string, first: Tool, second: Tool): McpToolNameCollisionError {
  return new McpToolNameCollisionError(
    `Two routes would both be the MCP tool "${name}": ${first.source} and ${second.source}. ` +
      `Rename one with @McpTool({ name: '...' }) or @ApiOperation({ operationId: '...' }) on its handler, ` +
      `or keep it out with @McpExclude().`,
  );
}
