import type { LoggingLevel, ServerContext } from '@modelcontextprotocol/server';
import type { CallEvents } from '../calls/call-events.js';

/** The `logger` field of the log records a session receives about its calls. */
const LOGGER = 'nestjs-mcp';

/** What the `tools/call` handler tells the client while a call runs. */
export interface CallNotifier {
  /** Passed to the call: turns the dispatched request and the route's answer into log records. */
  readonly events: CallEvents;
  /** Progress 0 of 1 when the client asked for progress. */
  started(): Promise<void>;
  /** Progress 1 of 1, after every log record of the call has been handed to the transport. */
  finished(isError: boolean): Promise<void>;
}

/** RFC 5424's severities, least severe first, as MCP's `LoggingLevel` names them. */
const SEVERITY: readonly LoggingLevel[] = [
  'debug',
  'info',
  'notice',
  'warning',
  'error',
  'critical',
  'alert',
  'emergency',
];

/**
 * Progress notifications when the request carries `_meta.progressToken` (any mode: they travel on the
 * call's SSE response), and `notifications/message` records about the call at or above `logLevel`, the
 * level a session's client set with `logging/setLevel` (none until it does, and none outside sessions).
 * A notification that cannot be sent never fails the call.
 */
export function callNotifier(
  tool: string,
  context: ServerContext,
  logLevel: LoggingLevel | undefined,
): CallNotifier {
  // oxlint-disable-next-line eslint/no-underscore-dangle -- `_meta` is the MCP field's name
  const token = context.mcpReq._meta?.progressToken;
  const sent: Promise<void>[] = [];
  const progress = (value: number, message: string): Promise<void> =>
    token === undefined
      ? Promise.resolve()
      : context.mcpReq
          .notify({
            method: 'notifications/progress',
            params: { progressToken: token, progress: value, total: 1, message },
          })
          .catch(() => undefined);
  const log = (level: LoggingLevel, message: string): void => {
    if (logLevel === undefined || SEVERITY.indexOf(level) < SEVERITY.indexOf(logLevel)) return;
    sent.push(context.mcpReq.log(level, message, LOGGER).catch(() => undefined));
  };
  return {
    events: {
      dispatching: ({ method, url }) => log('info', `calling ${tool} → ${method} ${url}`),
      answered: (status, elapsedMs) => log(levelOf(status), `${tool} ← ${status} in ${elapsedMs} ms`),
    },
    started: () => progress(0, `calling ${tool}`),
    async finished(isError) {
      await Promise.all(sent);
      await progress(1, isError ? `${tool} failed` : `${tool} done`);
    },
  };
}

function levelOf(status: number): LoggingLevel {
  if (status >= 500) return 'error';
  if (status >= 400) return 'warning';
  return 'info';
}
