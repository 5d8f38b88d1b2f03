import type { RequestHandler } from './in-process.injector.js';

/**
 * The Express app as a handler for light-my-request.
 *
 * Express re-parents every request and response onto its own prototypes (`setPrototypeOf`), which drops
 * light-my-request's overrides (`end`, `write`, `destroy` …). Handing light-my-request the Express app
 * itself makes it rewrite Express's shared prototypes instead, which broke the next real HTTP request.
 * So the app is wrapped, and the overrides are copied onto each mock object as own properties, which
 * survive `setPrototypeOf`.
 */
export function expressHandler(app: RequestHandler): RequestHandler {
  return (req, res) => {
    keepPrototypeMethods(req);
    keepPrototypeMethods(res);
    app(req, res);
  };
}

function keepPrototypeMethods(target: object): void {
  const prototype = Object.getPrototypeOf(target) as object;
  for (const key of Object.getOwnPropertyNames(prototype)) {
    if (key === 'constructor' || Object.prototype.hasOwnProperty.call(target, key)) continue;
    Object.defineProperty(target, key, Object.getOwnPropertyDescriptor(prototype, key)!);
  }
}
