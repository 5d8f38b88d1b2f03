import type { OpenAPIObject } from '@nestjs/swagger';
import { parse, type Token } from 'path-to-regexp';
import type { RouteOperation } from '../discovery/openapi.document.js';
import { deriveAnnotations } from './annotations.js';
import { describeOperation } from './description.js';
import { buildToolInput } from './input-schema.js';
import { JsonSchemaConverter, type JsonSchema } from './json-schema.js';
import { buildOutput } from './output-schema.js';
import { successResponse } from './response-docs.js';
import { toToolName } from './tool-name.js';
import type { Tool } from './tool.js';

/** What shapes every tool of a server. */
export interface ToolSettings {
  readonly describeAllResponses: boolean;
  readonly describeFullResponseSchema: boolean;
  readonly structuredOutput: boolean;
  readonly headerArguments: boolean;
  /** Headers forwarded from the MCP request, never offered as arguments (lower case). */
  readonly forwardHeaders: ReadonlySet<string>;
}

/** The tool name a route operation gets: `@McpTool({ name })`, else its operationId. */
export function toolNameOf(joined: RouteOperation): string {
  const { route, operation, method } = joined;
  return toToolName(route.toolOptions?.name ?? operation.operationId ?? `${route.label}_${method}`);
}

/** Makes the tool for one route operation. */
export function createTool(joined: RouteOperation, document: OpenAPIObject, settings: ToolSettings): Tool {
  const { route, operation, method, path } = joined;
  const overrides = route.toolOptions ?? {};
  const components = document.components as Record<string, unknown> | undefined;
  const schemas = document.components?.schemas as Record<string, JsonSchema> | undefined;
  const input = buildToolInput(operation, components, new JsonSchemaConverter(schemas), {
    headerArguments: settings.headerArguments,
    reservedHeaders: settings.forwardHeaders,
  });
  const output = settings.structuredOutput
    ? buildOutput(successResponse(operation, components)?.response, new JsonSchemaConverter(schemas))
    : undefined;
  const httpMethod = method.toUpperCase();
  return {
    name: toolNameOf(joined),
    title: overrides.title ?? (operation.summary?.trim() || undefined),
    description: overrides.description ?? describeOperation(operation, method, path, components, settings),
    inputSchema: input.schema,
    annotations: deriveAnnotations(httpMethod, overrides.annotations),
    ...(output ? { output } : {}),
    endpoint: {
      method: httpMethod,
      pathTemplate: servedPath(route.paths, path),
      bindings: input.bindings,
      bodyEncoding: input.bodyEncoding,
    },
    source: `${route.label} (${httpMethod} ${path})`,
  };
}

/** The route path (Nest syntax) that the document's `{param}` path stands for. */
function servedPath(paths: readonly string[], openApiPath: string): string {
  return paths.find((candidate) => toOpenApiPath(candidate) === openApiPath) ?? paths[0];
}

/** `/files/*path` → `/files/{path}`, `/opt{/:maybe}` → `/opt/{maybe}`: what `@nestjs/swagger` writes. */
export function toOpenApiPath(routePath: string): string {
  const render = (tokens: Token[]): string =>
    tokens
      .map((token) => {
        if (token.type === 'text') return token.value;
        if (token.type === 'group') return render(token.tokens);
        return `{${token.name}}`;
      })
      .join('');
  return render(parse(routePath).tokens);
}
