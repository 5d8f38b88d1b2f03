import type { INestApplication, Type } from '@nestjs/common';
import { createApp, type AdapterName } from './adapters.js';
import { listen, type RunningApp } from './test-app.js';

/** Starts apps inside tests and closes each after its test. */
export interface AppsPerTest {
  /** Creates `module` on the adapter, lets `configure` set it up (prefix, versioning …), and listens. */
  start(module: Type, configure?: (app: INestApplication) => void): Promise<RunningApp>;
  /** Registers an app started some other way, to be closed after the test. */
  track(app: RunningApp): RunningApp;
}

/**
 * For a `describe` block whose tests each start their own app: call it in the block, use `start()` in the
 * tests; every app is closed after its test (a Jest `afterEach`).
 */
export function appsPerTest(adapter: AdapterName): AppsPerTest {
  const running: RunningApp[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((app) => app.close()));
  });
  const track = (app: RunningApp): RunningApp => {
    running.push(app);
    return app;
  };
  return {
    async start(module, configure) {
      const app = await createApp(module, adapter);
      configure?.(app);
      return track(await listen(app));
    },
    track,
  };
}
