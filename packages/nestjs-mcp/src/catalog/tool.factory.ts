import type { VersioningOptions } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { RouteOperation } from '../discovery/openapi.document.js';
import { parseRoutePath } from '../discovery/route-paths.js';
import { deriveAnnotations } from './annotations.js';
import { describeOperation } from './description.js';
import { readsBody } from './handler-body.js';
import { buildToolInput } from './input-schema.js';
import { JsonSchemaConverter, type JsonSchema } from './json-schema.js';
import { buildOutput } from './output-schema.js';
import { successResponses } from './response-docs.js';
import { describeSecurity, SECURITY_META_KEY, securityOf } from './security.js';
import { readableDefaultName, toToolName, type ToolNaming } from './tool-name.js';
import { versionHeaders } from './version-headers.js';
import type { Tool } from './tool.js';

/** What shapes every tool of a server. */
export interface ToolSettings {
  readonly describeAllResponses: boolean;
  readonly describeFullResponseSchema: boolean;
  readonly structuredOutput: boolean;
  /** Output schemas keep the documented `required` lists and types instead of tolerating real responses. */
  readonly strictOutputSchemas: boolean;
  readonly headerArguments: boolean;
  /** How tools without `@McpTool({ name })` are named from their operationId. */
  readonly toolNames: ToolNaming;
  /** Arguments exactly as documented (no bare-object or undocumented-body leniency). */
  readonly strictArguments?: boolean;
  /** Headers forwarded from the MCP request, never offered as arguments (lower case). */
  readonly forwardHeaders: ReadonlySet<string>;
  /** The app's versioning, to select a route's version by header when it is not in the path. */
  readonly versioning?: VersioningOptions;
}

/**
 * The tool name a route operation gets: `@McpTool({ name })`, else its operationId — made readable when it
 * is `@nestjs/swagger`'s default (`UsersController_findAll` → `users_find_all`) and naming is `'readable'`.
 */
export function toolNameOf(joined: RouteOperation, naming: ToolNaming): string {
  const { route, operation, method } = joined;
  const explicit = route.toolOptions?.name;
  if (explicit !== undefined && explicit !== null) return toToolName(explicit);
  const operationId = operation.operationId;
  if (operationId === undefined) return toToolName(`${route.label}_${method}`);
  const readable =
    naming === 'readable'
      ? readableDefaultName(operationId, {
          controller: route.controller.name,
          method: route.methodName,
          versions: versionsOf(route.version),
        })
      : undefined;
  return toToolName(readable ?? operationId);
}

function versionsOf(version: RouteOperation['route']['version']): string[] {
  return (Array.isArray(version) ? version : [version]).filter(
    (value): value is string => typeof value === 'string',
  );
}

/** Makes the tool for one route operation. */
export function createTool(joined: RouteOperation, document: OpenAPIObject, settings: ToolSettings): Tool {
  const { route, operation, method, path } = joined;
  const overrides = route.toolOptions ?? {};
  const components = document.components as Record<string, unknown> | undefined;
  const schemas = document.components?.schemas as Record<string, JsonSchema> | undefined;
  const input = buildToolInput(
    operation,
    components,
    new JsonSchemaConverter(schemas, 'request', {
      bareObjects: settings.strictArguments ? 'object' : 'any',
    }),
    {
      headerArguments: settings.headerArguments,
      reservedHeaders: settings.forwardHeaders,
      pathParams: parseRoutePath(joined.servedPath).params,
      readsBody: readsBody(route),
      strict: settings.strictArguments === true,
    },
  );
  const output = settings.structuredOutput
    ? buildOutput(
        successResponses(operation, components),
        new JsonSchemaConverter(schemas, 'response', { tolerant: !settings.strictOutputSchemas }),
      )
    : undefined;
  const httpMethod = method.toUpperCase();
  const security = securityOf(operation, document);
  return {
    name: toolNameOf(joined, settings.toolNames),
    title: overrides.title ?? (operation.summary?.trim() || undefined),
    description:
      overrides.description ??
      describeOperation(
        operation,
        method,
        path,
        components,
        settings,
        security && describeSecurity(security),
      ),
    inputSchema: input.schema,
    annotations: deriveAnnotations(httpMethod, overrides.annotations),
    ...(output ? { output } : {}),
    endpoint: {
      method: httpMethod,
      pathTemplate: joined.servedPath,
      bindings: input.bindings,
      bodyEncoding: input.bodyEncoding,
      ...(input.openBody ? { openBody: true } : {}),
      ...withHeaders(versionHeaders(route.version, settings.versioning)),
    },
    ...(security ? { meta: { [SECURITY_META_KEY]: security } } : {}),
    source: `${route.label} (${httpMethod} ${path})`,
    ...(input.undocumentedBody ? { undocumentedBody: true } : {}),
  };
}

function withHeaders(headers: Record<string, string> | undefined): { headers?: Record<string, string> } {
  return headers ? { headers } : {};
}
