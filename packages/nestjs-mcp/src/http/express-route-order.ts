/**
 * Express matches a request against its router's layers in order, and Nest registers the MCP endpoint's
 * routes after the app's: every MCP request was tested against each app route first (1,000 routes made a
 * tool call ~1.5x the CPU). Moving the endpoint's route layers in front of the app's routes makes that cost
 * independent of the app's size. They never move past a middleware layer (body parsers, `app.use()`,
 * Nest middleware): the endpoint still meets every middleware it met before, in the same order. An app
 * route that would have shadowed the endpoint (a catch-all `POST /:slug`) no longer does, as on Fastify,
 * whose router prefers a static path.
 */

interface ExpressLayer {
  route?: { path?: unknown };
}

interface ExpressAppLike {
  router?: { stack?: ExpressLayer[] };
}

/**
 * Moves the route layers serving `paths` (each MCP endpoint's, as registered) in front of the app routes
 * before them, behind the last middleware layer before them. Call it once the routes are registered
 * (`onApplicationBootstrap`). Leaves the router as it is when a middleware layer lies between two of the
 * endpoint's routes (moving them would change which middleware they meet). Returns whether it moved any.
 */
export function putEndpointRoutesFirst(app: unknown, paths: ReadonlySet<string>): boolean {
  const stack = (app as ExpressAppLike).router?.stack;
  if (!Array.isArray(stack)) return false;
  const isEndpoint = (layer: ExpressLayer) =>
    typeof layer.route?.path === 'string' && paths.has(layer.route.path);
  const first = stack.findIndex(isEndpoint);
  if (first < 0) return false;
  const last = stack.findLastIndex(isEndpoint);
  if (stack.slice(first, last + 1).some((layer) => !layer.route)) return false;
  let at = first;
  while (at > 0 && stack[at - 1].route) at--;
  if (at === first) return false;
  const endpoint = stack.slice(first, last + 1).filter(isEndpoint);
  const others = stack.slice(at, last + 1).filter((layer) => !isEndpoint(layer));
  stack.splice(at, last + 1 - at, ...endpoint, ...others);
  return true;
}
