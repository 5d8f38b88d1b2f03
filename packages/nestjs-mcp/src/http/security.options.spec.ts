import { McpConfigurationError } from '../mcp.errors.js';
import { hostOf, openChecks, originOf, resolveSecurityOptions } from './security.options.js';

describe('security options', () => {
  it.each([
    ['https://app.example.com', 'https://app.example.com'],
    ['https://App.Example.com:443/', 'https://app.example.com'],
    ['http://dev.example.com:8080', 'http://dev.example.com:8080'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
  ])('reads the origin %s as %s', (value, origin) => {
    expect(originOf(value)).toBe(origin);
  });

  it.each([
    'app.example.com',
    'https://app.example.com/mcp',
    'https://app.example.com?x',
    'null',
    'file:///x',
  ])('refuses %s as an origin', (value) => {
    expect(originOf(value)).toBeUndefined();
  });

  it.each([
    ['API.example.com', 'api.example.com'],
    ['api.example.com:8443', 'api.example.com:8443'],
    ['api.example.com:080', 'api.example.com:80'],
    ['[::1]:3000', '[::1]:3000'],
  ])('reads the host %s as %s', (value, host) => {
    expect(hostOf(value)).toBe(host);
  });

  it.each(['', 'https://api.example.com', 'api.example.com/x', 'a b', 'user@api.example.com', 'x:99999'])(
    'refuses %j as a host',
    (value) => {
      expect(hostOf(value)).toBeUndefined();
    },
  );

  it('resolves CORS with the MCP headers, the forwarded ones and the extra ones, lower-cased', () => {
    const security = resolveSecurityOptions(
      { cors: { allowHeaders: ['X-Trace-Id'], exposeHeaders: ['X-Request-Id'] } },
      ['authorization', 'x-tenant'],
    );
    expect(security.cors).toEqual({
      allowHeaders: [
        'content-type',
        'authorization',
        'mcp-session-id',
        'mcp-protocol-version',
        'last-event-id',
        'mcp-method',
        'mcp-name',
        'x-tenant',
        'x-trace-id',
      ],
      exposeHeaders: ['mcp-session-id', 'www-authenticate', 'x-request-id'],
      maxAge: 600,
    });
    expect(resolveSecurityOptions({ cors: false }, []).cors).toBeUndefined();
  });

  it.each([
    [{ cors: 'yes' }, '"cors" must be true, false or'],
    [{ cors: { maxAge: -1 } }, '"cors.maxAge" must be a whole number of seconds'],
    [{ cors: { allowHeaders: ['bad header'] } }, '"cors.allowHeaders" must be an array of header names'],
    [{ allowedHosts: 'api.example.com' }, '"allowedHosts" must be \'*\' or an array'],
    [{ maxRequestBytes: 2 ** 60 }, '"maxRequestBytes" must be a positive whole number'],
  ])('refuses %j', (options, message) => {
    expect(() => resolveSecurityOptions(options as never, [])).toThrow(McpConfigurationError);
    expect(() => resolveSecurityOptions(options as never, [])).toThrow(message);
  });

  it("names each check '*' turns off", () => {
    expect(openChecks(resolveSecurityOptions({}, []))).toEqual([]);
    const warnings = openChecks(resolveSecurityOptions({ allowedOrigins: '*', allowedHosts: '*' }, []));
    expect(warnings).toEqual([
      expect.stringContaining('allowedOrigins'),
      expect.stringContaining('allowedHosts'),
    ]);
  });
});
