import type { ServerConfig } from '../app/server-config.js';
import { ServerChild } from './child.js';
import { mcpRequest, TOOLS_LIST } from './wire.js';

/** Start-up of one server configuration, over several starts. */
export interface StartupResult {
  key: string;
  server: ServerConfig;
  /** Median ms from spawning the process to the answer of its first request. */
  firstAnswerMs: number;
  /** Median ms from spawning the process to its listening socket. */
  listenMs: number;
  samples: number[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Spawn → first served request: `GET /items/1` for the plain app, `tools/list` for an MCP server (so work
 * an MCP module defers to its first request is counted). The configurations take turns, `repeats` times.
 */
export async function measureStartups(
  configs: { key: string; server: ServerConfig }[],
  repeats: number,
  log: (line: string) => void,
): Promise<StartupResult[]> {
  const samples = configs.map(() => ({ first: [] as number[], listen: [] as number[] }));
  for (let round = 0; round < repeats; round++) {
    const order = configs.map((_, index) => index);
    if (round % 2 === 1) order.reverse();
    for (const index of order) {
      const { server } = configs[index];
      const started = performance.now();
      const child = await ServerChild.start(server);
      try {
        if (server.kind === 'plain') {
          const response = await fetch(`${child.url}/items/1`);
          if (!response.ok) throw new Error(`GET /items/1 answered ${response.status}`);
          await response.text();
        } else {
          await mcpRequest(child.url, TOOLS_LIST);
        }
        samples[index].first.push(performance.now() - started);
        samples[index].listen.push(child.listenMs);
      } finally {
        await child.stop();
      }
    }
    log(`  start-up: round ${round + 1}/${repeats}`);
  }
  return configs.map(({ key, server }, index) => ({
    key,
    server,
    firstAnswerMs: median(samples[index].first),
    listenMs: median(samples[index].listen),
    samples: samples[index].first,
  }));
}
