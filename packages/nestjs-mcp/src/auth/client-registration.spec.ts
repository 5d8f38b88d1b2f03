import { registerClient } from './client-registration.js';

const AUTH = { clientId: 'abc', clientSecret: 's3cret' };

describe('registerClient', () => {
  it('accepts https and loopback http redirect URIs, and names a nameless client', () => {
    const outcome = registerClient(
      {
        redirect_uris: ['https://app.example.com/cb', 'http://localhost:8080/cb', 'http://[::1]:3000/cb'],
      },
      AUTH,
      1_700_000_000_500,
    );
    expect(outcome).toEqual({
      status: 201,
      body: {
        client_id: 'abc',
        client_secret: 's3cret',
        client_id_issued_at: 1_700_000_000,
        client_secret_expires_at: 0,
        redirect_uris: ['https://app.example.com/cb', 'http://localhost:8080/cb', 'http://[::1]:3000/cb'],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
        client_name: 'MCP client',
      },
    });
  });

  it.each([
    [undefined, 'invalid_client_metadata'],
    ['redirect_uris', 'invalid_client_metadata'],
    [{ redirect_uris: 'https://app.example.com/cb' }, 'invalid_redirect_uri'],
    [{ redirect_uris: [42] }, 'invalid_redirect_uri'],
    [{ redirect_uris: ['https://app.example.com/cb#frag'] }, 'invalid_redirect_uri'],
    [{ redirect_uris: ['http://127.0.0.1.evil.example/cb'] }, 'invalid_redirect_uri'],
    [{ redirect_uris: ['javascript:alert(1)'] }, 'invalid_redirect_uri'],
  ])('refuses %j with %s', (body, error) => {
    const outcome = registerClient(body, AUTH);
    expect(outcome.status).toBe(400);
    expect(outcome.body).toEqual({ error, error_description: expect.any(String) });
  });
});
