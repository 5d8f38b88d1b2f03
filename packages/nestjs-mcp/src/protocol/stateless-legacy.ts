import { WebStandardStreamableHTTPServerTransport, type Server } from '@modelcontextprotocol/server';
import { isPlainObject } from '../catalog/plain-values.js';
import { META } from './request-envelope.js';
import type { Respond } from './web-exchange.js';

/**
 * A 2025-era request on a stateless endpoint: a fresh server and transport for it, torn down once the
 * answer is sent (or the client leaves), as the SDK's own stateless fallback does; but the answer is one
 * JSON body unless the request asks for progress, the only thing a stateless server can send before a
 * result. JSON costs less than an SSE stream per request, and clients of every 2025 revision accept both.
 */
export async function answerStatelessLegacy(
  server: Server,
  request: Request,
  body: unknown,
  respond: Respond,
): Promise<void> {
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    // An app that parses no body: whether it asks for progress is unknown, so stream to be safe.
    enableJsonResponse: body !== undefined && !asksForProgress(body),
  });
  const teardown = () => {
    void transport.close().catch(() => undefined);
    void server.close().catch(() => undefined);
  };
  request.signal.addEventListener('abort', teardown, { once: true });
  try {
    await server.connect(transport);
    const response = await transport.handleRequest(
      request,
      body === undefined ? undefined : { parsedBody: body },
    );
    await respond(response);
  } finally {
    request.signal.removeEventListener('abort', teardown);
    teardown();
  }
}

/** Whether the message (or any message of a batch) carries a progress token. */
function asksForProgress(body: unknown): boolean {
  if (Array.isArray(body)) return body.some(asksForProgress);
  const params = isPlainObject(body) ? body.params : undefined;
  const meta = isPlainObject(params) ? params[META] : undefined;
  return isPlainObject(meta) && meta.progressToken !== undefined;
}
