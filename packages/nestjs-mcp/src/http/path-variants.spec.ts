import fc from 'fast-check';
import { endpointVariant, pathOf } from './path-variants.js';

/** The rule as the README states it: one trailing slash, or another case, of an endpoint's path. */
function reference(path: string, endpoints: readonly string[]): string | undefined {
  const wanted = (path.endsWith('/') && path !== '/' ? path.slice(0, -1) : path).toLowerCase();
  return endpoints.find((endpoint) => endpoint !== path && endpoint.toLowerCase() === wanted);
}

/** A path as a client might mistype the endpoint's: a trailing slash, another case, or two slashes. */
const variant = (base: string) =>
  fc.constantFrom(base, `${base}/`, base.toUpperCase(), `${base.toUpperCase()}/`, `${base}//`);

describe('endpointVariant', () => {
  const endpoints = ['/mcp', '/api/reports-mcp'];

  it.each([
    ['/mcp/', '/mcp'],
    ['/MCP', '/mcp'],
    ['/Mcp/', '/mcp'],
    ['/api/Reports-MCP', '/api/reports-mcp'],
    ['/mcp', undefined],
    ['/mcp//', undefined],
    ['/mcpx', undefined],
    ['/items/1', undefined],
    ['/', undefined],
  ])('%s is a near miss of %s', (path, expected) => {
    expect(endpointVariant(path, endpoints)).toBe(expected);
  });

  it('agrees with the rule for any path (URL paths are ASCII)', () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9._~%-]{0,6}$/);
    const path = fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => `/${parts.join('/')}`);
    // The candidate is often a variant of one of the endpoints, else any path.
    const cases = fc
      .array(path, { minLength: 1, maxLength: 3 })
      .chain((known) =>
        fc.tuple(fc.constant(known), fc.oneof(path, fc.constantFrom(...known).chain(variant))),
      );
    let near = 0;
    fc.assert(
      fc.property(cases, ([known, candidate]) => {
        const expected = reference(candidate, known);
        if (expected !== undefined) near++;
        expect(endpointVariant(candidate, known)).toBe(expected);
      }),
    );
    // Near misses were among the cases, not only paths far from every endpoint.
    expect(near).toBeGreaterThan(0);
  });
});

describe('pathOf', () => {
  it.each([
    ['/mcp?x=1', '/mcp'],
    ['/mcp', '/mcp'],
    ['/mcp?', '/mcp'],
    ['?a', ''],
    [undefined, ''],
  ])('the path of %s is %s', (url, expected) => {
    expect(pathOf(url)).toBe(expected);
  });
});
