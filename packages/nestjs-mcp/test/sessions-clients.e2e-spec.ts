import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { ADAPTERS, appsPerTest, listen } from '@nestjs-mcp/testing';
import {
  connectV2,
  INITIALIZE_ERA_CLIENTS,
  listAndCallNote,
  type EraClient,
} from './fixtures/era-clients.js';
import { statefulApp } from './fixtures/sessions.app.js';

/** Generous: the first request of a fresh app is slow on a busy machine. */
const TIMEOUT_MS = 30_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function sessionIdOf(client: EraClient): unknown {
  return (client as unknown as { transport?: { sessionId?: string } }).transport?.sessionId;
}

describe.each(ADAPTERS)('clients of every era against a stateful endpoint on %s', (adapter) => {
  const { start, track } = appsPerTest(adapter);

  it.each(INITIALIZE_ERA_CLIENTS.map((era) => [era.client, era] as const))(
    '%s holds a session and lists and calls on it',
    async (_name, era) => {
      const app = await start(statefulApp());
      const client = await era.connect(`${app.baseUrl}/mcp`);
      try {
        expect(sessionIdOf(client)).toMatch(UUID);
        expect(await listAndCallNote(client, '3')).toEqual({ id: '3' });
      } finally {
        await client.close();
      }
    },
    TIMEOUT_MS,
  );

  it(
    'serves a negotiating v2 client at 2026-07-28 per request, without a session',
    async () => {
      const app = await start(statefulApp());
      const client = await connectV2(`${app.baseUrl}/mcp`, { versionNegotiation: { mode: 'auto' } });
      try {
        expect(client.getProtocolEra()).toBe('modern');
        expect(sessionIdOf(client)).toBeUndefined();
        expect(await listAndCallNote(client, '3')).toEqual({ id: '3' });
      } finally {
        await client.close();
      }
    },
    TIMEOUT_MS,
  );

  it(
    'serves sessions in an app that parses no bodies (the session layer reads them)',
    async () => {
      const httpAdapter = adapter === 'fastify' ? new FastifyAdapter() : new ExpressAdapter();
      const nest = await NestFactory.create(statefulApp(), httpAdapter, { logger: false, bodyParser: false });
      const app = track(await listen(nest));
      const client = await app.connect();
      expect(sessionIdOf(client)).toMatch(UUID);
      expect(await listAndCallNote(client, '3')).toEqual({ id: '3' });
    },
    TIMEOUT_MS,
  );
});
