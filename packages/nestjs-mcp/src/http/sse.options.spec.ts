import { McpConfigurationError } from '../mcp.errors.js';
import { normalizePath } from '../mcp.options.resolve.js';
import { ssePathOf } from './sse.options.js';

describe('ssePathOf', () => {
  it('is off unless asked for', () => {
    expect(ssePathOf(undefined, '/mcp', normalizePath)).toBeUndefined();
    expect(ssePathOf(false, '/mcp', normalizePath)).toBeUndefined();
  });

  it('serves beside the endpoint: its last segment becomes sse', () => {
    expect(ssePathOf(true, '/mcp', normalizePath)).toBe('/sse');
    expect(ssePathOf(true, '/tools/mcp', normalizePath)).toBe('/tools/sse');
    expect(ssePathOf({}, '/tools/mcp', normalizePath)).toBe('/tools/sse');
  });

  it('takes a chosen path, normalized', () => {
    expect(ssePathOf({ path: 'legacy/sse/' }, '/mcp', normalizePath)).toBe('/legacy/sse');
  });

  it('refuses a path that collides with the endpoint, naming the fix', () => {
    expect(() => ssePathOf(true, '/api/sse', normalizePath)).toThrow(/sse: \{ path: '\/sse' \}/);
    expect(() => ssePathOf({ path: '/x' }, '/x/messages', normalizePath)).toThrow(McpConfigurationError);
  });

  it.each([['yes'], [1], [{ path: 3 }], [[]]])('refuses %j with the accepted shapes', (value) => {
    expect(() => ssePathOf(value, '/mcp', normalizePath)).toThrow(
      /option "sse" must be true, false or \{ path: '\/sse' \}/,
    );
  });
});
