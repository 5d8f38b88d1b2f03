import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import {
  CallToolRequestSchema,
  ListToolsRequestSchema,
  type CallToolResult,
  type ListToolsResult,
  type Tool as SdkTool,
} from '@modelcontextprotocol/sdk/types.js';
import type { Tool } from '../catalog/tool.js';
import type { CallerContext } from '../calls/caller.js';
import type { ToolProvider } from './tool-provider.js';

/**
 * The SDK builds an Ajv instance per server unless given one; with a server per request that is work on
 * every call. Tool arguments are validated by the tool invoker; this validator only serves the SDK.
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

/** The listing for this caller: the catalog's, less the tools its guards hide (when they can). */
async function listedFor(tools: ToolProvider, caller: CallerContext): Promise<SdkTool[]> {
  const all = listed(tools.list());
  if (!tools.listFor) return all;
  const visible = new Set((await tools.listFor(caller)).map((tool) => tool.name));
  return all.filter((tool) => visible.has(tool.name));
}

/**
 * A low-level SDK `Server` serving the pre-built tools. The low-level server takes the tools' JSON Schemas
 * as they are (`McpServer.registerTool` accepts only Zod); arguments are validated by the tool invoker.
 */
export function createMcpServer(tools: ToolProvider, caller: CallerContext): Server {
  const { name, version, instructions } = tools.server;
  const server = new Server(
    { name, version },
    {
      // logging: clients may set a level (the SDK answers logging/setLevel); log notifications come later.
      capabilities: { tools: { listChanged: false }, logging: {} },
      jsonSchemaValidator,
      ...(instructions ? { instructions } : {}),
    },
  );
  server.setRequestHandler(ListToolsRequestSchema, async (): Promise<ListToolsResult> => ({
    tools: await listedFor(tools, caller),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const result = await tools.call(request.params.name, request.params.arguments, caller, extra.signal);
    return {
      content: result.content,
      ...(result.structuredContent ? { structuredContent: result.structuredContent } : {}),
      ...(result.isError ? { isError: true } : {}),
    };
  });
  return server;
}
