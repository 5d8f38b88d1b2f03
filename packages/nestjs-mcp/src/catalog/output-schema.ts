import type { ResponseObject } from '@nestjs/swagger';
import { jsonMediaType } from './plain-values.js';
import type { JsonSchema, JsonSchemaConverter } from './json-schema.js';
import type { ToolOutput } from './tool.js';

/**
 * The structured output of a tool: its success response's JSON schema when that is an object (declared as
 * is) or an array (declared wrapped as `{ items: [...] }`, since an output schema's root must be an
 * object). Nullable roots and scalars have no structured output; their text result stands alone.
 */
export function buildOutput(
  response: ResponseObject | undefined,
  converter: JsonSchemaConverter,
): ToolOutput | undefined {
  const content = response?.content ?? {};
  const mediaType = jsonMediaType(content);
  const schema = mediaType ? (content[mediaType].schema as JsonSchema | undefined) : undefined;
  if (!schema || schema.nullable === true) return undefined;
  const resolved = converter.dereference(schema);
  if (resolved.nullable === true) return undefined;
  if (isObjectSchema(resolved, converter)) {
    const converted = converter.convert(schema);
    return { schema: withDefs({ ...converted, type: 'object' }, converter), wrapped: false };
  }
  if (resolved.type === 'array') {
    const items = converter.convert(schema);
    return {
      schema: withDefs({ type: 'object', properties: { items }, required: ['items'] }, converter),
      wrapped: true,
    };
  }
  return undefined;
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
