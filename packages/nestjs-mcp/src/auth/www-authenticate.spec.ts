import { protectedResourceMetadataUrl, requestOrigin, wwwAuthenticate } from './www-authenticate.js';

describe('protectedResourceMetadataUrl', () => {
  it('puts the well-known segment between the origin and the path (RFC 9728 §3.1)', () => {
    expect(protectedResourceMetadataUrl('https://api.example.com/api/mcp')).toBe(
      'https://api.example.com/.well-known/oauth-protected-resource/api/mcp',
    );
    expect(protectedResourceMetadataUrl('https://api.example.com/')).toBe(
      'https://api.example.com/.well-known/oauth-protected-resource',
    );
    expect(protectedResourceMetadataUrl('http://127.0.0.1:3000/mcp/')).toBe(
      'http://127.0.0.1:3000/.well-known/oauth-protected-resource/mcp',
    );
  });
});

describe('requestOrigin', () => {
  it("uses the adapter's protocol and host, else the Host header", () => {
    expect(requestOrigin({ protocol: 'https', host: 'api.example.com:8443', headers: {} })).toBe(
      'https://api.example.com:8443',
    );
    expect(requestOrigin({ headers: { host: 'localhost:3000' } })).toBe('http://localhost:3000');
  });
});

describe('wwwAuthenticate', () => {
  const base = { resourceMetadataUrl: 'https://a.example/.well-known/oauth-protected-resource/mcp' };

  it('names the metadata, the scopes, and the error only when it applies', () => {
    expect(wwwAuthenticate({ ...base, status: 401, credentialsSent: false })).toBe(
      'Bearer resource_metadata="https://a.example/.well-known/oauth-protected-resource/mcp"',
    );
    expect(wwwAuthenticate({ ...base, status: 401, credentialsSent: true, scopes: ['a', 'b'] })).toBe(
      'Bearer resource_metadata="https://a.example/.well-known/oauth-protected-resource/mcp", ' +
        'scope="a b", error="invalid_token"',
    );
    expect(wwwAuthenticate({ ...base, status: 403, credentialsSent: true })).toBe(
      'Bearer resource_metadata="https://a.example/.well-known/oauth-protected-resource/mcp"',
    );
    expect(wwwAuthenticate({ ...base, status: 403, credentialsSent: true, scopes: ['a'] })).toContain(
      'scope="a", error="insufficient_scope"',
    );
  });

  it('escapes quotes and backslashes in quoted values', () => {
    expect(wwwAuthenticate({ status: 401, credentialsSent: false, resourceMetadataUrl: 'x"y\\z' })).toBe(
      'Bearer resource_metadata="x\\"y\\\\z"',
    );
  });
});
