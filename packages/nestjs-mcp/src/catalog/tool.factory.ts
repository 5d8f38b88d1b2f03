import type { OpenAPIObject } from '@nestjs/swagger';
import { parse, type Token } from 'path-to-regexp';
import type { RouteOperation } from '../discovery/openapi.document.js';
import type { McpExposure } from '../mcp.options.js';
import { describeOperation } from './description.js';
import { buildToolInput } from './input-schema.js';
import { JsonSchemaConverter, type JsonSchema } from './json-schema.js';
import { toToolName } from './tool-name.js';
import type { Tool } from './tool.js';

/** Whether a joined operation is a tool at all: `@McpExclude()` and the exposure mode decide. */
export function isExposed(joined: RouteOperation, exposure: McpExposure): boolean {
  if (joined.route.excluded) return false;
  return exposure === 'all' || joined.route.toolOptions !== undefined;
}

/** Makes the tool for one route operation. */
export function createTool(joined: RouteOperation, document: OpenAPIObject): Tool {
  const { route, operation, method, path } = joined;
  const overrides = route.toolOptions ?? {};
  const converter = new JsonSchemaConverter(document.components?.schemas as Record<string, JsonSchema>);
  const input = buildToolInput(
    operation,
    document.components as { parameters?: Record<string, unknown> },
    converter,
  );
  const httpMethod = method.toUpperCase();
  return {
    name: toToolName(overrides.name ?? operation.operationId ?? `${route.label}_${method}`),
    title: overrides.title ?? (operation.summary?.trim() || undefined),
    description: overrides.description ?? describeOperation(operation, method, path),
    inputSchema: input.schema,
    endpoint: { method: httpMethod, pathTemplate: servedPath(route.paths, path), bindings: input.bindings },
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
