import { serveStdio, StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import type { CallerContext } from '../calls/caller.js';
import { servesLegacyEra } from './protocol-versions.js';
import { createMcpServer, type ServerSettings } from './server.factory.js';
import type { ToolProvider } from './tool-provider.js';

/** A running stdio connection. */
export interface StdioConnection {
  /** Closes the connection (calls in flight are aborted) and stops reading stdin. */
  close(): Promise<void>;
}

/** What the stdio connection reports to its owner. */
export interface StdioConnectionEvents {
  /** The client closed its end (stdin ended) or the transport failed for good; called once. */
  onClosed(): void;
  /** An out-of-band error (a malformed line, a refused opening); for the log only. */
  onError(error: Error): void;
}

/**
 * Serves the tools over this process's stdin/stdout with the SDK's stdio entry, which serves both protocol
 * eras from one factory: the opening message picks the era and one server, built like the HTTP endpoint's,
 * serves the whole connection. Every request of the connection is made by `caller` (stdio carries no
 * headers, so the owner decides what a call forwards).
 */
export function serveToolsOverStdio(
  tools: ToolProvider,
  caller: CallerContext,
  settings: ServerSettings,
  events: StdioConnectionEvents,
): StdioConnection {
  const transport = new StdioServerTransport();
  const handle = serveStdio(() => createMcpServer(tools, caller, settings), {
    transport,
    legacy: servesLegacyEra(settings.protocolVersions) ? 'serve' : 'reject',
    onerror: (error) => events.onError(error),
  });
  // `serveStdio` installs its own close handler on the transport; chain after it to learn that stdin ended.
  const entryOnClose = transport.onclose;
  let closed = false;
  // oxlint-disable-next-line unicorn/prefer-add-event-listener -- an SDK transport has only this callback
  transport.onclose = () => {
    entryOnClose?.();
    if (closed) return;
    closed = true;
    events.onClosed();
  };
  return { close: () => handle.close() };
}
