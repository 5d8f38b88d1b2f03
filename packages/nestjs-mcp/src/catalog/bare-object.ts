import type { JsonSchema } from './json-schema.js';

/**
 * Keywords that do not constrain a value: an object schema with only these is bare. One rule for requests
 * and responses, so a body, a property and a response field are judged alike.
 */
const ANNOTATIONS = new Set([
  'type',
  'title',
  'description',
  'default',
  'example',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
  'nullable',
  'externalDocs',
  'xml',
]);

const ANY_VALUE = 'Any JSON value (documented only as an object, as Swagger documents `Object` and unions).';

/**
 * Whether an OpenAPI schema is a bare `{ type: 'object' }` — Swagger's schema for `Object`, union design
 * types (`number | string`) and DTOs without decorators: no properties and no other constraint
 * (`minProperties`, `required`, `propertyNames` … make it a documented object).
 */
export function isBareObject(schema: JsonSchema): boolean {
  return (
    schema.type === 'object' &&
    Object.keys(schema).every((key) => ANNOTATIONS.has(key) || key.startsWith('x-'))
  );
}

/** A converted bare object, made to accept any JSON value and to say so. */
export function anyValue(converted: JsonSchema): JsonSchema {
  const { type: _type, ...rest } = converted;
  const said = typeof rest.description === 'string' ? rest.description.trim() : '';
  if (said === '') return { ...rest, description: ANY_VALUE };
  return { ...rest, description: `${said}${/[.!?]$/.test(said) ? '' : '.'} ${ANY_VALUE}` };
}

/** Whether a converted schema accepts every value (nothing but annotations). */
export function acceptsAnything(schema: JsonSchema): boolean {
  return Object.keys(schema).every((key) => key !== 'type' && ANNOTATIONS.has(key));
}
