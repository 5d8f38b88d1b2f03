import { Console } from 'node:console';
import { ConsoleLogger, type LogLevel } from '@nestjs/common';

/**
 * Nest's console logger, every level written to stderr: over stdio, stdout is the protocol channel and a
 * log line there would reach the client as a malformed message. Colours only when stderr is a terminal
 * (hosts such as Claude Desktop write it to a log file).
 */
export class StderrLogger extends ConsoleLogger {
  constructor(logLevels?: LogLevel[]) {
    super({ colors: Boolean(process.stderr.isTTY), ...(logLevels ? { logLevels } : {}) });
  }

  protected override printMessages(
    messages: unknown[],
    context?: string,
    logLevel?: LogLevel,
    _writeStreamType?: 'stdout' | 'stderr',
    errorStack?: unknown,
    params?: Record<string, unknown>,
  ): void {
    super.printMessages(messages, context, logLevel, 'stderr', errorStack, params);
  }
}

/**
 * Points the global `console` at stderr (`console.log`, `info`, `debug`, `dir`, `table` … included), so a
 * stray `console.log` in the app cannot corrupt the protocol channel. Returns the function that restores it.
 * Direct `process.stdout.write` calls are not covered.
 */
export function redirectConsoleToStderr(): () => void {
  const original = globalThis.console;
  globalThis.console = new Console({
    stdout: process.stderr,
    stderr: process.stderr,
    colorMode: 'auto',
  });
  return () => {
    globalThis.console = original;
  };
}
