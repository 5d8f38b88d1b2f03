import { McpConfigurationError } from '../../mcp.errors.js';
import { resolveOptions } from '../../mcp.options.resolve.js';

describe('session options', () => {
  it('keeps the given values', () => {
    const resolved = resolveOptions({ session: 'stateful', sessionIdleTimeoutMs: 250, maxSessions: 3 });
    expect(resolved).toMatchObject({ session: 'stateful', sessionIdleTimeoutMs: 250, maxSessions: 3 });
  });

  it.each([
    [{ session: 'sticky' }, /"session" must be 'stateless' or 'stateful', got "sticky"/],
    [{ sessionIdleTimeoutMs: 0 }, /"sessionIdleTimeoutMs" must be a positive number of milliseconds/],
    [{ sessionIdleTimeoutMs: 2 ** 31 }, /"sessionIdleTimeoutMs" must be .* up to 2147483647/],
    [{ maxSessions: 0 }, /"maxSessions" must be a whole number of at least 1, got 0/],
    [{ maxSessions: 2.5 }, /"maxSessions" must be a whole number/],
    [
      { session: 'stateful', protocolVersions: ['2026-07-28'] },
      /serves 2025-era clients .* "protocolVersions" lists no 2025 revision/,
    ],
  ])('refuses %j', (options, message) => {
    expect(() => resolveOptions(options as never)).toThrow(McpConfigurationError);
    expect(() => resolveOptions(options as never)).toThrow(message);
  });

  it('lets a stateless endpoint serve 2026-07-28 only', () => {
    expect(resolveOptions({ protocolVersions: ['2026-07-28'] }).session).toBe('stateless');
  });
});
