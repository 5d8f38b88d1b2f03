import { putEndpointRoutesFirst } from './express-route-order.js';

const route = (path: string) => ({ name: path, route: { path } });
const middleware = (name: string) => ({ name });
const names = (app: { router: { stack: Array<{ name: string }> } }) =>
  app.router.stack.map((layer) => layer.name);
const appOf = (...stack: Array<{ name: string }>) => ({ router: { stack } });
const ENDPOINT = new Set(['/mcp']);

describe('putEndpointRoutesFirst', () => {
  it('moves the endpoint routes in front of the app routes, behind the middleware', () => {
    const app = appOf(
      middleware('edge'),
      route('/docs'),
      middleware('json'),
      route('/a'),
      route('/b/:id'),
      route('/mcp'),
      route('/mcp'),
      middleware('notFound'),
    );
    expect(putEndpointRoutesFirst(app, ENDPOINT)).toBe(true);
    expect(names(app)).toEqual(['edge', '/docs', 'json', '/mcp', '/mcp', '/a', '/b/:id', 'notFound']);
    expect(putEndpointRoutesFirst(app, ENDPOINT)).toBe(false);
  });

  it('never moves a route past a middleware', () => {
    const app = appOf(route('/a'), middleware('json'), route('/mcp'));
    expect(putEndpointRoutesFirst(app, ENDPOINT)).toBe(false);
    expect(names(app)).toEqual(['/a', 'json', '/mcp']);
  });

  it('leaves the router alone when a middleware lies between two endpoint routes', () => {
    const app = appOf(middleware('json'), route('/a'), route('/mcp'), middleware('late'), route('/mcp'));
    expect(putEndpointRoutesFirst(app, ENDPOINT)).toBe(false);
    expect(names(app)).toEqual(['json', '/a', '/mcp', 'late', '/mcp']);
  });

  it('keeps the order of app routes between endpoint routes', () => {
    const app = appOf(middleware('json'), route('/a'), route('/mcp'), route('/b'), route('/mcp'));
    expect(putEndpointRoutesFirst(app, ENDPOINT)).toBe(true);
    expect(names(app)).toEqual(['json', '/mcp', '/mcp', '/a', '/b']);
  });

  it('does nothing without an Express router or endpoint routes', () => {
    expect(putEndpointRoutesFirst({}, ENDPOINT)).toBe(false);
    expect(putEndpointRoutesFirst(appOf(route('/a')), ENDPOINT)).toBe(false);
  });
});
