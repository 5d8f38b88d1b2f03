import 'reflect-metadata';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ADAPTERS, appsPerTest, bearer, callJson, callTool } from '@nestjs-mcp/testing';
import { ALL_TOOLS, guardActivity, ProbeAwareGuard, visibilityApp } from './fixtures/visibility.app.js';

const names = async (client: Client) => (await client.listTools()).tools.map((tool) => tool.name).sort();

/** Listed to anyone: no guards, a skipped throttler, a guard that lets probes through, a broken guard. */
const PUBLIC_TOOLS = ['broken', 'probed', 'public_ping', 'throttled'];

describe.each(ADAPTERS)('tools hidden by their guards on %s', (adapter) => {
  const { start } = appsPerTest(adapter);

  beforeEach(() => {
    guardActivity.throttled = 0;
    guardActivity.probes = [];
  });

  it('lists to each caller the tools its roles allow, through AuthGuard("jwt") and a RolesGuard', async () => {
    const app = await start(visibilityApp());
    const admin = await app.connect({ headers: bearer('alice', { role: 'admin' }) });
    const auditor = await app.connect({ headers: bearer('bob', { role: 'auditor' }) });
    expect(await names(admin)).toEqual(
      [...PUBLIC_TOOLS, 'delete_report', 'list_reports', 'request_scoped'].sort(),
    );
    expect(await names(auditor)).toEqual(
      [...PUBLIC_TOOLS, 'audit_reports', 'list_reports', 'request_scoped'].sort(),
    );
  });

  it('probes the guards with a global prefix too', async () => {
    const app = await start(visibilityApp(), (nest) => nest.setGlobalPrefix('api'));
    const admin = await app.connect({ path: '/api/mcp', headers: bearer('alice', { role: 'admin' }) });
    expect(await names(admin)).toEqual(
      [...PUBLIC_TOOLS, 'delete_report', 'list_reports', 'request_scoped'].sort(),
    );
  });

  it('lists only the unguarded tools without a token; an invalid one passes only the presence check', async () => {
    const app = await start(visibilityApp());
    expect(await names(await app.connect())).toEqual(PUBLIC_TOOLS);
    const invalid = await app.connect({ headers: { authorization: 'Bearer not.a.jwt' } });
    expect(await names(invalid)).toEqual([...PUBLIC_TOOLS, 'request_scoped'].sort());
  });

  it("refuses a hidden tool called by name through the route's own guards", async () => {
    const app = await start(visibilityApp());
    const auditor = await app.connect({ headers: bearer('bob', { role: 'auditor' }) });
    const refused = await callTool(auditor, 'delete_report', { id: 'q1' });
    expect(refused.isError).toBe(true);
    expect(refused.text).toContain('403');
    const anonymous = await callTool(await app.connect(), 'list_reports');
    expect(anonymous.isError).toBe(true);
    expect(anonymous.text).toContain('401');
    const admin = await app.connect({ headers: bearer('alice', { role: 'admin' }) });
    expect(await callJson(admin, 'delete_report', { id: 'q1' })).toEqual({ deleted: 'q1' });
  });

  it('considers the global APP_GUARD: a route it refuses is hidden from everyone, and refused', async () => {
    const app = await start(visibilityApp());
    const admin = await app.connect({ headers: bearer('alice', { role: 'admin' }) });
    expect(await names(admin)).not.toContain('closed_route');
    const called = await callTool(admin, 'closed_route');
    expect(called.isError).toBe(true);
    expect(called.text).toContain('This route is closed');
  });

  it('does not charge a skipped guard (a ThrottlerGuard subclass) for listings, only for calls', async () => {
    const app = await start(visibilityApp());
    const client = await app.connect();
    await names(client);
    await names(client);
    expect(guardActivity.throttled).toBe(0);
    await callTool(client, 'throttled');
    expect(guardActivity.throttled).toBe(1);
  });

  it('tells a guard it runs for a listing probe (isMcpListingProbe), and not during a call', async () => {
    const app = await start(visibilityApp());
    const client = await app.connect();
    await names(client);
    expect(guardActivity.probes).toEqual([true]);
    expect((await callTool(client, 'probed')).isError).toBe(false);
    expect(guardActivity.probes).toEqual([true, false]);
  });

  it('runs the guards skipGuardsWhenListing no longer names', async () => {
    const app = await start(
      visibilityApp({ auth: { issuer: 'http://localhost:4000', skipGuardsWhenListing: [] } }),
    );
    await names(await app.connect());
    expect(guardActivity.throttled).toBe(1);
  });

  it('resolves guards with request-scoped dependencies per probe, on the probe request', async () => {
    const app = await start(visibilityApp());
    expect(await names(await app.connect())).not.toContain('request_scoped');
    const signedIn = await app.connect({ headers: bearer('bob', { role: 'auditor' }) });
    expect(await names(signedIn)).toContain('request_scoped');
    expect(await callTool(signedIn, 'request_scoped')).toEqual({ text: 'scoped', isError: false });
  });

  it('skips the guard classes skipGuardsWhenListing names', async () => {
    const app = await start(
      visibilityApp({ auth: { issuer: 'http://localhost:4000', skipGuardsWhenListing: [ProbeAwareGuard] } }),
    );
    expect(await names(await app.connect())).toContain('probed');
    expect(guardActivity.probes).toEqual([]);
    expect(guardActivity.throttled).toBe(1);
  });

  it('keeps listed a tool whose guard fails with a 500-type error, and says so once, without the token', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const app = await start(visibilityApp());
      const headers = bearer('alice', { role: 'admin' });
      const client = await app.connect({ headers });
      expect(await names(client)).toContain('broken');
      expect(await names(client)).toContain('broken');
      const lines = warn.mock.calls.map(([message]) => String(message));
      const probeLines = lines.filter((line) => line.includes('ReportsController.broken'));
      expect(probeLines).toHaveLength(1);
      expect(probeLines[0]).toContain('the session store is down');
      const token = headers.authorization.split(' ')[1];
      expect(lines.some((line) => line.includes(token))).toBe(false);
    } finally {
      warn.mockRestore();
    }
  });

  it('hides tools with auth from a forRootAsync factory, and lists all when it says so', async () => {
    const hiding = await start(visibilityApp({}, true));
    expect(await names(await hiding.connect())).toEqual(PUBLIC_TOOLS);
    const listing = await start(
      visibilityApp({ auth: { issuer: 'http://localhost:4000', hideUnauthorizedTools: false } }, true),
    );
    expect(await names(await listing.connect())).toEqual(ALL_TOOLS);
  });

  it('lists every tool with hideUnauthorizedTools: false', async () => {
    const app = await start(
      visibilityApp({ auth: { issuer: 'http://localhost:4000', hideUnauthorizedTools: false } }),
    );
    expect(await names(await app.connect())).toEqual(ALL_TOOLS);
    expect(guardActivity.probes).toEqual([]);
  });
});
