import type { ServerConfig } from '../app/server-config.js';
import { ServerChild } from './child.js';
import { openSession } from './wire.js';

/** Memory an idle stateful session holds on a server. */
export interface SessionMemoryResult {
  key: string;
  server: ServerConfig;
  sessions: number;
  heapBefore: number;
  heapAfter: number;
  /** (heap after − heap before) / sessions, bytes; heap used after forced GCs, sessions left open. */
  bytesPerSession: number;
  rssBytesPerSession: number;
}

/** Opens `sessions` sessions (initialize + notifications/initialized), a few at a time, and leaves them idle. */
export async function measureSessionMemory(
  key: string,
  server: ServerConfig,
  sessions: number,
): Promise<SessionMemoryResult> {
  const child = await ServerChild.start(server);
  try {
    // A first session warms up whatever is built lazily, so it is not charged to the others.
    await openSession(child.url);
    const before = await child.memoryAfterGc();
    let opened = 0;
    const worker = async (): Promise<void> => {
      while (opened < sessions) {
        opened++;
        await openSession(child.url);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    const after = await child.memoryAfterGc();
    return {
      key,
      server,
      sessions,
      heapBefore: before.heapUsed,
      heapAfter: after.heapUsed,
      bytesPerSession: (after.heapUsed - before.heapUsed) / sessions,
      rssBytesPerSession: (after.rss - before.rss) / sessions,
    };
  } finally {
    await child.stop();
  }
}
