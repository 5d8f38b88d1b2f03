import type { RequestHandler } from './in-process.injector.js';

/** The part of a Fastify instance used here (the library does not depend on Fastify). */
export interface FastifyLike {
  /** Fastify's request handler: what its own `inject()` hands to light-my-request. */
  routing: RequestHandler;
  ready(): Promise<unknown>;
}

/** Fastify's router as a handler for light-my-request, and the readiness it needs first. */
export function fastifyHandler(instance: FastifyLike): {
  handler: RequestHandler;
  prepare: () => Promise<unknown>;
} {
  return { handler: (req, res) => instance.routing(req, res), prepare: () => instance.ready() };
}
