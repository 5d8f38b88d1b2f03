import {
  ProtocolError,
  ProtocolErrorCode,
  Server,
  type CacheHint,
  type CallToolResult,
  type EmptyResult,
  type ListToolsResult,
  type LoggingLevel,
  type Tool as SdkTool,
} from '@modelcontextprotocol/server';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/server/validators/ajv';
import type { Tool } from '../catalog/tool.js';
import type { CallerContext } from '../calls/caller.js';
import { callNotifier } from './call-notifications.js';
import type { ListingSplice } from './listing-bytes.js';
import type { ToolProvider } from './tool-provider.js';

/**
 * The SDK builds a validator per server unless given one; with a server per request that is work on every
 * call. Tool arguments are validated by the tool invoker; this validator only serves the SDK.
 */
const jsonSchemaValidator = new AjvJsonSchemaValidator();

/** The SDK's view of each catalog, made once per catalog rather than once per `tools/list`. */
const listings = new WeakMap<readonly Tool[], SdkTool[]>();

function listed(catalog: readonly Tool[]): SdkTool[] {
  let listing = listings.get(catalog);
  if (!listing) {
    listing = catalog.map((tool) => ({
      name: tool.name,
      ...(tool.title ? { title: tool.title } : {}),
      description: tool.description,
      inputSchema: tool.inputSchema as SdkTool['inputSchema'],
      ...(tool.output ? { outputSchema: tool.output.schema as SdkTool['outputSchema'] } : {}),
      annotations: { ...(tool.title ? { title: tool.title } : {}), ...tool.annotations },
      ...(tool.meta ? { _meta: { ...tool.meta } } : {}),
    }));
    listings.set(catalog, listing);
  }
  return listing;
}

/**
 * The listing for this caller: the catalog's, less the tools its guards hide (when they can). The catalog's
 * own listing is the same for everyone: with `splice`, it is answered from bytes prepared once.
 */
async function listedFor(
  tools: ToolProvider,
  caller: CallerContext,
  splice?: ListingSplice,
): Promise<SdkTool[]> {
  const all = listed(tools.list());
  if (!tools.listFor) return splice ? splice.answer(all) : all;
  const visible = new Set((await tools.listFor(caller)).map((tool) => tool.name));
  return all.filter((tool) => visible.has(tool.name));
}

/**
 * The SDK's `Server`, closing without a stack trace. The SDK makes a "Connection closed" error on every
 * close, for the requests still waiting on the connection; with a server per request that is a stack
 * trace per request (~2 % of a tool call's CPU), which nothing reads: the request is answered, or its
 * client has left. `_onclose` is the SDK's hook for subclasses (which must call it).
 */
class QuietlyClosingServer extends Server {
  protected override _onclose(): void {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      // oxlint-disable-next-line eslint/no-underscore-dangle -- the SDK's name for its close hook
      super._onclose();
    } finally {
      Error.stackTraceLimit = limit;
    }
  }
}

/** What a server built for one request needs besides the tools. */
export interface ServerSettings {
  /** The protocol revisions the endpoint serves (the `protocolVersions` option). */
  readonly protocolVersions: readonly string[];
  /** How long a 2026-07-28 client may reuse a `tools/list` or `server/discover` result. */
  readonly listTtlMs: number;
  /** `private` when those results are the caller's (the endpoint has auth), else `public`. */
  readonly listScope: 'public' | 'private';
  /**
   * A server for a stateful 2025-era session: it declares `tools.listChanged` (the session's GET stream
   * carries the notification) and logs each call to the client at the level it set with `logging/setLevel`.
   */
  readonly sessionful?: boolean;
}

/** The caller of one request: fixed for a server built per request, looked up per request in a session. */
export type CallerSource = CallerContext | ((request: Request | undefined) => CallerContext);

/**
 * A low-level SDK `Server` serving the pre-built tools to one request. The low-level server takes the tools'
 * JSON Schemas as they are (`McpServer.registerTool` wants Standard Schemas); arguments are validated by the
 * tool invoker. An unknown tool is a protocol error (`-32602`, as the spec says); everything that goes wrong
 * in a known tool is a tool result with `isError`, so the model can correct itself. `splice`: the request's
 * answer is written through it, so the tools handler may answer the catalog's listing from prepared bytes.
 */
export function createMcpServer(
  tools: ToolProvider,
  callers: CallerSource,
  settings: ServerSettings,
  splice?: ListingSplice,
): Server {
  const callerOf = (request: Request | undefined): CallerContext =>
    typeof callers === 'function' ? callers(request) : callers;
  const { name, version, instructions } = tools.server;
  const listHint: CacheHint = {
    ttlMs: settings.listTtlMs,
    cacheScope: tools.listFor ? 'private' : settings.listScope,
  };
  const server = new QuietlyClosingServer(
    { name, version },
    {
      // logging: clients may set a level (the SDK answers logging/setLevel); sessions log each call.
      capabilities: { tools: { listChanged: settings.sessionful === true }, logging: {} },
      jsonSchemaValidator,
      supportedProtocolVersions: [...settings.protocolVersions],
      cacheHints: { 'tools/list': listHint, 'server/discover': listHint },
      ...(instructions ? { instructions } : {}),
    },
  );
  // A session's client hears about calls once it asks with `logging/setLevel`, at that level and above;
  // the SDK's own handler would send every record to a client that never asked.
  let logLevel: LoggingLevel | undefined;
  if (settings.sessionful === true) {
    server.setRequestHandler('logging/setLevel', async (request): Promise<EmptyResult> => {
      logLevel = request.params.level;
      return {};
    });
  }
  server.setRequestHandler('tools/list', async (_request, context): Promise<ListToolsResult> => ({
    tools: await listedFor(tools, callerOf(context.http?.req), splice),
  }));
  server.setRequestHandler('tools/call', async (request, context): Promise<CallToolResult> => {
    const { name: toolName, arguments: args } = request.params;
    if (!tools.has(toolName)) {
      throw new ProtocolError(
        ProtocolErrorCode.InvalidParams,
        `Unknown tool: "${toolName}". Call tools/list for the tools this server offers.`,
      );
    }
    const notifier = callNotifier(toolName, context, logLevel);
    await notifier.started();
    const caller = callerOf(context.http?.req);
    const result = await tools.call(toolName, args, caller, context.mcpReq.signal, notifier.events);
    await notifier.finished(result.isError === true);
    return {
      content: result.content,
      ...(result.structuredContent ? { structuredContent: result.structuredContent } : {}),
      ...(result.isError ? { isError: true } : {}),
    };
  });
  return server;
}
