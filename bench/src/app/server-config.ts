/** What a bench server child runs; passed as JSON in the `BENCH_SERVER` environment variable. */
export interface ServerConfig {
  /** `plain`: the app alone; `mcp`: the app with nestjs-mcp's McpModule; `rekog`: the app with @rekog/mcp-nest. */
  kind: 'plain' | 'mcp' | 'rekog';
  adapter: 'express' | 'fastify';
  /** Swagger-documented routes of the app (and tools of the MCP server). */
  routes: number;
  session: 'stateless' | 'stateful';
}

/** Messages a parent sends to a server child, and what it answers. */
export type ServerRequest = { id: number; op: 'cpu' | 'heap' };
export interface ServerReply {
  id: number;
  /** `cpu`: microseconds of user + system CPU time so far; `heap`: memory after forced GCs. */
  cpuMicros?: number;
  memory?: NodeJS.MemoryUsage;
}
export type ServerReady = { type: 'ready'; port: number };

/** A short name for tables, e.g. `mcp express stateful 200`. */
export function describeServer(config: ServerConfig): string {
  return `${config.kind}/${config.adapter}/${config.session}/${config.routes}`;
}
