import { Inject, Injectable } from '@nestjs/common';
import { ApplicationConfig, ModuleRef, ModulesContainer } from '@nestjs/core';
import type { Tool } from '../catalog/tool.js';
import type { CallerContext } from '../calls/caller.js';
import { forwardedHeaders } from '../calls/request.builder.js';
import { MCP_RESOLVED_OPTIONS } from '../mcp.constants.js';
import type { McpResolvedOptions } from '../mcp.options.js';
import { McpToolsService } from '../mcp.tools.service.js';
import type { ToolProvider } from '../protocol/tool-provider.js';
import { RouteGuardRunner } from './guard-runner.js';

/**
 * `auth.hideUnauthorizedTools`: `tools/list` shows a caller only the tools whose routes' guards would let
 * it through. Each listing probes every tool's guards concurrently, on a request carrying the caller's
 * forwarded headers, without running a handler; nothing is kept between listings. Calls are untouched:
 * they always run the route's whole pipeline, so a hidden tool called by name is refused by its guards.
 */
@Injectable()
export class ToolVisibility {
  private readonly runner?: RouteGuardRunner;

  constructor(
    @Inject(MCP_RESOLVED_OPTIONS) private readonly options: McpResolvedOptions,
    private readonly tools: McpToolsService,
    modules: ModulesContainer,
    config: ApplicationConfig,
    moduleRef: ModuleRef,
  ) {
    const auth = options.auth;
    if (auth?.hideUnauthorizedTools) {
      this.runner = new RouteGuardRunner(modules, config, moduleRef, auth.skipGuardsWhenListing);
    }
  }

  /** What the endpoint serves: the tools service itself, plus listing by guards when it is on. */
  provider(): ToolProvider {
    const { tools, runner } = this;
    if (!runner) return tools;
    return {
      get server() {
        return tools.server;
      },
      list: () => tools.list(),
      has: (name) => tools.has(name),
      listFor: (caller) => this.visibleTo(caller),
      call: (name, args, caller, cancelled, events) => tools.call(name, args, caller, cancelled, events),
    };
  }

  /** The tools whose routes' guards accept this caller (all of them when hiding is off). */
  async visibleTo(caller: CallerContext): Promise<readonly Tool[]> {
    const all = this.tools.list();
    if (!this.runner) return all;
    const headers = forwardedHeaders(caller, this.options.forwardHeaders);
    const shown = await Promise.all(all.map((tool) => this.isVisible(tool, headers, caller)));
    return all.filter((_tool, index) => shown[index]);
  }

  private async isVisible(tool: Tool, forwarded: Record<string, string>, caller: CallerContext) {
    const route = this.tools.routeOf(tool.name);
    if (!route || !this.runner) return true;
    const outcome = await this.runner.probe(route, {
      method: tool.endpoint.method,
      url: tool.endpoint.pathTemplate,
      headers: { ...tool.endpoint.headers, ...forwarded },
      ip: caller.remoteAddress,
    });
    // A guard that failed otherwise (a 500, a bug) may still let the call through: the tool stays listed.
    return outcome !== 'refused';
  }
}
