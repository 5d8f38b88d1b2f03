import 'reflect-metadata';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { INestApplication } from '@nestjs/common';
import { ADAPTERS, bearer, createApp } from '@nestjs-mcp/testing';
import { McpToolsService } from 'nestjs-mcp';
import { widgetsApp } from './fixtures/widgets.app.js';

// Memory retained per call is measured by counts (heap after GC across thousands of calls), not by time.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const WARM_UP_CALLS = 400;
const MEASURED_CALLS = 4_000;
const CONCURRENCY = 20;
/** Well under the ~11–14 KB per call that a composite abort signal kept alive on Node 20. */
const MAX_RETAINED_BYTES_PER_CALL = 1024;

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function heapAfterGc(): Promise<number> {
  await nextTurn();
  for (let i = 0; i < 3; i++) collectGarbage();
  return process.memoryUsage().heapUsed;
}

describe.each(ADAPTERS)('endurance on %s', (adapter) => {
  let app: INestApplication;
  let tools: McpToolsService;

  beforeAll(async () => {
    app = await createApp(widgetsApp(), adapter);
    await app.init();
    tools = app.get(McpToolsService);
  });

  afterAll(() => app.close());

  /** Successes, 401s from the JWT guard and authenticated calls, each cancellable as the SDK makes them. */
  async function callMany(count: number): Promise<{ ok: number; refused: number }> {
    const authorized = { headers: bearer('endurance') };
    const anonymous = { headers: {} };
    const tally = { ok: 0, refused: 0 };
    for (let done = 0; done < count; done += CONCURRENCY) {
      // Let the event loop turn between batches, as it does between real requests: light-my-request
      // finishes each response in a setImmediate, which a loop of resolved promises alone never reaches.
      await nextTurn();
      const batch = Array.from({ length: CONCURRENCY }, (_, i) => {
        const cancellation = new AbortController();
        const [name, caller] =
          i % 3 === 0
            ? ['list_widgets', anonymous]
            : i % 3 === 1
              ? ['who_am_i', anonymous]
              : ['who_am_i', authorized];
        return tools.call(name, {}, caller, cancellation.signal);
      });
      for (const result of await Promise.all(batch)) {
        if (result.isError) tally.refused++;
        else tally.ok++;
      }
    }
    return tally;
  }

  it(`keeps the heap flat across ${MEASURED_CALLS} dispatched calls (successes and 401s)`, async () => {
    await callMany(WARM_UP_CALLS);
    const before = await heapAfterGc();
    const tally = await callMany(MEASURED_CALLS);
    const retainedPerCall = ((await heapAfterGc()) - before) / MEASURED_CALLS;

    // The mix really ran through the guard: a third of the calls were refused with 401.
    expect(tally.refused).toBeGreaterThan(MEASURED_CALLS / 4);
    expect(tally.ok).toBeGreaterThan(MEASURED_CALLS / 2);
    expect(retainedPerCall).toBeLessThan(MAX_RETAINED_BYTES_PER_CALL);
    // Bounded by its size, not timed: the generous limit only stops a hung run.
  }, 120_000);
});
