import type { ServerConfig } from './app/server-config.js';
import type { Group, Variant } from './harness/group.js';

/** Sizes of one run: the full run, or the smoke CI runs to keep the script working. */
export interface Plan {
  secondsPerVariant: number;
  passes: number;
  warmupSeconds: number;
  startupRepeats: number;
  sessions: number;
  /** App sizes (routes, and tools) for tools/list, tools/call by size and start-up: small, medium, large. */
  sizes: Sizes;
}

/** The sizes are 10, 200 and 1,000 routes; the smoke uses smaller apps to start fast. */
export interface Sizes {
  small: number;
  medium: number;
  large: number;
}

export const FULL: Plan = {
  secondsPerVariant: 10,
  passes: 4,
  warmupSeconds: 5,
  startupRepeats: 3,
  sessions: 1000,
  sizes: { small: 10, medium: 200, large: 1000 },
};
export const SMOKE: Plan = {
  secondsPerVariant: 1,
  passes: 2,
  warmupSeconds: 0.3,
  startupRepeats: 1,
  sessions: 50,
  sizes: { small: 5, medium: 20, large: 50 },
};

/** Connections for the call comparisons: enough to keep a server busy on two cores. */
const CALL_CONNECTIONS = 10;

function server(
  kind: ServerConfig['kind'],
  adapter: ServerConfig['adapter'],
  routes = 1,
  session: ServerConfig['session'] = 'stateless',
): ServerConfig {
  return { kind, adapter, routes, session };
}

function callGroup(adapter: ServerConfig['adapter']): Group {
  const call = (kind: 'mcp' | 'rekog', session: ServerConfig['session']): Variant => ({
    key: `${kind}.call.${adapter}.${session}`,
    label: `${kind === 'mcp' ? 'nestjs-mcp' : '@rekog/mcp-nest'} tools/call (${session})`,
    server: server(kind, adapter, 1, session),
    operation: 'call',
    connections: CALL_CONNECTIONS,
  });
  return {
    name: `calls on ${adapter}`,
    variants: [
      {
        key: `rest.${adapter}`,
        label: 'REST GET /items/1 (plain app)',
        server: server('plain', adapter),
        operation: 'rest',
        connections: CALL_CONNECTIONS,
      },
      call('mcp', 'stateless'),
      {
        ...call('mcp', 'stateless'),
        key: `mcp.call.${adapter}.modern`,
        label: 'nestjs-mcp tools/call (stateless, 2026-07-28)',
        modern: true,
      },
      call('mcp', 'stateful'),
      call('rekog', 'stateless'),
      call('rekog', 'stateful'),
    ],
  };
}

/** tools/list at one connection, where its latency is what an agent waits for on every connection. */
function listGroup(sizes: Sizes): Group {
  return {
    name: 'tools/list (express, c=1)',
    variants: [
      ...(['small', 'medium', 'large'] as const).map((size): Variant => ({
        key: `mcp.list.${size}`,
        label: `nestjs-mcp tools/list, ${sizes[size]} tools`,
        server: server('mcp', 'express', sizes[size]),
        operation: 'list',
        connections: 1,
      })),
      {
        key: 'rekog.list.medium',
        label: `@rekog/mcp-nest tools/list, ${sizes.medium} tools`,
        server: server('rekog', 'express', sizes.medium),
        operation: 'list',
        connections: 1,
      },
    ],
  };
}

function routeScaleGroup({ large }: Sizes): Group {
  return {
    name: 'tools/call by app size (express)',
    variants: [1, large].map((routes): Variant => ({
      key: `mcp.call.routes.${routes === 1 ? 'one' : 'large'}`,
      label: `nestjs-mcp tools/call, ${routes} route${routes === 1 ? '' : 's'}`,
      server: server('mcp', 'express', routes),
      operation: 'call',
      connections: CALL_CONNECTIONS,
    })),
  };
}

export function groups(plan: Plan): Group[] {
  return [callGroup('express'), callGroup('fastify'), listGroup(plan.sizes), routeScaleGroup(plan.sizes)];
}

/** Start-up configurations: the plain app beside it with McpModule (and with @rekog/mcp-nest, for scale). */
export function startups({ medium, large }: Sizes): { key: string; server: ServerConfig }[] {
  return [
    ['one', 1],
    ['medium', medium],
    ['large', large],
  ].flatMap(([size, routes]) => [
    { key: `start.plain.${size}`, server: server('plain', 'express', routes as number) },
    { key: `start.mcp.${size}`, server: server('mcp', 'express', routes as number) },
    ...(size !== 'large'
      ? [{ key: `start.rekog.${size}`, server: server('rekog', 'express', routes as number) }]
      : []),
  ]);
}

export const SESSION_SERVERS: { key: string; server: ServerConfig }[] = [
  { key: 'session.mcp', server: server('mcp', 'express', 1, 'stateful') },
  { key: 'session.rekog', server: server('rekog', 'express', 1, 'stateful') },
];
