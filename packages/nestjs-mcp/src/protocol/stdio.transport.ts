import type { JSONRPCMessage, MessageExtraInfo, Transport } from '@modelcontextprotocol/server';
import { serveStdio, StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import type { CallerContext } from '../calls/caller.js';
import { servesLegacyEra } from './protocol-versions.js';
import { envelopeVersion } from './request-envelope.js';
import { createMcpServer, type ServerSettings } from './server.factory.js';
import type { ToolProvider } from './tool-provider.js';
import { versionRefusal } from './version-check.js';

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
  const handle = serveStdio(() => createMcpServer(tools, caller, settings), {
    transport: new VersionGate(new StdioServerTransport(), settings.protocolVersions, events.onClosed),
    legacy: servesLegacyEra(settings.protocolVersions) ? 'serve' : 'reject',
    onerror: (error) => events.onError(error),
  });
  return { close: () => handle.close() };
}

/**
 * The stdio transport, less the requests whose `_meta` names a protocol version the endpoint does not serve:
 * the SDK's entry serves every 2026-07-28 opening, so with `protocolVersions` set to the 2025 revisions such
 * a request gets the same `-32022` as over HTTP (listing the 2025 revisions, so a negotiating client falls
 * back to `initialize`). It also tells the owner when the connection closed.
 */
class VersionGate implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: Transport['onmessage'];

  constructor(
    private readonly inner: StdioServerTransport,
    private readonly served: readonly string[],
    onClosed: () => void,
  ) {
    let closed = false;
    // An SDK transport reports through these callbacks only.
    Object.assign(inner, {
      onmessage: (message: JSONRPCMessage, extra?: MessageExtraInfo) => this.receive(message, extra),
      onerror: (error: Error) => this.onerror?.(error),
      onclose: () => {
        this.onclose?.();
        if (closed) return;
        closed = true;
        onClosed();
      },
    });
  }

  start(): Promise<void> {
    return this.inner.start();
  }

  send(message: JSONRPCMessage): Promise<void> {
    return this.inner.send(message);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private receive(message: JSONRPCMessage, extra?: MessageExtraInfo): void {
    const claimed = 'method' in message ? envelopeVersion(message.params) : undefined;
    const refusal = typeof claimed === 'string' ? versionRefusal(claimed, message, this.served) : undefined;
    if (!refusal) {
      this.onmessage?.(message, extra);
      return;
    }
    // A notification claiming an unserved version is dropped; a request is answered.
    if (!('id' in message)) return;
    const { code, message: text, data } = refusal;
    this.inner
      .send({ jsonrpc: '2.0', id: message.id, error: { code, message: text, ...(data ? { data } : {}) } })
      .catch((error: unknown) => this.onerror?.(error as Error));
  }
}
