import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { ADAPTERS, listen, type RunningApp } from '@nestjs-mcp/testing';
import { McpModule } from 'nestjs-mcp';
import { createItemsApp } from '../src/bootstrap.js';
import { ItemsRestModule } from '../src/items-rest.module.js';
import { CONFORMANCE } from './conformance/run-requirements.js';
import { NODE_22, NPX_TIMEOUT, npx } from './npx.js';

/** The example app's routes with `session: 'stateful'` (the example itself stays stateless). */
@Module({
  imports: [
    ItemsRestModule,
    McpModule.forRoot({ name: 'Items MCP', version: '1.0.0', excludeTags: ['admin'], session: 'stateful' }),
  ],
})
class StatefulItemsModule {}

/** The conformance scenarios that apply to a stateful server only, at 2025-11-25. */
describe.each(ADAPTERS)('the conformance suite against a stateful app on %s', (adapter) => {
  let running: RunningApp;
  let url: string;

  beforeAll(async () => {
    running = await listen(await createItemsApp(adapter, { logger: false }, StatefulItemsModule));
    url = `${running.baseUrl}/mcp`;
  });

  afterAll(() => running.close());

  it.each(['server-session-lifecycle', 'server-sse-multiple-streams'])(
    'passes the scenario %s',
    async (scenario) => {
      const run = await npx(
        [NODE_22, CONFORMANCE],
        `conformance server --url ${url} --scenario ${scenario} --spec-version 2025-11-25`,
      );
      expect(run.stdout).toMatch(/Passed: (\d+)\/\1, 0 failed, 0 warnings/);
      // Not vacuous: the session checks ran (lifecycle: initialized, DELETE, 404 after; streams: two).
      expect(Number(/Passed: (\d+)\//.exec(run.stdout)?.[1])).toBeGreaterThanOrEqual(2);
      expect(run.code).toBe(0);
    },
    NPX_TIMEOUT,
  );
});
