import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger } from '@nestjs/common';
import type { CallerContext } from '../calls/caller.js';
import { isPlainObject } from '../catalog/plain-values.js';
import { Canceller } from '../dispatch/cancellation.js';
import { JsonRpcErrorCode } from './json-rpc.js';
import { preparedListing } from './listing-bytes.js';
import { endWithPieces } from './node-web.bridge.js';
import { isPlainModernRequest } from './plain-modern-request.js';
import { MODERN_ERA_START } from './protocol-versions.js';
import { META } from './request-envelope.js';
import { listedTools } from './server.factory.js';
import type { ToolProvider } from './tool-provider.js';

const logger = new Logger('McpModule');

/** What the fast path answers for, besides the tools: the eras served, and the listing's cache hint. */
export interface FastPathSettings {
  /** The endpoint serves a 2025 revision. */
  readonly legacy: boolean;
  /** The endpoint serves 2026-07-28. */
  readonly modern: boolean;
  /** `tools/list` cache hint of a 2026-07-28 answer (see `ServerSettings`). */
  readonly listTtlMs: number;
  readonly listScope: 'public' | 'private';
}

/**
 * The two requests agents send most, `tools/list` and `tools/call`, to a stateless endpoint, answered
 * without building an SDK server, transport, web `Request` and `Response` for each: nothing can be sent
 * before their result (no progress token, no session), so the answer is the result in one JSON body, byte
 * for byte what the SDK's stateless answer is. A 2025-era request qualifies without any `_meta`; a
 * 2026-07-28 one with the plain envelope every client sends (`isPlainModernRequest`), its answer carrying
 * what that revision adds (`resultType`, the server's identity, a listing's cache hint). Everything else
 * (other methods, batches, any other `_meta`, an unknown tool, a listing filtered per caller or rewritten
 * per era) goes the SDK's way. The HTTP layer has already checked the headers, the envelope, the protocol
 * version and the params (`answeredBeforeTransport`).
 */
export function answeredFast(
  tools: ToolProvider,
  caller: CallerContext,
  req: IncomingMessage,
  res: ServerResponse,
  body: unknown,
  settings: FastPathSettings,
): Promise<void> | undefined {
  const request = plainRequest(req, body, settings);
  if (!request) return undefined;
  const era = request.modern ? modernAnswer(tools, settings) : undefined;
  if (request.method === 'tools/list') return answerListing(tools, request.id, res, era);
  const name = request.params?.name;
  if (typeof name !== 'string' || !tools.has(name)) return undefined;
  const args = request.params?.arguments;
  return answerCall(tools, caller, res, request.id, name, isPlainObject(args) ? args : undefined, era);
}

interface PlainRequest {
  readonly id: string | number;
  readonly method: 'tools/list' | 'tools/call';
  readonly params?: Record<string, unknown>;
  /** A 2026-07-28 request (else a 2025-era one). */
  readonly modern: boolean;
}

function plainRequest(
  req: IncomingMessage,
  body: unknown,
  settings: FastPathSettings,
): PlainRequest | undefined {
  if (!isPlainObject(body)) return undefined;
  // Another member (`result` beside `method`, anything unknown) is no request: the SDK refuses it unrun.
  if (!Object.keys(body).every((key) => REQUEST_MEMBERS.has(key))) return undefined;
  const { method, id, params } = body;
  if (method !== 'tools/list' && method !== 'tools/call') return undefined;
  if (typeof id !== 'string' && typeof id !== 'number') return undefined;
  if (params !== undefined && !isPlainObject(params)) return undefined;
  if (params !== undefined && META in params) {
    if (!settings.modern || !isPlainModernRequest(req, method, params)) return undefined;
    return { id, method, params, modern: true };
  }
  const header = req.headers['mcp-protocol-version'];
  if (!settings.legacy) return undefined;
  if (header !== undefined && (typeof header !== 'string' || header.trim() >= MODERN_ERA_START)) {
    return undefined;
  }
  return { id, method, ...(params ? { params } : {}), modern: false };
}

/** The members of a JSON-RPC request. */
const REQUEST_MEMBERS = new Set(['jsonrpc', 'id', 'method', 'params']);

