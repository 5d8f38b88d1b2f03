import autocannon from 'autocannon';

import type { ServerChild } from './child.js';

/** One kind of request a variant sends, again and again. */
export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Concurrent connections (autocannon's `-c`). */
  connections: number;
}

/** What one slice of load measured on one server. */
export interface SliceResult {
  requests: number;
  failed: number;
  seconds: number;
  cpuMicros: number;
  /** Bytes received (headers and body) over the answered requests. */
  bytes: number;
  /** Every response time of the slice, ms. */
  latencies: number[];
}

/**
 * Drives `server` with `spec` for `seconds` and reads the server's own CPU time before and after, so the
 * CPU per request is the server's alone (the load generator runs in this process).
 */
export async function runSlice(
  server: ServerChild,
  spec: RequestSpec,
  seconds: number,
): Promise<SliceResult> {
  const latencies: number[] = [];
  let requests = 0;
  let failed = 0;
  let received = 0;
  const cpuBefore = await server.cpuMicros();
  const started = performance.now();
  const result = await new Promise<{ errors: number; timeouts: number }>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${server.url}${spec.path}`,
        method: spec.method,
        headers: spec.headers,
        body: spec.body,
        connections: spec.connections,
        duration: seconds,
      },
      (error, outcome) => (error ? reject(error) : resolve(outcome)),
    );
    instance.on('response', (_client, statusCode, bytes, ms) => {
      if (statusCode >= 200 && statusCode < 300) {
        requests++;
        received += bytes;
        latencies.push(ms);
      } else failed++;
    });
  });
  const elapsed = (performance.now() - started) / 1000;
  const cpuAfter = await server.cpuMicros();
  return {
    requests,
    failed: failed + result.errors + result.timeouts,
    seconds: elapsed,
    cpuMicros: cpuAfter - cpuBefore,
    bytes: received,
    latencies,
  };
}
