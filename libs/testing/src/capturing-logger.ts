import type { LoggerService } from '@nestjs/common';

/** A Nest logger that keeps every line the app logs, at every level, to check what was (not) logged. */
export class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  private record = (...parts: unknown[]) => {
    this.lines.push(parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' '));
  };
  log = this.record;
  error = this.record;
  warn = this.record;
  debug = this.record;
  verbose = this.record;
  fatal = this.record;
}
