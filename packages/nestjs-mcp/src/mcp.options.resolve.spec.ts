import { McpConfigurationError } from './mcp.errors.js';
import type { McpModuleOptions } from './mcp.options.js';
import { normalizePath, resolveOptions, serverIdentity } from './mcp.options.resolve.js';

/** Runs `fn`, expecting it to throw; returns what it threw. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

function expectConfigError(fn: () => unknown, option: string): void {
  const error = thrown(fn);
  expect(error).toBeInstanceOf(McpConfigurationError);
  expect((error as Error).name).toBe('McpConfigurationError');
  expect((error as Error).message).toContain(`"${option}"`);
}

/** Lets a test pass what a JavaScript (or misconfigured) caller could. */
const loose = (options: Record<string, unknown>) => options as McpModuleOptions;

describe('resolveOptions', () => {
  it('applies the defaults', () => {
    const resolved = resolveOptions();
    expect(resolved).toEqual({
      name: undefined,
      version: undefined,
      instructions: undefined,
      exposure: 'all',
      forwardHeaders: new Set(['authorization']),
      timeoutMs: 10_000,
      swagger: {},
      filters: {},
      describeAllResponses: false,
      describeFullResponseSchema: false,
      structuredOutput: true,
      strictOutputSchemas: false,
      headerArguments: false,
      maxResponseBytes: 1024 * 1024,
      toolNames: 'readable',
      strictArguments: false,
      protocolVersions: ['2026-07-28', '2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'],
      // Loopback origins and hosts only, a 4 MiB body limit, no CORS.
      security: { allowedOrigins: new Set(), allowedHosts: new Set(), maxRequestBytes: 4 * 1024 * 1024 },
      session: 'stateless',
      sessionIdleTimeoutMs: 30 * 60_000,
      maxSessions: 1000,
    });
    expect(resolveOptions({})).toEqual(resolved);
  });

  it('keeps the given values', () => {
    const swagger = { options: { deepScanRoutes: true } };
    const resolved = resolveOptions({
      name: 'Items',
      version: '2.0.0',
      instructions: 'Use with care.',
      exposure: 'decorated',
      timeoutMs: 250,
      swagger,
    });
    expect(resolved.name).toBe('Items');
    expect(resolved.version).toBe('2.0.0');
    expect(resolved.instructions).toBe('Use with care.');
    expect(resolved.exposure).toBe('decorated');
    expect(resolved.timeoutMs).toBe(250);
    expect(resolved.swagger).toBe(swagger);
  });

  it('lower-cases forwardHeaders into a Set', () => {
    const { forwardHeaders } = resolveOptions({
      forwardHeaders: ['Authorization', 'X-Tenant-ID', 'x-tenant-id'],
    });
    expect(forwardHeaders).toBeInstanceOf(Set);
    expect([...forwardHeaders]).toEqual(['authorization', 'x-tenant-id']);
    expect(forwardHeaders.has('Authorization')).toBe(false);
  });

  it('accepts an empty forwardHeaders list, forwarding nothing', () => {
    expect(resolveOptions({ forwardHeaders: [] }).forwardHeaders.size).toBe(0);
  });

  it('keeps toolNames, and rejects a value other than readable or operationId', () => {
    expect(resolveOptions({ toolNames: 'operationId' }).toolNames).toBe('operationId');
    expectConfigError(() => resolveOptions(loose({ toolNames: 'snake' })), 'toolNames');
  });

  it.each([['everything'], [''], ['ALL'], [42]])('rejects exposure %j', (exposure) => {
    expectConfigError(() => resolveOptions(loose({ exposure })), 'exposure');
  });

  it('includes the bad exposure value in the message', () => {
    expect(() => resolveOptions(loose({ exposure: 'some' }))).toThrow(/"some"/);
  });

  it.each([[0], [-1], [Number.NaN], [Number.POSITIVE_INFINITY], ['1000'], [2 ** 31]])(
    'rejects timeoutMs %p',
    (timeoutMs) => {
      expectConfigError(() => resolveOptions(loose({ timeoutMs })), 'timeoutMs');
    },
  );

  it('accepts a fractional positive timeoutMs', () => {
    expect(resolveOptions({ timeoutMs: 0.5 }).timeoutMs).toBe(0.5);
  });

  it('keeps strictOutputSchemas and refuses a value that is not a boolean', () => {
    expect(resolveOptions({ strictOutputSchemas: true }).strictOutputSchemas).toBe(true);
    expectConfigError(() => resolveOptions(loose({ strictOutputSchemas: 'yes' })), 'strictOutputSchemas');
    expect(() => resolveOptions(loose({ strictOutputSchemas: 1 }))).toThrow(/must be true or false, got 1/);
  });

  it('keeps protocolVersions newest first, and refuses unknown or empty lists naming the served ones', () => {
    expect(resolveOptions({ protocolVersions: ['2025-06-18', '2026-07-28'] }).protocolVersions).toEqual([
      '2026-07-28',
      '2025-06-18',
    ]);
    expect(() => resolveOptions(loose({ protocolVersions: ['2025-11-25', '2024-10-07'] }))).toThrow(
      'McpModule option "protocolVersions" has "2024-10-07", which this version of nestjs-mcp does not ' +
        "serve; use some of '2026-07-28', '2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'.",
    );
    expectConfigError(() => resolveOptions(loose({ protocolVersions: [] })), 'protocolVersions');
    expectConfigError(() => resolveOptions(loose({ protocolVersions: '2026-07-28' })), 'protocolVersions');
  });

  it.each([
    ['authorization'],
    [['authorization', 1]],
    [{ authorization: true }],
    [new Set(['authorization'])],
  ])('rejects forwardHeaders %j', (forwardHeaders) => {
    expectConfigError(() => resolveOptions(loose({ forwardHeaders })), 'forwardHeaders');
  });
});

