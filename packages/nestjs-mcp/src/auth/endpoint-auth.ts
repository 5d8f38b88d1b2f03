import { Inject, Injectable, type CanActivate, type OnModuleInit, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { RouteExplorer } from '../discovery/route.explorer.js';
import { MCP_ENDPOINT_CONTROLLER, MCP_RESOLVED_OPTIONS, MCP_SSE_CONTROLLER } from '../mcp.constants.js';
import { McpConfigurationError } from '../mcp.errors.js';
import type { McpResolvedOptions } from '../mcp.options.js';
import type { McpGuard, McpResolvedAuth } from './auth.options.js';
import { protectedResourceMetadataUrl, requestPath, resourceUrlOf } from './www-authenticate.js';

/**
 * The auth settings of one MCP endpoint: its guards as instances (resolved at bootstrap, so a guard that
 * cannot be built stops the app instead of failing requests), and the path the router serves it at.
 */
@Injectable()
export class EndpointAuth implements OnModuleInit {
  private servedPath?: string;
  private servedSsePath?: string | null;
  private instances: readonly CanActivate[] = [];

  constructor(
    @Inject(MCP_RESOLVED_OPTIONS) private readonly options: McpResolvedOptions,
    @Inject(MCP_ENDPOINT_CONTROLLER) private readonly controller: Type,
    @Inject(MCP_SSE_CONTROLLER) private readonly sseController: Type | null,
    private readonly explorer: RouteExplorer,
    private readonly moduleRef: ModuleRef,
  ) {}

  async onModuleInit(): Promise<void> {
    this.instances = await Promise.all((this.auth?.guards ?? []).map((guard) => this.instanceOf(guard)));
  }

  /** `undefined` when the module has no `auth` option. */
  get auth(): McpResolvedAuth | undefined {
    return this.options.auth;
  }

  /** `auth.guards` as instances, in order. */
  get guards(): readonly CanActivate[] {
    return this.instances;
  }

  /** The endpoint's path as served, e.g. `/api/mcp`; known once the app's routes are registered. */
  get endpointPath(): string {
    this.servedPath ??= this.explorer.endpointPaths(this.controller)[0] ?? '/mcp';
    return this.servedPath;
  }

  /** The legacy SSE transport's stream path as served (e.g. `/api/sse`), when the `sse` option is on. */
  get ssePath(): string | undefined {
    if (this.servedSsePath === undefined) {
      const paths = this.sseController ? this.explorer.controllerPaths(this.sseController) : [];
      // The stream's path is the shortest: the messages path is below it.
      this.servedSsePath = paths.sort((a, b) => a.length - b.length)[0] ?? null;
    }
    return this.servedSsePath ?? undefined;
  }

  /** The canonical URL of the endpoint for this request (`resourceUrl` when set). */
  resource(auth: McpResolvedAuth, request: unknown): string {
    return resourceUrlOf(auth, request, this.endpointPath);
  }

  /**
   * The resource a refused request was for: the legacy SSE transport (stream or messages) when it went
   * there, since SDK clients check that a resource's URL is a prefix of the URL they connect to; else the
   * endpoint.
   */
  resourceOfRequest(auth: McpResolvedAuth, request: unknown): string {
    const sse = this.ssePath;
    const path = requestPath(request);
    if (sse && (path === sse || path.startsWith(`${sse}/`))) {
      const resource = this.sseResource(auth, request);
      if (resource) return resource;
    }
    return this.resource(auth, request);
  }

  /**
   * The canonical URL of the legacy SSE transport's stream: `resourceUrl` with the endpoint's path swapped
   * for the stream's (`https://api.example.com/mcp` → `…/sse`), else from the request. `undefined` when the
   * transport is off, or when `resourceUrl` does not end with the endpoint's path (a proxy rewrites it, so
   * the public stream URL is unknown).
   */
  sseResource(auth: McpResolvedAuth, request: unknown): string | undefined {
    const sse = this.ssePath;
    if (!sse) return undefined;
    if (!auth.resourceUrl) return resourceUrlOf(auth, request, sse);
    const endpoint = this.endpointPath;
    if (endpoint === '/' || !auth.resourceUrl.endsWith(endpoint)) return undefined;
    return `${auth.resourceUrl.slice(0, -endpoint.length)}${sse}`;
  }

  /** Where the protected-resource metadata of what `request` asked for is, as `WWW-Authenticate` says. */
  metadataUrl(auth: McpResolvedAuth, request: unknown): string {
    return protectedResourceMetadataUrl(this.resourceOfRequest(auth, request));
  }

  /** A registered provider when there is one, else a new instance built like a `@UseGuards()` guard. */
  private async instanceOf(guard: McpGuard): Promise<CanActivate> {
    if (typeof guard !== 'function') return guard;
    const type = guard as Type<CanActivate>;
    try {
      return this.moduleRef.get(type, { strict: false });
    } catch {
      // Not a provider anywhere: build it in this module's scope, as Nest builds @UseGuards() guards.
    }
    try {
      return await this.moduleRef.create(type);
    } catch (error) {
      throw new McpConfigurationError(
        `McpModule option "auth.guards": cannot create ${type.name || 'a guard'} (${(error as Error).message}). ` +
          'Its constructor dependencies must come from a global module or from the `imports` of ' +
          'McpModule.forRootAsync(); or register the guard as a provider of your app, or pass an instance.',
      );
    }
  }
}
