import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

/** A Nest app listening on a free loopback port, with helpers to talk MCP and HTTP to it. */
export interface RunningApp {
  readonly app: INestApplication;
  /** `http://127.0.0.1:PORT` */
  readonly baseUrl: string;
  /** Connects the official SDK client over Streamable HTTP to `path` (default `/mcp`). */
  connect(options?: ConnectOptions): Promise<Client>;
  /** Closes every client it connected, then the app. */
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** Endpoint path on the app; default `/mcp`. */
  path?: string;
  /** Extra HTTP headers sent with every MCP request, e.g. `{ authorization: 'Bearer …' }`. */
  headers?: Record<string, string>;
}

/** Starts `app` (already configured) on `127.0.0.1` and a free port. */
export async function listen(app: INestApplication): Promise<RunningApp> {
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const clients: Client[] = [];
  return {
    app,
    baseUrl,
    async connect(options = {}) {
      const client = await connectClient(`${baseUrl}${options.path ?? '/mcp'}`, options.headers);
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map((client) => client.close()));
      await app.close();
    },
  };
}

/** The official SDK `Client` over Streamable HTTP, connected (initialize done). */
export async function connectClient(url: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'nestjs-mcp-tests', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
  await client.connect(transport);
  return client;
}
