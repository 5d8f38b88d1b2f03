import { McpConfigurationError } from '../mcp.errors.js';
import { resolveOptions } from '../mcp.options.resolve.js';
import { describeUrl, resolveBaseUrl } from './base-url.js';

describe('resolveBaseUrl', () => {
  it('is unset by default, and then calls stay in-process', () => {
    expect(resolveBaseUrl(undefined)).toBeUndefined();
    expect(resolveOptions().baseUrl).toBeUndefined();
  });

  it.each([
    ['http://localhost:3000', 'http://localhost:3000'],
    ['http://localhost:3000/', 'http://localhost:3000'],
    ['https://api.internal:8443/prefix/', 'https://api.internal:8443/prefix'],
    ['HTTP://API.Example:80/a//', 'http://api.example/a'],
  ])('takes %s as %s', (given, resolved) => {
    expect(resolveBaseUrl(given)).toBe(resolved);
    expect(resolveOptions({ baseUrl: given }).baseUrl).toBe(resolved);
  });

  it.each([
    ['localhost:3000', 'scheme "localhost"'],
    ['/relative', 'not an absolute URL'],
    ['ftp://host', 'scheme "ftp"'],
    ['http://host/?a=1', 'query string'],
    ['http://host/?', 'query string'],
    ['http://host/#top', 'fragment'],
    ['http://user:secret@host', 'credentials'],
    ['http://host:6000', 'port 6000'],
    [3000, 'got 3000'],
  ])('refuses %s at startup, naming the option', (given, why) => {
    const attempt = () => resolveOptions({ baseUrl: given as string });
    expect(attempt).toThrow(McpConfigurationError);
    expect(attempt).toThrow(/McpModule option "baseUrl"/);
    expect(attempt).toThrow(why);
  });

  it('describes a URL without credentials, query or fragment', () => {
    expect(describeUrl('https://u:p@api.test:8443/a/b?token=x#f')).toBe('https://api.test:8443/a/b');
  });
});
