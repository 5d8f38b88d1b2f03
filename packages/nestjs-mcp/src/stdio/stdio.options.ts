import type { INestApplication, LoggerService, LogLevel, NestApplicationOptions } from '@nestjs/common';
import type { AbstractHttpAdapter } from '@nestjs/core';
import { DEFAULT_PATH } from '../mcp.constants.js';
import { McpConfigurationError } from '../mcp.errors.js';
import { normalizePath } from '../mcp.options.resolve.js';

/** Options of {@link serveStdio}. */
export interface ServeStdioOptions {
  /**
   * The HTTP adapter the app runs on, e.g. `new FastifyAdapter()`. No port is opened: tool calls are
   * dispatched in-process through it, so middleware, guards, pipes, interceptors and filters run as for
   * HTTP. Default: `new ExpressAdapter()`, loaded from `@nestjs/platform-express` only when this is unset.
   */
  adapter?: AbstractHttpAdapter;
  /**
   * Which MCP endpoint to serve when the app has several `McpModule.forRoot()`s: the `path` given to
   * `forRoot()`, without the global prefix. Default `/mcp`.
   */
  path?: string;
  /**
   * The headers the stdio client is taken to send with every request, e.g.
   * `{ authorization: process.env.API_AUTHORIZATION }` for routes behind guards (entries whose value is
   * `undefined` are dropped). Stdio carries no HTTP headers; these stand in for the MCP request's headers,
   * so the endpoint's `forwardHeaders` (default `['authorization']`) decides which reach each tool call,
   * as over HTTP. Default: none.
   */
  headers?: Record<string, string | undefined>;
  /**
   * Nest's logger. Default: Nest's console logger writing every level to stderr (stdout carries only
   * protocol messages). Log levels, e.g. `['error', 'warn']`, keep that logger with those levels; `false`
   * silences Nest; a `LoggerService` of your own must not write to stdout.
   */
  logger?: LoggerService | LogLevel[] | false;
  /**
   * Whether the global `console` writes to stderr while the server runs, so a stray `console.log` cannot
   * corrupt the protocol channel. Default `true`. Direct `process.stdout.write` calls are never covered.
   */
  redirectConsole?: boolean;
  /**
   * Applies the setup your HTTP entry point does between `NestFactory.create()` and `listen()` (global
   * prefix, versioning, global pipes, Swagger document) before the app is initialized.
   */
  configure?: (app: INestApplication) => void | Promise<void>;
  /** Further options for `NestFactory.create()` (`logger` is the option above). */
  appOptions?: Omit<NestApplicationOptions, 'logger'>;
  /**
   * When stdin closes (or on SIGINT/SIGTERM) the app is closed (`app.close()`, shutdown hooks run) and the
   * process then exits on its own. If it is still running this many milliseconds after shutdown began (a
   * shutdown hook that never returns, something the app left open), it exits anyway. Default `5000`;
   * `false` never forces the exit.
   */
  forceExitAfterMs?: number | false;
}

/** {@link ServeStdioOptions} with defaults applied. */
export interface ResolvedStdioOptions {
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly redirectConsole: boolean;
  readonly forceExitAfterMs: number | false;
}

export const DEFAULT_FORCE_EXIT_MS = 5000;

/** Checks the options that are plain values; the message says how to fix a wrong one. */
export function resolveStdioOptions(options: ServeStdioOptions): ResolvedStdioOptions {
  const path = options.path ?? DEFAULT_PATH;
  if (typeof path !== 'string' || path.split('/').every((segment) => segment === '')) {
    throw new McpConfigurationError(
      `serveStdio() option "path" must be the path of an McpModule endpoint such as "/mcp", got ${JSON.stringify(path)}.`,
    );
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (value === undefined) continue;
    if (typeof value !== 'string') {
      throw new McpConfigurationError(
        `serveStdio() option "headers" must map header names to strings; "${name}" is ${JSON.stringify(value)}.`,
      );
    }
    headers[name.toLowerCase()] = value;
  }
  const forceExitAfterMs = options.forceExitAfterMs ?? DEFAULT_FORCE_EXIT_MS;
  if (forceExitAfterMs !== false && !(Number.isFinite(forceExitAfterMs) && forceExitAfterMs >= 0)) {
    throw new McpConfigurationError(
      `serveStdio() option "forceExitAfterMs" must be a number of milliseconds or false, got ${JSON.stringify(forceExitAfterMs)}.`,
    );
  }
  return {
    path: normalizePath(path),
    headers,
    redirectConsole: options.redirectConsole ?? true,
    forceExitAfterMs,
  };
}