describe('option names', () => {
  it('refuses a misspelt option, naming the one it probably meant', () => {
    expect(() => resolveOptions({ name: 'x', exludeTags: ['items'] } as object)).toThrow(
      'McpModule does not know the option "exludeTags" (did you mean "excludeTags"?). Its options are: name,',
    );
    expect(() => resolveOptions({ TimeoutMS: 5 } as object)).toThrow(
      '"TimeoutMS" (did you mean "timeoutMs"?)',
    );
  });

  it('lists every unknown option, without a guess when nothing is close', () => {
    expect(() => resolveOptions({ colour: 'red', serverUrl: 'x' } as object)).toThrow(
      'McpModule does not know the options "colour", "serverUrl". Its options are:',
    );
  });

  it('accepts every documented option and the endpoint path', () => {
    expect(() =>
      resolveOptions({ path: '/mcp', toolNames: 'readable', strictArguments: true } as object),
    ).not.toThrow();
  });
});

describe('normalizePath', () => {
  it('defaults to /mcp', () => {
    expect(normalizePath(undefined)).toBe('/mcp');
  });

  it.each([
    ['mcp/', '/mcp'],
    ['//a//b/', '/a/b'],
    ['/mcp', '/mcp'],
    ['api/v1/mcp', '/api/v1/mcp'],
  ])('normalises %j to %j', (input, expected) => {
    expect(normalizePath(input)).toBe(expected);
  });

  it.each([[''], ['/'], ['///']])('rejects %j, which names no path', (input) => {
    expectConfigError(() => normalizePath(input), 'path');
  });

  it('rejects a value that is not a string', () => {
    expectConfigError(() => normalizePath(42 as unknown as string), 'path');
  });
});

describe('serverIdentity', () => {
  const info = { title: 'Items API', version: '3.1.0' };

  it('prefers the options', () => {
    expect(serverIdentity(resolveOptions({ name: 'Mine', version: '9.9.9' }), info)).toEqual({
      name: 'Mine',
      version: '9.9.9',
    });
  });

  it("falls back to the document's info", () => {
    expect(serverIdentity(resolveOptions(), info)).toEqual({ name: 'Items API', version: '3.1.0' });
  });

  it('takes each field from the first place that has it', () => {
    expect(serverIdentity(resolveOptions({ name: 'Mine' }), info)).toEqual({
      name: 'Mine',
      version: '3.1.0',
    });
    expect(serverIdentity(resolveOptions({ version: '0.0.1' }), { title: 'Doc' })).toEqual({
      name: 'Doc',
      version: '0.0.1',
    });
  });

  it('falls back to the defaults without a document or with an empty one', () => {
    const defaults = { name: 'Nest MCP', version: '1.0.0' };
    expect(serverIdentity(resolveOptions(), undefined)).toEqual(defaults);
    expect(serverIdentity(resolveOptions(), {})).toEqual(defaults);
    expect(serverIdentity(resolveOptions(), { title: '', version: '' })).toEqual(defaults);
  });
});

describe('resolveOptions refuses values that would break later', () => {
  it.each([['content-length'], ['Host'], ['mcp-session-id']])('refuses forwarding %s', (header) => {
    expect(() => resolveOptions({ forwardHeaders: ['authorization', header] })).toThrow(
      `McpModule option "forwardHeaders" cannot include ${header}`,
    );
  });

  it.each([['name'], ['version'], ['instructions']] as const)('refuses a %s that is not a string', (key) => {
    expect(() => resolveOptions({ [key]: 2 } as object)).toThrow(
      `McpModule option "${key}" must be a string, got 2.`,
    );
  });
});
