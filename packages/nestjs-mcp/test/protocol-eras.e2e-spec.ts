import 'reflect-metadata';
import {
  ADAPTERS,
  appsPerTest,
  createApp,
  listen,
  startWireTap,
  type RunningApp,
  type WireTap,
} from '@nestjs-mcp/testing';
import {
  connectV2,
  expectListAndCall,
  INITIALIZE_ERA_CLIENTS,
  MODERN,
  SERVER_INFO,
  type EraClient,
} from './fixtures/era-clients.js';
import { erasApp } from './fixtures/eras.app.js';

/** The POSTs of a tap after the one that carried `method`. */
const postsAfter = (tap: WireTap, method: string) => {
  const posts = tap.exchanges.filter((exchange) => exchange.method === 'POST');
  return posts.slice(posts.findIndex((exchange) => exchange.sent.some((m) => m.method === method)) + 1);
};

describe.each(ADAPTERS)('clients of every protocol era on %s', (adapter) => {
  let running: RunningApp;
  let tap: WireTap;
  const clients: EraClient[] = [];
  const track = <T extends EraClient>(client: T): T => {
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    running = await listen(await createApp(erasApp(), adapter));
  });
  afterAll(() => running.close());
  beforeEach(async () => {
    tap = await startWireTap(running.baseUrl);
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await tap.close();
  });

  describe.each(INITIALIZE_ERA_CLIENTS)('$client', ({ version, versionHeader, connect }) => {
    it(`initializes at ${version}, lists and calls`, async () => {
      const client = track(await connect(tap.url()));
      await expectListAndCall(client);

      const initialize = tap.exchangeOf('initialize');
      expect(initialize?.sent[0].params?.protocolVersion).toBe(version);
      expect(initialize?.received[0].result).toMatchObject({
        protocolVersion: version,
        serverInfo: SERVER_INFO,
        instructions: 'Look books up by ISBN.',
        capabilities: { tools: {} },
      });
      // Every later request is sent (and served) at the negotiated revision.
      const later = postsAfter(tap, 'initialize');
      expect(later.length).toBeGreaterThanOrEqual(5);
      for (const exchange of later) {
        expect(exchange.headers['mcp-protocol-version']).toBe(versionHeader ? version : undefined);
        expect(exchange.status).toBeLessThan(300);
      }
      expect(tap.exchangeOf('server/discover')).toBeUndefined();
    });
  });

  describe('an unknown tool', () => {
    it.each([
      ...INITIALIZE_ERA_CLIENTS,
      {
        client: '@modelcontextprotocol/client 2.4 pinned to 2026-07-28',
        connect: (url: string): Promise<EraClient> =>
          connectV2(url, { versionNegotiation: { mode: { pin: MODERN } } }),
      },
    ])('is a JSON-RPC error -32602 for $client, not a result', async ({ connect }) => {
      const client = track(await connect(tap.url()));
      await expect(client.callTool({ name: 'no_such_tool', arguments: {} })).rejects.toMatchObject({
        code: -32602,
      });
    });
  });

  describe('@modelcontextprotocol/client 2.4 in the 2026-07-28 era', () => {
    it.each([
      ['auto mode', { mode: 'auto' }],
      ['pinned to 2026-07-28', { mode: { pin: MODERN } }],
    ] as const)('%s: discovers (no initialize), lists and calls at 2026-07-28', async (_, negotiation) => {
      const client = track(await connectV2(tap.url(), { versionNegotiation: negotiation }));
      expect(client.getProtocolEra()).toBe('modern');
      expect(client.getNegotiatedProtocolVersion()).toBe(MODERN);
      expect(client.getServerVersion()).toEqual(SERVER_INFO);
      expect(client.getInstructions()).toBe('Look books up by ISBN.');
      expect(client.getDiscoverResult()?.supportedVersions).toContain(MODERN);
      await expectListAndCall(client);

      expect(tap.exchangeOf('initialize')).toBeUndefined();
      const discover = tap.exchangeOf('server/discover');
      expect(discover?.status).toBe(200);
      expect(discover?.received[0].result?.resultType).toBe('complete');
      const posts = tap.exchanges.filter((exchange) => exchange.method === 'POST');
      for (const exchange of posts) {
        const [message] = exchange.sent;
        expect(exchange.status).toBe(200);
        expect(exchange.headers['mcp-protocol-version']).toBe(MODERN);
        expect(exchange.headers['mcp-method']).toBe(message.method);
        expect(message.params).toMatchObject({
          _meta: { 'io.modelcontextprotocol/protocolVersion': MODERN },
        });
        const served = exchange.received[0];
        expect(served.id).toBe(message.id);
        expect(served.result).toMatchObject({ _meta: { 'io.modelcontextprotocol/serverInfo': SERVER_INFO } });
      }
      const calls = posts.filter((exchange) => exchange.sent[0].method === 'tools/call');
      expect(calls.map((exchange) => exchange.headers['mcp-name'])).toEqual([
        'get_book',
        'add_book',
        'get_book',
        'add_book',
      ]);
    });
  });
});

