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

/** The properties of each mock prototype, read once: every call's request and response copy them. */
const prototypeProperties = new WeakMap<object, readonly (readonly [string, PropertyDescriptor])[]>();

function keepPrototypeMethods(target: object): void {
  const prototype = Object.getPrototypeOf(target) as object;
  let properties = prototypeProperties.get(prototype);
  if (!properties) {
    properties = Object.getOwnPropertyNames(prototype)
      .filter((key) => key !== 'constructor')
      .map((key) => [key, Object.getOwnPropertyDescriptor(prototype, key)!] as const);
    prototypeProperties.set(prototype, properties);
  }
  for (const [key, descriptor] of properties) {
    if (!Object.prototype.hasOwnProperty.call(target, key)) Object.defineProperty(target, key, descriptor);
  }
}
