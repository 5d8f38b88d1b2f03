import { request } from 'node:http';

/** A raw HTTP exchange's outcome. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  /** The JSON-RPC message of the body: plain JSON, or the first `data:` event of an SSE body. */
  message(): JsonRpcAnswer;
  /** Every JSON-RPC message of the body: a JSON batch spread, or each `data:` event of an SSE body. */
  messages(): JsonRpcAnswer[];
}

/** A JSON-RPC response as the endpoint sends it. */
export interface JsonRpcAnswer {
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
  id?: unknown;
}

export interface RawRequest {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
  /** Local address to send from (any 127.x.y.z works on loopback), to check IP pass-through. */
  readonly localAddress?: string;
}

/** Headers a Streamable HTTP client sends with a JSON-RPC POST. */
export const MCP_POST_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
};

/** Sends one HTTP request as is, for checks an SDK client would never let through. */
export function rawRequest(url: string, options: RawRequest = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'POST', headers: options.headers, localAddress: options.localAddress },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            message: () => parseMessage(text),
            messages: () => parseMessages(text),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A JSON-RPC request body. */
export function jsonRpc(
  method: string,
  params: Record<string, unknown> = {},
  id: number | string = 1,
): string {
  return JSON.stringify({ jsonrpc: '2.0', id, method, params });
}

function parseMessages(text: string): JsonRpcAnswer[] {
  const events = text.split('\n').filter((line) => line.startsWith('data:'));
  const documents = events.length > 0 ? events.map((line) => line.slice('data:'.length)) : [text];
  return documents.flatMap((document) => JSON.parse(document) as JsonRpcAnswer | JsonRpcAnswer[]);
}

function parseMessage(text: string): JsonRpcAnswer {
  const data = text
    .split('\n')
    .find((line) => line.startsWith('data:'))
    ?.slice('data:'.length);
  return JSON.parse(data ?? text);
}
