import { McpConfigurationError } from '../mcp.errors.js';
import { DEFAULT_FORCE_EXIT_MS, resolveStdioOptions, type ServeStdioOptions } from './stdio.options.js';

/** Lets a test pass what a JavaScript (or misconfigured) caller could. */
const loose = (options: Record<string, unknown>) => options as ServeStdioOptions;

describe('resolveStdioOptions', () => {
  it('applies the defaults', () => {
    expect(resolveStdioOptions({})).toEqual({
      path: '/mcp',
      headers: {},
      redirectConsole: true,
      forceExitAfterMs: DEFAULT_FORCE_EXIT_MS,
    });
  });

  it('normalizes the path as McpModule does', () => {
    expect(resolveStdioOptions({ path: 'admin-mcp/' }).path).toBe('/admin-mcp');
  });

  it('lower-cases header names and drops undefined values (an unset environment variable)', () => {
    const { headers } = resolveStdioOptions({
      headers: { Authorization: 'Bearer t', 'X-Tenant': undefined },
    });
    expect(headers).toEqual({ authorization: 'Bearer t' });
  });

  it('keeps redirectConsole: false and forceExitAfterMs: false', () => {
    const resolved = resolveStdioOptions({ redirectConsole: false, forceExitAfterMs: false });
    expect(resolved.redirectConsole).toBe(false);
    expect(resolved.forceExitAfterMs).toBe(false);
  });

  it.each([
    ['path', { path: '/' }],
    ['path', { path: 42 }],
    ['headers', { headers: { authorization: 42 } }],
    ['forceExitAfterMs', { forceExitAfterMs: -1 }],
    ['forceExitAfterMs', { forceExitAfterMs: 'soon' }],
  ])('rejects a wrong %s with a message naming it', (option, options) => {
    expect(() => resolveStdioOptions(loose(options))).toThrow(McpConfigurationError);
    expect(() => resolveStdioOptions(loose(options))).toThrow(`"${option}"`);
  });
});
