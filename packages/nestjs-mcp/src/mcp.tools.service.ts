import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { CatalogBuilder } from './catalog/catalog.builder.js';
import type { Tool } from './catalog/tool.js';
import type { CallerContext } from './calls/caller.js';
import { ToolInvoker } from './calls/tool.invoker.js';
import { createDispatcher } from './dispatch/dispatcher.factory.js';
import { MCP_RESOLVED_OPTIONS } from './mcp.constants.js';
import { serverIdentity, type McpResolvedOptions } from './mcp.options.js';
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
  private description?: ServerDescription;

  constructor(
    @Inject(MCP_RESOLVED_OPTIONS) private readonly options: McpResolvedOptions,
    private readonly builder: CatalogBuilder,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /** Builds the catalog; called from `McpModule.onApplicationBootstrap`. */
  initialize(): void {
    const { catalog, document } = this.builder.build(this.options);
    this.invoker = new ToolInvoker(catalog, createDispatcher(this.adapterHost), this.options);
    this.tools = catalog.list();
    this.description = {
      ...serverIdentity(this.options, document.info),
      instructions: this.options.instructions,
    };
  }

  get server(): ServerDescription {
    return this.ready().description;
  }

  list(): readonly Tool[] {
    this.ready();
    return this.tools;
  }

  call(name: string, args: Record<string, unknown> | undefined, caller: CallerContext): Promise<ToolResult> {
    return this.ready().invoker.call(name, args, caller);
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
