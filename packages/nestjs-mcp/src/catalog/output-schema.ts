import type { ResponseObject } from '@nestjs/swagger';
import { jsonMediaType } from './plain-values.js';
import type { JsonSchema, JsonSchemaConverter } from './json-schema.js';
import type { ToolOutput } from './tool.js';

type Shape = 'object' | 'array';

/**
 * The structured output of a tool, from its documented 2xx responses. Each must be JSON and all of one
 * shape: objects are declared as they are (several as an `anyOf`), arrays wrapped as `{ items: [...] }`
 * since an output schema's root must be an object. Anything else (a 204, a scalar, a nullable root, a mix)
 * has no structured output: a client would demand structured content the route cannot always give.
 * With a tolerant converter every schema accepts `{}`, the structured content of an empty response.
 */
export function buildOutput(
  responses: readonly ResponseObject[],
  converter: JsonSchemaConverter,
): ToolOutput | undefined {
  const schemas = responses.map((response) => jsonSchemaOf(response));
  if (schemas.length === 0 || schemas.some((schema) => schema === undefined)) return undefined;
  const shapes = (schemas as JsonSchema[]).map((schema) => shapeOf(schema, converter));
  const shape = shapes[0];
  if (shape === undefined || shapes.some((other) => other !== shape)) return undefined;
  const converted = (schemas as JsonSchema[]).map((schema) => converter.convert(schema));
  const body = converted.length === 1 ? converted[0] : { anyOf: converted };
  if (shape === 'object') return { schema: withDefs({ ...body, type: 'object' }, converter), wrapped: false };
  // A tolerant wrapper does not require `items` either: an empty response is then `{}`.
  const required = converter.tolerant ? {} : { required: ['items'] };
  return {
    schema: withDefs({ type: 'object', properties: { items: body }, ...required }, converter),
    wrapped: true,
  };
}

function jsonSchemaOf(response: ResponseObject): JsonSchema | undefined {
  const content = response.content ?? {};
  const mediaType = jsonMediaType(content);
  return mediaType ? (content[mediaType].schema as JsonSchema | undefined) : undefined;
}

function shapeOf(schema: JsonSchema, converter: JsonSchemaConverter): Shape | undefined {
  if (schema.nullable === true) return undefined;
  const resolved = converter.dereference(schema);
  if (resolved.nullable === true) return undefined;
  if (isObjectSchema(resolved, converter)) return 'object';
  return resolved.type === 'array' ? 'array' : undefined;
}

/** An object, or a union whose every branch is an object (a response is one of several objects). */
function isObjectSchema(schema: JsonSchema, converter: JsonSchemaConverter): boolean {
  if (schema.type === 'object') return true;
  if (schema.type !== undefined) return false;
  if (schema.properties !== undefined || Array.isArray(schema.allOf)) return true;
  const branches = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
  return (
    Array.isArray(branches) &&
    branches.length > 0 &&
    branches.every((branch) => isObjectSchema(converter.dereference(branch), converter))
  );
}

function withDefs(schema: JsonSchema, converter: JsonSchemaConverter): JsonSchema {
  const defs = converter.defs;
  return Object.keys(defs).length > 0 ? { ...schema, $defs: defs } : schema;
}
