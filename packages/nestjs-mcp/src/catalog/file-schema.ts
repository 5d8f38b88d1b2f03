import type { JsonSchema } from './json-schema.js';

/** A file field (`format: binary`), or an array of them. */
export function isBinary(schema: JsonSchema): boolean {
  if (schema.type === 'array') return isBinary((schema.items as JsonSchema | undefined) ?? {});
  return schema.format === 'binary';
}

/** A file travels in JSON as base64 text, a data: URL, or an object with its name and media type. */
export function base64File(schema: JsonSchema): JsonSchema {
  if (schema.type === 'array') {
    return { ...schema, items: fileSchema((schema.items as JsonSchema | undefined)?.description) };
  }
  return { ...fileSchema(schema.description), ...(schema.title ? { title: schema.title } : {}) };
}

function fileSchema(description: unknown): JsonSchema {
  const text =
    'A file: base64 text, a data: URL ("data:image/png;base64,…"), or { data, filename?, contentType? }. ' +
    'A missing type is detected from the content and the file name gets a matching extension.';
  return {
    anyOf: [
      { type: 'string', description: 'The file content, base64-encoded, or a data: URL.' },
      {
        type: 'object',
        properties: {
          data: { type: 'string', description: 'The file content, base64-encoded (or a data: URL).' },
          filename: { type: 'string', minLength: 1, description: 'The file name, e.g. "chart.png".' },
          contentType: { type: 'string', description: 'The media type, e.g. "image/png".' },
        },
        required: ['data'],
        additionalProperties: false,
      },
    ],
    description: [description, text].filter(Boolean).join(' '),
  };
}
