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
  // A closed transport drops the answer of a request in flight and never settles its JSON response: when the
  // client leaves, stop waiting for it (there is no one to answer).
  const left = whenAborted(request.signal);
  try {
    await server.connect(transport);
    const response = await Promise.race([
      transport.handleRequest(request, body === undefined ? undefined : { parsedBody: body }),
      left.aborted,
    ]);
    if (response) await respond(response);
  } finally {
    left.dispose();
    request.signal.removeEventListener('abort', teardown);
    teardown();
  }
}

/** Resolves with `undefined` once `signal` aborts; `dispose()` stops listening. */
function whenAborted(signal: AbortSignal): { readonly aborted: Promise<undefined>; dispose(): void } {
  let settle: ((value: undefined) => void) | undefined;
  const aborted = new Promise<undefined>((resolve) => {
    settle = resolve;
  });
  const listener = () => settle?.(undefined);
  if (signal.aborted) listener();
  else signal.addEventListener('abort', listener, { once: true });
  return { aborted, dispose: () => signal.removeEventListener('abort', listener) };
}

/** Whether the message (or any message of a batch) carries a progress token. */
function asksForProgress(body: unknown): boolean {
  if (Array.isArray(body)) return body.some(asksForProgress);
  const params = isPlainObject(body) ? body.params : undefined;
  const meta = isPlainObject(params) ? params[META] : undefined;
  return isPlainObject(meta) && meta.progressToken !== undefined;
}
