import 'reflect-metadata';
import { ADAPTERS, appsPerTest, bearer, callJson, callTool } from '@nestjs-mcp/testing';
import { ENDPOINT_GUARDS, GlobalJwtGuard, globalGuardApp, Public } from './fixtures/auth.app.js';
import { post } from './fixtures/auth.requests.js';

describe.each(ADAPTERS)('endpoint decorators on %s', (adapter) => {
  const { start } = appsPerTest(adapter);

  describe('endpointDecorators in an app with a global guard', () => {
    it('without them, the global guard refuses /mcp itself', async () => {
      const app = await start(globalGuardApp({}));
      expect((await post(`${app.baseUrl}/mcp`)).status).toBe(401);
    });

    it('with [Public()], /mcp is open while the routes keep the global guard', async () => {
      const app = await start(globalGuardApp({ endpointDecorators: [Public()] }));
      const anonymous = await app.connect();
      expect(await callJson(anonymous, 'status')).toEqual({ ok: true });
      expect((await callTool(anonymous, 'status_me')).text).toContain('Status code: 401');
      const alice = await app.connect({ headers: bearer('alice') });
      expect(await callJson(alice, 'status_me')).toEqual({ id: 'alice' });
    });

    it('applies them with forRootAsync too, with auth from the factory', async () => {
      const app = await start(
        globalGuardApp(
          { endpointDecorators: [Public()], auth: { guards: ENDPOINT_GUARDS.slice(0, 1) } },
          true,
        ),
      );
      expect((await post(`${app.baseUrl}/mcp`)).headers['www-authenticate']).toContain('resource_metadata=');
      const alice = await app.connect({ headers: bearer('alice') });
      expect(await callJson(alice, 'status_me')).toEqual({ id: 'alice' });
    });

    it('with [Public()] and auth.guards, /mcp answers its own 401 with WWW-Authenticate', async () => {
      const app = await start(
        globalGuardApp({ endpointDecorators: [Public()], auth: { guards: ENDPOINT_GUARDS.slice(0, 1) } }),
      );
      const refused = await post(`${app.baseUrl}/mcp`);
      expect(refused.status).toBe(401);
      expect(refused.headers['www-authenticate']).toContain('resource_metadata=');
      const alice = await app.connect({ headers: bearer('alice') });
      expect(await callJson(alice, 'status_me')).toEqual({ id: 'alice' });
    });

    it("keeps /mcp guarded when auth.guards reuses the app's @Public()-aware global guard", async () => {
      const app = await start(
        globalGuardApp({ endpointDecorators: [Public()], auth: { guards: [GlobalJwtGuard] } }),
      );
      const refused = await post(`${app.baseUrl}/mcp`);
      expect(refused.status).toBe(401);
      expect(refused.headers['www-authenticate']).toContain('resource_metadata=');
      const alice = await app.connect({ headers: bearer('alice') });
      expect(await callJson(alice, 'status_me')).toEqual({ id: 'alice' });
    });
  });
});
