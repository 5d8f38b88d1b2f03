import { McpConfigurationError } from '../../mcp.errors.js';

/** `'stateless'`: every request stands alone; `'stateful'`: 2025-era clients get an `Mcp-Session-Id`. */
export type McpSessionMode = 'stateless' | 'stateful';

/** Default `sessionIdleTimeoutMs`: 30 minutes without a request ends a session. */
export const DEFAULT_SESSION_IDLE_TIMEOUT_MS = 30 * 60_000;
/** Default `maxSessions`: enough for a busy team, small enough that sessions cannot exhaust memory. */
export const DEFAULT_MAX_SESSIONS = 1000;

/** The session options as the rest of the library reads them. */
export interface ResolvedSessionOptions {
  readonly session: McpSessionMode;
  readonly sessionIdleTimeoutMs: number;
  readonly maxSessions: number;
}

/** The longest delay `setTimeout` honours. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Checks and defaults `session`, `sessionIdleTimeoutMs` and `maxSessions`. Sessions exist only in the
 * 2025 era, so `'stateful'` needs a 2025 revision among the served `protocolVersions`.
 */
export function resolveSessionOptions(
  options: { session?: unknown; sessionIdleTimeoutMs?: unknown; maxSessions?: unknown },
  servesLegacyEra: boolean,
): ResolvedSessionOptions {
  const session = options.session ?? 'stateless';
  if (session !== 'stateless' && session !== 'stateful') {
    throw new McpConfigurationError(
      `McpModule option "session" must be 'stateless' or 'stateful', got ${JSON.stringify(session)}.`,
    );
  }
  if (session === 'stateful' && !servesLegacyEra) {
    throw new McpConfigurationError(
      `McpModule option "session: 'stateful'" serves 2025-era clients (2026-07-28 has no sessions), but ` +
        `"protocolVersions" lists no 2025 revision: add one, e.g. '2025-11-25', or leave "session" out.`,
    );
  }
  const idle = options.sessionIdleTimeoutMs ?? DEFAULT_SESSION_IDLE_TIMEOUT_MS;
  if (typeof idle !== 'number' || !Number.isFinite(idle) || idle <= 0 || idle > MAX_TIMER_MS) {
    throw new McpConfigurationError(
      `McpModule option "sessionIdleTimeoutMs" must be a positive number of milliseconds up to ` +
        `${MAX_TIMER_MS}, got ${JSON.stringify(idle)}.`,
    );
  }
  const max = options.maxSessions ?? DEFAULT_MAX_SESSIONS;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 1) {
    throw new McpConfigurationError(
      `McpModule option "maxSessions" must be a whole number of at least 1, got ${JSON.stringify(max)}.`,
    );
  }
  return { session, sessionIdleTimeoutMs: idle, maxSessions: max };
}
