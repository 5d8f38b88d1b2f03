import type { ServerConfig } from '../app/server-config.js';
import { ServerChild } from './child.js';
import { type RequestSpec, runSlice, type SliceResult } from './load.js';
import {
  GET_ITEM_CALL,
  GET_ITEM_CALL_MODERN,
  MCP_HEADERS,
  mcpRequest,
  MODERN_CALL_HEADERS,
  openSession,
  TOOLS_LIST,
} from './wire.js';

/** What a variant asks its server: the REST route, `tools/call get_item`, or `tools/list`. */
export type Operation = 'rest' | 'call' | 'list';

/** One server and one operation, measured against the others of its group. */
export interface Variant {
  key: string;
  label: string;
  server: ServerConfig;
  operation: Operation;
  connections: number;
  /** A call on the 2026-07-28 wire (per-request envelope), instead of 2025-11-25's. */
  modern?: boolean;
}

/** A set of variants measured in interleaved slices, so drift on the machine hits them all alike. */
export interface Group {
  name: string;
  variants: Variant[];
}

export interface Timing {
  /** Seconds of load per variant, split over `passes` slices. */
  secondsPerVariant: number;
  passes: number;
  warmupSeconds: number;
}

/** The figures of one variant over all its slices. */
export interface VariantResult {
  key: string;
  label: string;
  group: string;
  server: ServerConfig;
  operation: Operation;
  connections: number;
  requests: number;
  failed: number;
  reqPerSec: number;
  cpuMsPerReq: number;
  p50Ms: number;
  p99Ms: number;
  /** Mean response size, headers included. */
  bytesPerResponse: number;
  /** Req/s and CPU per request of each pass, to judge how steady a ratio is. */
  passes: { reqPerSec: number; cpuMsPerReq: number }[];
  /** Heap used (bytes) after forced GCs: after the warm-up, and after the load. */
  heapWarm: number;
  heapAfterLoad: number;
}

function requestFor(variant: Variant, sessionId: string | undefined): RequestSpec {
  if (variant.operation === 'rest') {
    return { method: 'GET', path: '/items/1', connections: variant.connections };
  }
  const wire = wireOf(variant);
  const headers = sessionId ? { ...wire.headers, 'mcp-session-id': sessionId } : wire.headers;
  return { method: 'POST', path: '/mcp', headers, body: wire.body, connections: variant.connections };
}

function wireOf(variant: Variant): { headers: Record<string, string>; body: string } {
  if (variant.modern) return { headers: MODERN_CALL_HEADERS, body: GET_ITEM_CALL_MODERN };
  return { headers: MCP_HEADERS, body: variant.operation === 'list' ? TOOLS_LIST : GET_ITEM_CALL };
}

/** Opens the session a stateful client keeps, and checks the operation answers what it should. */
async function prepare(variant: Variant, server: ServerChild): Promise<RequestSpec> {
  if (variant.operation === 'rest') {
    const response = await fetch(`${server.url}/items/1`);
    const item = (await response.json()) as { id?: number };
    if (item.id !== 1) throw new Error(`${variant.label}: GET /items/1 answered ${JSON.stringify(item)}`);
    return requestFor(variant, undefined);
  }
  const sessionId = variant.server.session === 'stateful' ? await openSession(server.url) : undefined;
  const wire = wireOf(variant);
  const result = (await mcpRequest(server.url, wire.body, sessionId, wire.headers)) as {
    tools?: unknown[];
    structuredContent?: { id?: number };
  };
  if (variant.operation === 'list' && result.tools?.length !== variant.server.routes) {
    throw new Error(
      `${variant.label}: ${result.tools?.length} tools listed, ${variant.server.routes} expected`,
    );
  }
  if (variant.operation === 'call' && result.structuredContent?.id !== 1) {
    throw new Error(`${variant.label}: get_item answered ${JSON.stringify(result)}`);
  }
  return requestFor(variant, sessionId);
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

function summarize(
  variant: Variant,
  group: string,
  slices: SliceResult[],
  heaps: [number, number],
): VariantResult {
  const requests = slices.reduce((sum, slice) => sum + slice.requests, 0);
  const seconds = slices.reduce((sum, slice) => sum + slice.seconds, 0);
  const cpuMicros = slices.reduce((sum, slice) => sum + slice.cpuMicros, 0);
  const latencies = slices.flatMap((slice) => slice.latencies).sort((a, b) => a - b);
  return {
    key: variant.key,
    label: variant.label,
    group,
    server: variant.server,
    operation: variant.operation,
    connections: variant.connections,
    requests,
    failed: slices.reduce((sum, slice) => sum + slice.failed, 0),
    reqPerSec: requests / seconds,
    cpuMsPerReq: cpuMicros / 1000 / requests,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    bytesPerResponse: slices.reduce((sum, slice) => sum + slice.bytes, 0) / requests,
    passes: slices.map((slice) => ({
      reqPerSec: slice.requests / slice.seconds,
      cpuMsPerReq: slice.cpuMicros / 1000 / slice.requests,
    })),
    heapWarm: heaps[0],
    heapAfterLoad: heaps[1],
  };
}

/**
 * Starts the group's servers, warms each up, then runs `passes` rounds of one slice per variant, the order
 * reversed every other round (A B C, C B A, …), and stops every server it started, whatever happens.
 */
export async function runGroup(
  group: Group,
  timing: Timing,
  log: (line: string) => void,
): Promise<VariantResult[]> {
  const servers: ServerChild[] = [];
  try {
    const specs: RequestSpec[] = [];
    const heapWarm: number[] = [];
    // Started side by side; every start is awaited (settled) before any failure is thrown, so the finally
    // below stops all that came up.
    const starts = await Promise.allSettled(
      group.variants.map((variant) => ServerChild.start(variant.server)),
    );
    for (const start of starts) if (start.status === 'fulfilled') servers.push(start.value);
    const failure = starts.find((start) => start.status === 'rejected');
    if (failure) throw failure.reason;
    for (const [index, variant] of group.variants.entries())
      specs.push(await prepare(variant, servers[index]));
    for (const [index, server] of servers.entries()) {
      await runSlice(server, specs[index], timing.warmupSeconds);
      heapWarm.push((await server.memoryAfterGc()).heapUsed);
    }
    const slices: SliceResult[][] = group.variants.map(() => []);
    const sliceSeconds = timing.secondsPerVariant / timing.passes;
    for (let pass = 0; pass < timing.passes; pass++) {
      const order = group.variants.map((_, index) => index);
      if (pass % 2 === 1) order.reverse();
      for (const index of order)
        slices[index].push(await runSlice(servers[index], specs[index], sliceSeconds));
      log(`  ${group.name}: pass ${pass + 1}/${timing.passes}`);
    }
    const results: VariantResult[] = [];
    for (const [index, variant] of group.variants.entries()) {
      const heapAfter = (await servers[index].memoryAfterGc()).heapUsed;
      results.push(summarize(variant, group.name, slices[index], [heapWarm[index], heapAfter]));
    }
    return results;
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}