const LEGACY_ONLY: NonNullable<Parameters<typeof erasApp>[0]> = [
  '2025-11-25',
  '2025-06-18',
  '2025-03-26',
  '2024-11-05',
];

describe.each(ADAPTERS)('an endpoint serving one era (protocolVersions) on %s', (adapter) => {
  const apps = appsPerTest(adapter);
  const opened: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((each) => each.close()));
  });
  const tapped = async (versions: Parameters<typeof erasApp>[0]) => {
    const tap = await startWireTap((await apps.start(erasApp(versions))).baseUrl);
    opened.push(tap);
    return tap;
  };
  const open = <T extends EraClient>(client: T): T => {
    opened.push(client);
    return client;
  };

  it('2025 revisions only: an auto client falls back to initialize, a client pinned to 2026-07-28 cannot connect', async () => {
    const tap = await tapped(LEGACY_ONLY);
    const auto = open(await connectV2(tap.url(), { versionNegotiation: { mode: 'auto' } }));
    expect(auto.getProtocolEra()).toBe('legacy');
    expect(auto.getNegotiatedProtocolVersion()).toBe('2025-11-25');
    expect(auto.getServerVersion()).toEqual(SERVER_INFO);
    await expectListAndCall(auto);
    const [probe, initialize] = tap.exchanges.filter((exchange) => exchange.method === 'POST');
    expect(probe.sent[0].method).toBe('server/discover');
    expect(probe.headers['mcp-protocol-version']).toBe(MODERN);
    expect(initialize.sent[0].method).toBe('initialize');

    // The probe is refused with the spec's unsupported-version error, which the pinned client surfaces.
    await expect(
      connectV2(tap.url(), { versionNegotiation: { mode: { pin: MODERN } } }),
    ).rejects.toMatchObject({ code: -32022 });
    const refusedProbe = tap.exchanges.at(-1);
    expect(refusedProbe?.status).toBe(400);
    expect(refusedProbe?.received[0]).toMatchObject({
      id: refusedProbe?.sent[0].id,
      error: { code: -32022, data: { supported: LEGACY_ONLY, requested: MODERN } },
    });
  });

  it.each(INITIALIZE_ERA_CLIENTS)(
    '2026-07-28 only: $client is refused with the supported versions, a pinned client connects',
    async ({ connect, version }) => {
      const tap = await tapped([MODERN]);
      await expect(connect(tap.url())).rejects.toThrow();
      const initialize = tap.exchangeOf('initialize');
      expect(initialize?.status).toBe(400);
      expect(initialize?.received[0]).toMatchObject({
        id: initialize?.sent[0].id,
        error: { code: -32022, data: { supported: [MODERN], requested: version } },
      });

      const pinned = open(await connectV2(tap.url(), { versionNegotiation: { mode: { pin: MODERN } } }));
      expect(pinned.getProtocolEra()).toBe('modern');
      await expectListAndCall(pinned);
    },
  );
});
