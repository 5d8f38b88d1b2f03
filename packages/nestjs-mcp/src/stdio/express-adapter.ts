import type { AbstractHttpAdapter } from '@nestjs/core';
import { McpConfigurationError } from '../mcp.errors.js';

/** A variable, so that neither TypeScript nor bundlers treat the Express platform as a dependency. */
const EXPRESS_PLATFORM: string = '@nestjs/platform-express';

/**
 * Nest's default platform, loaded only when the app names no adapter: the library runs on Express or
 * Fastify and depends on neither.
 */
export async function loadExpressAdapter(): Promise<AbstractHttpAdapter> {
  let platform: { ExpressAdapter?: new () => AbstractHttpAdapter };
  try {
    platform = (await import(EXPRESS_PLATFORM)) as typeof platform;
  } catch (error) {
    throw new McpConfigurationError(
      `serveStdio() was given no "adapter" and could not load ${EXPRESS_PLATFORM} ` +
        `(${(error as Error).message}). Install it (npm install ${EXPRESS_PLATFORM}), or pass the adapter ` +
        `your app runs on, e.g. serveStdio(AppModule, { adapter: new FastifyAdapter() }).`,
      { cause: error },
    );
  }
  if (typeof platform.ExpressAdapter !== 'function') {
    throw new McpConfigurationError(
      `${EXPRESS_PLATFORM} exports no ExpressAdapter; pass "adapter" explicitly.`,
    );
  }
  return new platform.ExpressAdapter();
}
