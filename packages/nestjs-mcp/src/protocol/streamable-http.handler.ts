import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger } from '@nestjs/common';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { CallerContext } from '../calls/caller.js';
import { checkEnvelope } from './envelope.js';
import {
  EMPTY_BODY_MESSAGE,
  JsonRpcErrorCode,
  UNSUPPORTED_MEDIA_TYPE,
  writeJsonRpcError,
} from './json-rpc.js';
import { guardParams } from './params.guard.js';
import { createMcpServer } from './server.factory.js';
import type { ToolProvider } from './tool-provider.js';

const logger = new Logger('McpModule');

/**
 * Streamable HTTP in stateless mode: every POST gets a fresh server and transport (a stateless transport
 * cannot be reused), both closed when the response closes. Requests the SDK would misreport (a valid JSON
 * body that is no JSON-RPC message, wrong params) are answered here with the spec's codes.
 */
export async function handleStatelessPost(
  tools: ToolProvider,
  caller: CallerContext,
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
): Promise<void> {
  if (refusedByHeaders(req, res)) return;
  if (body === undefined && !hasBody(req)) {
    writeJsonRpcError(res, 400, JsonRpcErrorCode.ParseError, EMPTY_BODY_MESSAGE);
    return;
  }
  if (body !== undefined) {
    if (isEmptyParse(body) && !hasBody(req)) {
      writeJsonRpcError(res, 400, JsonRpcErrorCode.ParseError, EMPTY_BODY_MESSAGE);
      return;
    }
    const error = checkEnvelope(body, headerValue(req, 'mcp-protocol-version'));
    if (error) {
      writeJsonRpcError(res, 400, error.code, error.message, {}, error.id);
      return;
    }
  }
  const server = createMcpServer(tools, caller);
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  try {
    await server.connect(transport);
    guardParams(transport);
    await transport.handleRequest(req, res, body);
  } catch (error) {
    logger.error(`MCP request failed: ${(error as Error).message}`, (error as Error).stack);
    writeJsonRpcError(res, 500, JsonRpcErrorCode.InternalError, 'Internal error');
  }
}

/** Stateless servers offer no GET stream and have no session to DELETE; other methods are not MCP. */
export function rejectMethod(res: ServerResponse, method: string): void {
  writeJsonRpcError(
    res,
    405,
    JsonRpcErrorCode.ServerError,
    `Method not allowed: ${method}. This MCP endpoint is stateless; send JSON-RPC messages with POST.`,
    { allow: 'POST' },
  );
}

/** An HTTP-level refusal: status, JSON-RPC code and message. */
export interface HttpRefusal {
  readonly status: number;
  readonly code: number;
  readonly message: string;
}

/**
 * The transport's own header checks (406, then 415), made before the body is looked at so that their answer
 * does not depend on the body or on the adapter; the messages are the SDK's.
 */
export function headerRefusal(req: IncomingMessage, checkContentType = true): HttpRefusal | undefined {
  const accept = headerValue(req, 'accept') ?? '';
  if (!accept.includes('application/json') || !accept.includes('text/event-stream')) {
    return {
      status: 406,
      code: JsonRpcErrorCode.ServerError,
      message: 'Not Acceptable: Client must accept both application/json and text/event-stream',
    };
  }
  if (!checkContentType) return undefined;
  const contentType = headerValue(req, 'content-type') ?? '';
  const [essence, ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (essence !== 'application/json') {
    return { status: 415, code: JsonRpcErrorCode.ServerError, message: UNSUPPORTED_MEDIA_TYPE };
  }
  // JSON is UTF-8 (RFC 8259); Express refuses other charsets and Fastify would misread them.
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice('charset='.length);
  if (charset !== undefined && !['utf-8', 'utf8', '"utf-8"'].includes(charset)) {
    return {
      status: 415,
      code: JsonRpcErrorCode.ServerError,
      message: `${UNSUPPORTED_MEDIA_TYPE} in UTF-8, got charset=${charset}`,
    };
  }
  return undefined;
}

function refusedByHeaders(req: IncomingMessage, res: ServerResponse): boolean {
  const refusal = headerRefusal(req);
  if (refusal) writeJsonRpcError(res, refusal.status, refusal.code, refusal.message);
  return refusal !== undefined;
}

/** Whether the request carries a body at all (as `type-is` decides for Express's body parser). */
function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Express's JSON parser turns an empty body into `{}`. */
function isEmptyParse(body: unknown): boolean {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 0;
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
