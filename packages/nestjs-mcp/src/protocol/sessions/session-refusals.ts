import { jsonRpcErrorResponse } from '../web-exchange.js';

/** JSON-RPC code the SDK's transport uses for an unknown session. */
const SESSION_NOT_FOUND = -32001;
const SERVER_ERROR = -32000;

/**
 * Unknown, ended, expired, or created with other credentials: all the same 404, so a holder of another
 * token learns nothing about the session, and a client re-initializes (SDK clients do on 404).
 */
export function sessionNotFound(): Response {
  return jsonRpcErrorResponse(
    404,
    SESSION_NOT_FOUND,
    'Session not found: it ended, expired, or belongs to other credentials. Send a new initialize request ' +
      'without an Mcp-Session-Id header to start a session.',
  );
}

/** A request other than `initialize` without `Mcp-Session-Id`. */
export function sessionIdMissing(): Response {
  return jsonRpcErrorResponse(
    400,
    SERVER_ERROR,
    'Bad Request: Mcp-Session-Id header is required. Send the session id from the initialize response ' +
      'with every request, or send initialize first to start a session.',
  );
}

/** Every session slot is taken; the sessions already open are not touched. */
export function sessionsFull(max: number, id: string | number | null): Response {
  return jsonRpcErrorResponse(
    503,
    SERVER_ERROR,
    `Too many open MCP sessions: this server holds at most ${max} (the "maxSessions" option). Retry later; ` +
      'clients can end sessions they no longer use with DELETE.',
    id,
    { 'retry-after': '5' },
  );
}

/** The application is shutting down. */
export function shuttingDown(): Response {
  return jsonRpcErrorResponse(
    503,
    SERVER_ERROR,
    'The MCP server is shutting down: retry against another instance or after it restarts.',
    null,
    { 'retry-after': '5' },
  );
}

/** A body that is no JSON (the app did not parse it, so the session layer reads it). */
export function unreadableBody(tooLarge: boolean): Response {
  return tooLarge
    ? jsonRpcErrorResponse(413, SERVER_ERROR, 'Payload too large: the MCP request body is over 4 MB.')
    : jsonRpcErrorResponse(400, -32700, 'Parse error: the request body is not valid JSON.');
}