/** What a 2026-07-28 answer adds after the result's own fields, as the SDK writes them. */
interface ModernAnswer {
  /** `resultType` and the server's identity, after a call's result. */
  readonly call: { readonly resultType: 'complete'; readonly _meta: Record<string, unknown> };
  /** The same, with the cache hint, after a listing's tools: `,"resultType":…}`. */
  readonly listingTail: Buffer;
}

interface CachedAnswer extends ModernAnswer {
  readonly name: string;
  readonly version: string;
  readonly settings: FastPathSettings;
}

const modernAnswers = new WeakMap<ToolProvider, CachedAnswer>();

/**
 * Made once per server identity and settings. The identity is read on every request, as the SDK's path
 * does: `McpToolsService.refresh()` may change it (a name and version taken from the OpenAPI document).
 */
function modernAnswer(tools: ToolProvider, settings: FastPathSettings): ModernAnswer {
  const { name, version } = tools.server;
  const cached = modernAnswers.get(tools);
  if (cached?.name === name && cached.version === version && cached.settings === settings) return cached;
  const meta = { [SERVER_INFO_KEY]: { name, version } };
  const hint = { ttlMs: settings.listTtlMs, cacheScope: settings.listScope };
  const answer: CachedAnswer = {
    name,
    version,
    settings,
    call: { resultType: 'complete', _meta: meta },
    listingTail: Buffer.from(`,${JSON.stringify({ resultType: 'complete', ...hint, _meta: meta }).slice(1)}`),
  };
  modernAnswers.set(tools, answer);
  return answer;
}

const SERVER_INFO_KEY = 'io.modelcontextprotocol/serverInfo';

function answerListing(
  tools: ToolProvider,
  id: string | number,
  res: ServerResponse,
  modern: ModernAnswer | undefined,
): Promise<void> | undefined {
  if (tools.listFor) return undefined;
  const listing = preparedListing(listedTools(tools.list()));
  if (!listing) return undefined;
  // Written in pieces, not joined: a copy of a large listing per request was most of its cost (a fresh
  // buffer the size of the listing each time, which the allocator and the GC then pay for).
  writeJson(res, LISTING_HEAD, listing, modern?.listingTail ?? CLOSE_RESULT, Buffer.from(tail(id)));
  return Promise.resolve();
}

const LISTING_HEAD = Buffer.from('{"result":{"tools":');
const CLOSE_RESULT = Buffer.from('}');

async function answerCall(
  tools: ToolProvider,
  caller: CallerContext,
  res: ServerResponse,
  id: string | number,
  name: string,
  args: Record<string, unknown> | undefined,
  modern: ModernAnswer | undefined,
): Promise<void> {
  // The client leaving cancels the call (and its route's request), as the SDK's transport does.
  const left = new Canceller();
  const onClose = () => {
    if (!res.writableFinished) left.abort();
  };
  res.once('close', onClose);
  try {
    const result = await tools.call(name, args, caller, left);
    if (left.aborted) return;
    const answer = {
      content: result.content,
      ...(result.structuredContent ? { structuredContent: result.structuredContent } : {}),
      ...(result.isError ? { isError: true } : {}),
      ...modern?.call,
    };
    writeJson(res, Buffer.from(`{"result":${JSON.stringify(answer)}${tail(id)}`));
  } catch (error) {
    // What the SDK answers when a handler throws.
    logger.error(`MCP tools/call ${name} failed: ${(error as Error).message}`, (error as Error).stack);
    const failure = { code: JsonRpcErrorCode.InternalError, message: (error as Error).message };
    if (!res.headersSent) writeJson(res, Buffer.from(JSON.stringify({ jsonrpc: '2.0', id, error: failure })));
  } finally {
    res.off('close', onClose);
  }
}

/** The end of a JSON-RPC answer as the SDK writes it: `,"jsonrpc":"2.0","id":…}`. */
function tail(id: string | number): string {
  return `,"jsonrpc":"2.0","id":${JSON.stringify(id)}}`;
}

function writeJson(res: ServerResponse, ...body: Buffer[]): void {
  const length = body.reduce((sum, part) => sum + part.length, 0);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(length) });
  endWithPieces(res, body);
}
