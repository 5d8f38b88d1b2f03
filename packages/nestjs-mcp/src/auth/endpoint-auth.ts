import { Inject, Injectable, type Type } from '@nestjs/common';
import { RouteExplorer } from '../discovery/route.explorer.js';
import { MCP_ENDPOINT_CONTROLLER, MCP_RESOLVED_OPTIONS } from '../mcp.constants.js';
import type { McpResolvedOptions } from '../mcp.options.js';
import type { McpResolvedAuth } from './auth.options.js';
import { protectedResourceMetadataUrl, resourceUrlOf } from './www-authenticate.js';

/** The auth settings of one MCP endpoint, with the path the router serves it at (global prefix included). */
@Injectable()
export class EndpointAuth {
  private servedPath?: string;

  constructor(
    @Inject(MCP_RESOLVED_OPTIONS) private readonly options: McpResolvedOptions,
    @Inject(MCP_ENDPOINT_CONTROLLER) private readonly controller: Type,
    private readonly explorer: RouteExplorer,
  ) {}

  /** `undefined` when the module has no `auth` option. */
  get auth(): McpResolvedAuth | undefined {
    return this.options.auth;
  }

  /** The endpoint's path as served, e.g. `/api/mcp`; known once the app's routes are registered. */
  get endpointPath(): string {
    this.servedPath ??= this.explorer.endpointPaths(this.controller)[0] ?? '/mcp';
    return this.servedPath;
  }

  /** The canonical URL of the endpoint for this request (`resourceUrl` when set). */
  resource(auth: McpResolvedAuth, request: unknown): string {
    return resourceUrlOf(auth, request, this.endpointPath);
  }

  /** Where this endpoint's protected-resource metadata is, as announced in `WWW-Authenticate`. */
  metadataUrl(auth: McpResolvedAuth, request: unknown): string {
    return protectedResourceMetadataUrl(this.resource(auth, request));
  }
}
