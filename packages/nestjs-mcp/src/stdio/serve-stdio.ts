import {
  Logger,
  type DynamicModule,
  type INestApplication,
  type LoggerService,
  type LogLevel,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { CallerContext } from '../calls/caller.js';
import { TOOLS_LIST_TTL_MS } from '../http/mcp.controller.factory.js';
import { serveToolsOverStdio, type StdioConnection } from '../protocol/stdio.transport.js';
import { findMcpEndpoint } from './endpoint-lookup.js';
import { loadExpressAdapter } from './express-adapter.js';
import { redirectConsoleToStderr, StderrLogger } from './stderr.logger.js';
import { resolveStdioOptions, type ResolvedStdioOptions, type ServeStdioOptions } from './stdio.options.js';

/** A Nest app serving its MCP tools over stdio. */
export interface McpStdioServer {
  /** The initialized app (never listening). */
  readonly app: INestApplication;
  /** Settles once the app is closed, after stdin closed, a SIGINT/SIGTERM, or {@link close}. */
  readonly closed: Promise<void>;
  /** Stops serving and closes the app (shutdown hooks run); the process is left running. */
  close(): Promise<void>;
}

const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Runs a Nest app as a local MCP server over stdio, the way Claude Desktop and other hosts launch one: the
 * app's module is created and initialized without opening a port, the `McpModule` endpoint's tools are
 * served on stdin/stdout (both protocol eras), and each tool call is dispatched in-process through the HTTP
 * adapter, through the app's whole pipeline as over HTTP. Nest logs (and, by default, the global `console`)
 * go to stderr: stdout carries only protocol messages. When the client closes stdin the app is closed and
 * the process exits.
 *
 * ```ts
 * // stdio-main.ts, run by the host as `node dist/stdio-main.js`
 * await serveStdio(AppModule, {
 *   adapter: new FastifyAdapter(), // default: Express
 *   configure: (app) => app.useGlobalPipes(new ValidationPipe({ transform: true })),
 *   headers: { authorization: process.env.API_AUTHORIZATION },
 * });
 * ```
 * The endpoint's `auth` (its own guards) is an HTTP concern and does not run over stdio; each route's guards
 * do, and see the `headers` option.
 */
export async function serveStdio(
  module: Type | DynamicModule,
  options: ServeStdioOptions = {},
): Promise<McpStdioServer> {
  const settings = resolveStdioOptions(options);
  const restoreConsole = settings.redirectConsole ? redirectConsoleToStderr() : () => undefined;
  let app: INestApplication | undefined;
  try {
    const adapter = options.adapter ?? (await loadExpressAdapter());
    app = await NestFactory.create(module, adapter, {
      abortOnError: false,
      ...options.appOptions,
      logger: loggerOf(options.logger),
    });
    await options.configure?.(app);
    await app.init();
    return start(app, settings, restoreConsole);
  } catch (error) {
    await app?.close().catch(() => undefined);
    restoreConsole();
    throw error;
  }
}

function start(
  app: INestApplication,
  settings: ResolvedStdioOptions,
  restoreConsole: () => void,
): McpStdioServer {
  const logger = new Logger('McpStdio');
  const { tools, options } = findMcpEndpoint(app, settings.path);
  const caller: CallerContext = { headers: settings.headers };
  let closing: Promise<void> | undefined;
  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  const close = () => (closing ??= shutDown(false));
  // Ended by the host (stdin closed, a signal): the process is meant to go, so it is made to if it lingers.
  const end = () => void (closing ??= shutDown(true));

  const connection: StdioConnection = serveToolsOverStdio(
    tools,
    caller,
    {
      protocolVersions: options.protocolVersions,
      listTtlMs: TOOLS_LIST_TTL_MS,
      listScope: options.auth ? 'private' : 'public',
    },
    {
      onClosed: end,
      onError: (error) => logger.debug(`stdio: ${error.message}`),
    },
  );
  for (const signal of SHUTDOWN_SIGNALS) process.once(signal, end);

  async function shutDown(forceExit: boolean): Promise<void> {
    for (const signal of SHUTDOWN_SIGNALS) process.off(signal, end);
    // Armed before closing, so that a shutdown hook that never returns cannot keep the process alive either.
    if (forceExit && settings.forceExitAfterMs !== false) {
      // Unref'd: a process with nothing left open exits before it fires.
      setTimeout(() => {
        logger.warn(`Still running ${settings.forceExitAfterMs} ms after shutdown began: exiting.`);
        process.exit();
      }, settings.forceExitAfterMs).unref();
    }
    try {
      await connection.close();
      await app.close();
    } catch (error) {
      logger.error(`Closing the app failed: ${(error as Error).message}`, (error as Error).stack);
      process.exitCode ??= 1;
    } finally {
      restoreConsole();
    }
    markClosed();
  }

  logger.log(`Serving ${tools.list().length} tools of "${tools.server.name}" (${settings.path}) over stdio`);
  if (options.auth) {
    logger.log(
      'The endpoint\'s "auth" guards do not run over stdio; routes\' own guards see the "headers" option.',
    );
  }
  return { app, closed, close };
}

function loggerOf(logger: LoggerService | LogLevel[] | false | undefined): LoggerService | false {
  if (logger === false) return false;
  if (logger === undefined || Array.isArray(logger)) return new StderrLogger(logger);
  return logger;
}
