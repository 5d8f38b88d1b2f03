import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A JSON-RPC message as seen on the wire. */
export interface WireMessage {
  readonly jsonrpc?: string;
  readonly id?: string | number | null;
  readonly method?: string;
  readonly params?: Record<string, any>;
  readonly result?: Record<string, any>;
  readonly error?: { code: number; message: string; data?: unknown };
}

/** One HTTP exchange between a client and the app, as the tap relayed it. */
export interface WireExchange {
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  /** The JSON-RPC messages of the request body (a batch is spread). */
  readonly sent: WireMessage[];
  readonly status: number;
  /** The JSON-RPC messages of the response: a JSON body, or every `data:` event of an SSE body. */
  readonly received: WireMessage[];
}

/** A recording HTTP relay in front of an app, to see what real clients send and get. */
export interface WireTap {
  /** `http://127.0.0.1:TAP_PORT` + `path`. */
  url(path?: string): string;
  /** Every exchange relayed so far, in the order they completed. */
  readonly exchanges: WireExchange[];
  /** The exchange that carried the request with this method, or undefined. */
  exchangeOf(method: string): WireExchange | undefined;
  close(): Promise<void>;
}

/**
 * Starts a relay on a free loopback port that forwards every request to `targetBaseUrl` unchanged (the
 * Host header names the target) and records both sides. Old SDK clients take no custom `fetch`; the tap
 * shows what any client negotiated.
 */
export async function startWireTap(targetBaseUrl: string): Promise<WireTap> {
  const target = new URL(targetBaseUrl);
  const exchanges: WireExchange[] = [];
  const server: Server = createServer((clientReq, clientRes) => {
    const sentChunks: Buffer[] = [];
    clientReq.on('data', (chunk: Buffer) => sentChunks.push(chunk));
    clientReq.on('end', () => {
      const sentBody = Buffer.concat(sentChunks);
      const upstream = request(
        { host: target.hostname, port: target.port, path: clientReq.url, method: clientReq.method },
        (upstreamRes) => {
          clientRes.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          const receivedChunks: Buffer[] = [];
          upstreamRes.on('data', (chunk: Buffer) => {
            receivedChunks.push(chunk);
            clientRes.write(chunk);
          });
          upstreamRes.on('end', () => {
            exchanges.push({
              method: clientReq.method ?? '',
              headers: clientReq.headers,
              sent: parseMessages(sentBody.toString('utf8')),
              status: upstreamRes.statusCode ?? 0,
              received: parseMessages(Buffer.concat(receivedChunks).toString('utf8')),
            });
            clientRes.end();
          });
        },
      );
      for (const [name, value] of Object.entries(clientReq.headers)) {
        if (value !== undefined) upstream.setHeader(name, value);
      }
      upstream.setHeader('host', target.host);
      upstream.on('error', (error) => clientRes.destroy(error));
      upstream.end(sentBody);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path = '/mcp') => `http://127.0.0.1:${port}${path}`,
    exchanges,
    exchangeOf: (method) => exchanges.find((exchange) => exchange.sent.some((m) => m.method === method)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** JSON-RPC messages of a body: JSON (one message or a batch), or the `data:` events of an SSE stream. */
function parseMessages(text: string): WireMessage[] {
  if (!text.trim()) return [];
  const events = text
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice('data:'.length).trim())
    .filter(Boolean);
  const documents = events.length > 0 ? events : [text];
  return documents.flatMap((document) => {
    try {
      const parsed = JSON.parse(document) as WireMessage | WireMessage[];
      return Array.isArray(parsed) ? parsed : [parsed];
    } catch {
      return [];
    }
  });
}
