import type { CanActivate } from '@nestjs/common';
import { McpConfigurationError } from '../mcp.errors.js';
import { McpModule } from '../mcp.module.js';
import { resolveOptions } from '../mcp.options.resolve.js';
import { resolveAuthOptions, type McpAuthOptions } from './auth.options.js';

class TokenGuard implements CanActivate {
  canActivate(): boolean {
    return true;
  }
}

/** Lets a test pass what a JavaScript (or misconfigured) caller could. */
const loose = (auth: unknown) => auth as McpAuthOptions;

function messageOf(auth: unknown): string {
  try {
    resolveAuthOptions(loose(auth));
  } catch (error) {
    expect(error).toBeInstanceOf(McpConfigurationError);
    return (error as Error).message;
  }
  throw new Error('expected a configuration error');
}

const METADATA = {
  issuer: 'https://auth.example.com',
  authorization_endpoint: 'https://auth.example.com/authorize',
  token_endpoint: 'https://auth.example.com/token',
};

describe('resolveAuthOptions', () => {
  it('is undefined without auth, and resolveOptions leaves auth out', () => {
    expect(resolveAuthOptions(undefined)).toBeUndefined();
    expect(resolveOptions({})).not.toHaveProperty('auth');
  });

  it('applies the defaults and keeps the given values', () => {
    const instance = new TokenGuard();
    expect(
      resolveAuthOptions({
        guards: [TokenGuard, instance],
        scopesSupported: ['mcp'],
        resourceUrl: 'https://api.example.com/mcp/',
      }),
    ).toEqual({
      guards: [TokenGuard, instance],
      issuer: undefined,
      oauthMetadataUrl: undefined,
      authorizeUrl: undefined,
      audience: undefined,
      defaultScope: 'openid profile email',
      clientId: undefined,
      clientSecret: undefined,
      customOAuthMetadata: undefined,
      setupProxies: false,
      setupFakeDynamicRegistration: true,
      metadataPath: '/.well-known/oauth-authorization-server',
      scopesSupported: ['mcp'],
      resourceUrl: 'https://api.example.com/mcp',
      hideUnauthorizedTools: true,
      skipGuardsWhenListing: ['ThrottlerGuard'],
    });
    expect(resolveOptions({ auth: { issuer: 'http://localhost:4000/' } }).auth?.issuer).toBe(
      'http://localhost:4000/',
    );
  });

  it('takes hideUnauthorizedTools and skipGuardsWhenListing (an empty list skips nothing)', () => {
    const resolved = resolveAuthOptions({
      guards: [TokenGuard],
      hideUnauthorizedTools: false,
      skipGuardsWhenListing: [],
    });
    expect(resolved).toMatchObject({ hideUnauthorizedTools: false, skipGuardsWhenListing: [] });
    expect(messageOf({ guards: [TokenGuard], hideUnauthorizedTools: 'yes' })).toBe(
      'McpModule option "auth.hideUnauthorizedTools" must be true or false, got "yes".',
    );
    expect(messageOf({ guards: [TokenGuard], skipGuardsWhenListing: [''] })).toBe(
      'McpModule option "auth.skipGuardsWhenListing" must be an array of guard classes or class names, ' +
        `e.g. [ThrottlerGuard] or ['ThrottlerGuard'], got [""].`,
    );
  });

  it('accepts custom metadata alone, and without authorization_endpoint when no code grant is offered', () => {
    expect(resolveAuthOptions({ customOAuthMetadata: METADATA })?.customOAuthMetadata).toBe(METADATA);
    const clientCredentials = {
      issuer: 'https://auth.example.com',
      token_endpoint: 'https://auth.example.com/token',
      grant_types_supported: ['client_credentials'],
    };
    expect(resolveAuthOptions({ customOAuthMetadata: clientCredentials })).toBeDefined();
  });

  it('accepts proxies with a client, and without a secret when fake registration is off', () => {
    const base = { issuer: 'https://auth.example.com', setupProxies: true, clientId: 'abc' };
    expect(resolveAuthOptions({ ...base, clientSecret: 's3cret' })?.setupProxies).toBe(true);
    expect(
      resolveAuthOptions({ ...base, setupFakeDynamicRegistration: false })?.clientSecret,
    ).toBeUndefined();
  });

  it.each<[string, unknown, string]>([
    [
      'not an object',
      'jwt',
      'McpModule option "auth" must be an object such as { guards: [AuthGuard(\'jwt\')] }, got "jwt".',
    ],
    [
      'nothing to protect or log in with',
      { scopesSupported: ['a'] },
      'McpModule option "auth" needs one of "auth.issuer", "auth.customOAuthMetadata" or "auth.guards": with none of them, nothing protects the endpoint and clients have nowhere to log in.',
    ],
    [
      'empty guards',
      { guards: [] },
      'McpModule option "auth.guards" must be a non-empty array of guard classes or instances, e.g. [AuthGuard(\'jwt\')].',
    ],
    [
      'a guard that is none',
      { guards: [TokenGuard, { check: true }] },
      'McpModule option "auth.guards" has an entry at index 1 that is neither a guard class nor an object with canActivate(); got {"check":true}.',
    ],
    [
      'a relative issuer',
      { issuer: 'auth.example.com' },
      'McpModule option "auth.issuer" must be an absolute URL such as "https://auth.example.com", got "auth.example.com".',
    ],
    [
      'an http issuer on a public host',
      { issuer: 'http://auth.example.com' },
      'McpModule option "auth.issuer" must use https (http is accepted only for localhost and 127.0.0.1 during development), got "http://auth.example.com".',
    ],
    [
      'a non-http resourceUrl',
      { guards: [TokenGuard], resourceUrl: 'ftp://example.com/mcp' },
      'McpModule option "auth.resourceUrl" must be an absolute URL such as "https://auth.example.com", got "ftp://example.com/mcp".',
    ],
    [
      'an http oauthMetadataUrl',
      { issuer: 'https://a.example', oauthMetadataUrl: 'http://a.example/.well-known/openid-configuration' },
      'McpModule option "auth.oauthMetadataUrl" must use https',
    ],
    [
      'a relative authorizeUrl',
      { issuer: 'https://a.example', authorizeUrl: '/authorize' },
      'McpModule option "auth.authorizeUrl" must be an absolute URL',
    ],
    [
      'empty scopesSupported',
      { guards: [TokenGuard], scopesSupported: [] },
      'McpModule option "auth.scopesSupported" must be a non-empty array of non-empty strings, got []; leave it out instead.',
    ],
    [
      'a blank scope',
      { guards: [TokenGuard], scopesSupported: ['mcp', ''] },
      'McpModule option "auth.scopesSupported" must be a non-empty array of non-empty strings, got ["mcp",""]',
    ],
    [
      'a blank defaultScope',
      { issuer: 'https://a.example', defaultScope: ' ' },
      'McpModule option "auth.defaultScope" must be a non-empty string (leave it out to use the default).',
    ],
    [
      'a non-string audience',
      { issuer: 'https://a.example', audience: 42 },
      'McpModule option "auth.audience" must be a non-empty string',
    ],
    [
      'setupProxies without a provider',
      { guards: [TokenGuard], setupProxies: true, clientId: 'abc', clientSecret: 's3cret' },
      'McpModule option "auth.setupProxies" needs "auth.issuer" or "auth.oauthMetadataUrl": the proxy serves and follows the metadata of your provider.',
    ],
    [
      'a non-boolean setupProxies',
      { issuer: 'https://a.example', setupProxies: 'yes' },
      'McpModule option "auth.setupProxies" must be true or false, got "yes".',
    ],
    [
      'proxies without a client',
      { issuer: 'https://a.example', setupProxies: true },
      'McpModule option "auth.clientId" is required with "auth.setupProxies": it is the client registered with your provider.',
    ],
    [
      'fake registration without a secret',
      { issuer: 'https://a.example', setupProxies: true, clientId: 'abc' },
      'McpModule option "auth.clientSecret" is required with "auth.setupProxies" while "auth.setupFakeDynamicRegistration" is on (the default): registration hands it to clients. Set it, or set setupFakeDynamicRegistration: false.',
    ],
    [
      'a relative metadataPath',
      { issuer: 'https://a.example', metadataPath: 'oauth' },
      'McpModule option "auth.metadataPath" must be a path starting with "/", such as "/.well-known/oauth-authorization-server".',
    ],
    [
      'custom metadata that is no object',
      { customOAuthMetadata: ['x'] },
      'McpModule option "auth.customOAuthMetadata" must be an OAuth authorization server metadata object (RFC 8414).',
    ],
    [
      'custom metadata without issuer',
      { customOAuthMetadata: { ...METADATA, issuer: undefined } },
      'McpModule option "auth.customOAuthMetadata.issuer" is required in OAuth authorization server metadata (RFC 8414).',
    ],
    [
      'custom metadata without token_endpoint',
      { customOAuthMetadata: { ...METADATA, token_endpoint: undefined } },
      'McpModule option "auth.customOAuthMetadata.token_endpoint" is required in OAuth authorization server metadata (RFC 8414).',
    ],
    [
      'custom metadata offering the code grant without authorization_endpoint',
      {
        customOAuthMetadata: {
          ...METADATA,
          authorization_endpoint: undefined,
          grant_types_supported: ['authorization_code'],
        },
      },
      'McpModule option "auth.customOAuthMetadata.authorization_endpoint" is required when the authorization-code grant is offered (it is unless grant_types_supported leaves out "authorization_code").',
    ],
    [
      'custom metadata with an http endpoint',
      { customOAuthMetadata: { ...METADATA, jwks_uri: 'http://auth.example.com/jwks' } },
      'McpModule option "auth.customOAuthMetadata.jwks_uri" must use https',
    ],
    [
      'custom metadata with an empty list',
      { customOAuthMetadata: { ...METADATA, scopes_supported: [] } },
      'McpModule option "auth.customOAuthMetadata.scopes_supported" must be a non-empty array of non-empty strings',
    ],
  ])('refuses %s, naming the option', (_case, auth, message) => {
    expect(messageOf(auth)).toContain(message);
  });

  it('accepts http for loopback hosts', () => {
    for (const issuer of ['http://localhost:4000', 'http://127.0.0.1:4000', 'http://[::1]:4000']) {
      expect(resolveAuthOptions({ issuer })?.issuer).toBe(issuer);
    }
  });

  it('never puts a secret in a message', () => {
    const message = messageOf({
      issuer: 'https://a.example',
      clientSecret: 'top-secret-value',
      setupProxies: true,
    });
    expect(message).not.toContain('top-secret-value');
  });
});

describe('endpointDecorators', () => {
  it('must be an array of decorators', () => {
    expect(() => McpModule.forRoot({ endpointDecorators: loose('Public') as never })).toThrow(
      'McpModule option "endpointDecorators" must be an array of decorators, e.g. [Public()].',
    );
  });
});
