import { STATUS_CODES } from 'node:http';
import type { MediaTypeObject, OperationObject, ResponseObject } from '@nestjs/swagger';
import { exampleFromSchema, resolveComponentRef } from './example.generator.js';
import { cloneJson, isPlainObject } from './plain-values.js';

/** Which responses the `### Responses:` section lists, and how much of each it shows. */
export interface ResponseDocsOptions {
  /** List every documented response, not only the success one. */
  describeAllResponses: boolean;
  /** Add each response's schema (component refs inlined) after its example. */
  describeFullResponseSchema: boolean;
}

type Components = Record<string, unknown> | undefined;
type Schema = Record<string, unknown>;

const SECTION_HEADING = '\n\n### Responses:\n';
/** OpenAPI bookkeeping that tells a model nothing about the payload; `x-*` extensions go too. */
const NOISE_KEYS = new Set(['xml', 'externalDocs', 'discriminator']);
const SUBSCHEMA_KEYS = new Set(['items', 'additionalProperties', 'not']);
const SUBSCHEMA_LIST_KEYS = new Set(['allOf', 'anyOf', 'oneOf']);
const SUBSCHEMA_MAP_KEYS = new Set(['properties', 'patternProperties']);

/**
 * The `### Responses:` section of a tool description (FastAPI-MCP's format), or `''` when the operation
 * documents no responses. The caller appends it to the summary and description.
 *
 * @param components - the document's `components` object; response, example and schema refs resolve there.
 */
export function describeResponses(
  operation: OperationObject,
  components: Components,
  options: ResponseDocsOptions,
): string {
  const documented = Object.keys(operation.responses ?? {}).filter(
    (code) => responseAt(operation, code, components) !== undefined,
  );
  if (documented.length === 0) return '';
  const success = successResponse(operation, components);
  const listed = success && !options.describeAllResponses ? [success.code] : documented;
  const entries = listed.map((code) => {
    const response = responseAt(operation, code, components) as ResponseObject;
    return describeResponse(code, response, code === success?.code, components, options);
  });
  return SECTION_HEADING + entries.join('');
}

/** Every documented 2xx response, in numeric order (`2XX` last). */
export function successResponses(
  operation: OperationObject,
  components?: Record<string, unknown>,
): ResponseObject[] {
  const codes = [...Array.from({ length: 100 }, (_, index) => String(200 + index)), '2XX'];
  return codes
    .map((code) => responseAt(operation, code, components))
    .filter((response): response is ResponseObject => response !== undefined);
}

/**
 * The success response: the first 2xx in numeric order (200, 201, … 299), with its status code; an
 * OpenAPI `2XX` range key counts only when no explicit 2xx code is documented.
 */
export function successResponse(
  operation: OperationObject,
  components?: Record<string, unknown>,
): { code: string; response: ResponseObject } | undefined {
  const codes = [...Array.from({ length: 100 }, (_, index) => String(200 + index)), '2XX'];
  for (const code of codes) {
    const response = responseAt(operation, code, components);
    if (response) return { code, response };
  }
  return undefined;
}

/** The response documented under `code`, following `#/components/responses/…` refs. */
function responseAt(
  operation: OperationObject,
  code: string,
  components: Components,
): ResponseObject | undefined {
  const responses: Record<string, unknown> = operation.responses ?? {};
  const value = Object.hasOwn(responses, code) ? responses[code] : undefined;
  return resolve(value, components, 'responses') as ResponseObject | undefined;
}

function describeResponse(
  code: string,
  response: ResponseObject,
  isSuccess: boolean,
  components: Components,
  options: ResponseDocsOptions,
): string {
  // @nestjs/swagger writes `description: ''` when the decorator gives none: the status text reads better.
  const description = response.description?.trim() || STATUS_CODES[code] || 'Unknown response';
  let text = `\n**${code}**: ${description}${isSuccess ? ' (Success Response)' : ''}`;
  for (const [mediaType, media] of Object.entries(response.content ?? {})) {
    if (!isPlainObject(media) || media.schema === undefined) continue;
    text += `\nContent-Type: ${mediaType}${describeMedia(mediaType, media, components, options)}`;
  }
  return text;
}

