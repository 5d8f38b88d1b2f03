import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Subject, type Observable } from 'rxjs';
import { CatalogBuilder } from './catalog/catalog.builder.js';
import type { Tool } from './catalog/tool.js';
import type { CallerContext } from './calls/caller.js';
import type { CallEvents } from './calls/call-events.js';
import type { Cancellation } from './dispatch/cancellation.js';
import type { DiscoveredRoute } from './discovery/route.js';
import { ToolInvoker } from './calls/tool.invoker.js';
import { createDispatcher } from './dispatch/dispatcher.factory.js';
import { MCP_RESOLVED_OPTIONS } from './mcp.constants.js';
import type { McpResolvedOptions } from './mcp.options.js';
import { serverIdentity } from './mcp.options.resolve.js';
import type { ToolResult } from './results/tool-result.js';

/** The server's identity as sent in the initialize result. */
export interface ServerDescription {
  readonly name: string;
  readonly version: string;
  readonly instructions?: string;
}

/**
 * The tools of this MCP server, built once at application bootstrap (after every route is registered and
 * the global prefix and versioning are known) and read by every request.
 */
@Injectable()
export class McpToolsService {
  private invoker?: ToolInvoker;
  private tools: readonly Tool[] = [];
  private routes: ReadonlyMap<string, DiscoveredRoute> = new Map();
  private description?: ServerDescription;
  private readonly changes = new Subject<readonly Tool[]>();

  constructor(
    @Inject(MCP_RESOLVED_OPTIONS) private readonly options: McpResolvedOptions,
    private readonly builder: CatalogBuilder,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /** Builds the catalog; called from `McpModule.onApplicationBootstrap`. */
  initialize(): void {
    const { catalog, document, routes } = this.builder.build(this.options);
    this.routes = routes;
    this.invoker = new ToolInvoker(catalog, createDispatcher(this.adapterHost, this.options), this.options);
    this.tools = catalog.list();
    this.description = {
      ...serverIdentity(this.options, document.info),
      instructions: this.options.instructions,
    };
  }
  /**
   * Rebuilds the tools from the app's routes and metadata as they are now (e.g. after decorators were
   * applied at runtime). Calls in flight finish with the tools they started with. Subscribers of
   * `toolsChanged` (stateful sessions, which send `notifications/tools/list_changed`) are told.
   */
  refresh(): readonly Tool[] {
    this.initialize();
    this.changes.next(this.tools);
    return this.tools;
  }

  /** Emits the new tool list after each `refresh()`. */
  get toolsChanged(): Observable<readonly Tool[]> {
    return this.changes.asObservable();
  }

  get server(): ServerDescription {
    return this.ready().description;
  }

  list(): readonly Tool[] {
    this.ready();
    return this.tools;
  }

  /** Whether a tool of this name exists. */
  has(name: string): boolean {
    return this.routes.has(name);
  }

  /** The route a tool calls (the listing evaluates its guards). @internal */
  routeOf(name: string): DiscoveredRoute | undefined {
    return this.routes.get(name);
  }

  /**
   * Runs one tool call through the app; `cancelled` aborts it (client cancellation, closed connection): an
   * `AbortSignal`, or anything with its `aborted`, `reason`, `addEventListener` and `removeEventListener`;
   * `events` hears what the call sent and what the route answered.
   */
  call(
    name: string,
    args: Record<string, unknown> | undefined,
    caller: CallerContext,
    cancelled?: Cancellation,
    events?: CallEvents,
  ): Promise<ToolResult> {
    return this.ready().invoker.call(name, args, caller, cancelled, events);
  }

  private ready(): { invoker: ToolInvoker; description: ServerDescription } {
    if (!this.invoker || !this.description) {
      throw new Error(
        'The MCP tools are built when the application bootstraps: call app.init() or app.listen() first.',
      );
    }
    return { invoker: this.invoker, description: this.description };
  }
}
