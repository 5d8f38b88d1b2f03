import 'reflect-metadata';
import {
  ADAPTERS,
  callJson,
  jsonRpc,
  listen,
  MCP_POST_HEADERS,
  rawRequest,
  type RunningApp,
} from '@nestjs-mcp/testing';
import { AuthExampleModule } from '../src/auth-example.module.js';
import { mintDevToken } from '../src/auth/dev-token.js';
import { createItemsApp } from '../src/bootstrap.js';

// mcp-remote with the README's `--header "Authorization:${AUTH_HEADER}"` against this example, on every
// HTTP transport: external-clients-mcp-remote.e2e-spec.ts.

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe.each(ADAPTERS)('the token-passthrough example on %s', (adapter) => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await listen(await createItemsApp(adapter, { logger: false }, AuthExampleModule));
  });
  afterAll(() => running.close());

  it('answers a client without a token with 401 and WWW-Authenticate', async () => {
    await expect(running.connect()).rejects.toThrow(/401/);
    const response = await rawRequest(`${running.baseUrl}/mcp`, {
      headers: MCP_POST_HEADERS,
      body: jsonRpc('tools/list'),
    });
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe(
      `Bearer resource_metadata="${running.baseUrl}/.well-known/oauth-protected-resource/mcp"`,
    );
  });

  it('lists the tools and resolves the subject of a minted token through the guarded route', async () => {
    const client = await running.connect({ headers: bearer(mintDevToken({ subject: 'alice' })) });
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(['whoami', 'list_items', 'get_item']));
    expect(await callJson(client, 'whoami')).toEqual({ subject: 'alice' });
    expect(await callJson(client, 'get_item', { id: 1 })).toMatchObject({ id: 1, name: 'Hammer' });
  });

  it('refuses a token signed with another secret with 401 and error="invalid_token"', async () => {
    const forged = bearer(mintDevToken({ subject: 'mallory', secret: 'another-secret' }));
    await expect(running.connect({ headers: forged })).rejects.toThrow(/401/);
    const response = await rawRequest(`${running.baseUrl}/mcp`, {
      headers: { ...MCP_POST_HEADERS, ...forged },
      body: jsonRpc('tools/list'),
    });
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/error="invalid_token"/);
  });
});
