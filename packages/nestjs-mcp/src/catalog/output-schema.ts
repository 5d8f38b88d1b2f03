import type { ResponseObject } from '@nestjs/swagger';
import type { JsonSchema, JsonSchemaConverter } from './json-schema.js';
import type { ToolOutput } from './tool.js';

const JSON_MEDIA_TYPE = /^application\/([\w.+-]+\+)?json\b/;

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
  const mediaType = Object.keys(content).find((type) => JSON_MEDIA_TYPE.test(type));
  const schema = mediaType ? (content[mediaType].schema as JsonSchema | undefined) : undefined;
  if (!schema || schema.nullable === true) return undefined;
  const resolved = converter.dereference(schema);
  if (resolved.nullable === true) return undefined;
  if (isObjectSchema(resolved)) {
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

function isObjectSchema(schema: JsonSchema): boolean {
  if (schema.type === 'object') return true;
  return schema.type === undefined && (schema.properties !== undefined || Array.isArray(schema.allOf));
}

function withDefs(schema: JsonSchema, converter: JsonSchemaConverter): JsonSchema {
  const defs = converter.defs;
  return Object.keys(defs).length > 0 ? { ...schema, $defs: defs } : schema;
}