function describeMedia(
  mediaType: string,
  media: MediaTypeObject,
  components: Components,
  options: ResponseDocsOptions,
): string {
  let text = '';
  if (!isBinary(mediaType, media.schema, components)) {
    text += jsonBlock('\n\n**Example Response:**', mediaExample(media, components));
  }
  if (options.describeFullResponseSchema) {
    const schema = new SchemaDisplay(components).show(media.schema);
    text +=
      isPlainObject(schema) && schema.type === 'array' && isPlainObject(schema.items)
        ? jsonBlock('\n\n**Output Schema:** Array of items with the following structure:', schema.items)
        : jsonBlock('\n\n**Output Schema:**', schema);
  }
  return text;
}

/** The media type's `example`, else the first value of its `examples` map, else one generated from the schema. */
function mediaExample(media: MediaTypeObject, components: Components): unknown {
  if (media.example !== undefined) return media.example;
  for (const example of Object.values(media.examples ?? {})) {
    const value = resolve(example, components, 'examples')?.value;
    if (value !== undefined) return value;
  }
  return exampleFromSchema(media.schema, components);
}

/** Bytes have no useful JSON example. */
function isBinary(mediaType: string, schema: unknown, components: Components): boolean {
  const type = mediaType.split(';')[0].trim().toLowerCase();
  if (/^(image|audio|video)\//.test(type) || type === 'application/octet-stream') return true;
  const target = resolve(schema, components, 'schemas');
  return target?.format === 'binary' || target?.type === 'file';
}

/** `"{heading}\n```json\n…\n```"`, or `''` when there is nothing JSON can show. */
function jsonBlock(heading: string, value: unknown): string {
  if (value === undefined) return '';
  let json: string | undefined;
  try {
    json = JSON.stringify(value, null, 2);
  } catch {
    return ''; // a hand-written example that is circular or holds a BigInt must not break the catalog
  }
  return json === undefined ? '' : `${heading}\n\`\`\`json\n${json}\n\`\`\``;
}

/**
 * The schema as shown to a model: each component inlined where it first appears (later uses, recursive
 * ones included, stay refs, so a DTO reused across a wide tree is shown once) and OpenAPI noise removed.
 * Never mutates its input.
 */
class SchemaDisplay {
  private readonly expanding = new Set<string>();

  constructor(private readonly components: Components) {}

  show(schema: unknown): unknown {
    if (!isPlainObject(schema)) return cloneJson(schema);
    const ref = schema.$ref;
    const target = typeof ref === 'string' ? resolveComponentRef(ref, this.components, 'schemas') : undefined;
    if (typeof ref !== 'string' || !target || this.expanding.has(ref)) return this.keywords(schema);
    this.expanding.add(ref);
    return { ...(this.show(target) as Schema), ...this.keywords(schema, '$ref') };
  }

  private keywords(schema: Schema, skip?: string): Schema {
    const entries = Object.entries(schema)
      .filter(([key]) => key !== skip && !NOISE_KEYS.has(key) && !key.startsWith('x-'))
      .map(([key, value]) => [key, this.keyword(key, value)]);
    return Object.fromEntries(entries);
  }

  private keyword(key: string, value: unknown): unknown {
    if (SUBSCHEMA_KEYS.has(key)) return this.show(value);
    if (SUBSCHEMA_LIST_KEYS.has(key) && Array.isArray(value)) return value.map((item) => this.show(item));
    if (SUBSCHEMA_MAP_KEYS.has(key) && isPlainObject(value)) {
      return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, this.show(item)]));
    }
    return cloneJson(value);
  }
}

/** Follows (possibly chained) `#/components/{section}/…` refs; `undefined` when unresolvable or circular. */
function resolve(value: unknown, components: Components, section: string): Schema | undefined {
  const seen = new Set<string>();
  let current = value;
  while (isPlainObject(current) && typeof current.$ref === 'string') {
    if (seen.has(current.$ref)) return undefined;
    seen.add(current.$ref);
    current = resolveComponentRef(current.$ref, components, section);
  }
  return isPlainObject(current) ? current : undefined;
}
