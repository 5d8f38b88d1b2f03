import type { OperationObject, ParameterObject, ReferenceObject, RequestBodyObject } from '@nestjs/swagger';
import { isPlainObject, jsonMediaType } from './plain-values.js';
import type { JsonSchema, JsonSchemaConverter } from './json-schema.js';
import type { ArgumentBinding, ArgumentLocation, BodyEncoding } from './tool.js';

/** The argument that carries a body that is not an object with properties (an array, a primitive). */
export const WHOLE_BODY_ARGUMENT = 'body';
const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';
const MULTIPART_MEDIA_TYPE = 'multipart/form-data';
/** Headers the request builder sets itself: never arguments. */
const TRANSPORT_HEADERS = new Set([
  'content-type',
  'content-length',
  'host',
  'transfer-encoding',
  'connection',
]);
/** Request parts that become arguments, in the order that decides who keeps a contested name. */
const PARAMETER_LOCATIONS: readonly ArgumentLocation[] = ['path', 'query', 'header'];

/** A tool's input schema and how each of its arguments reaches the HTTP request. */
export interface ToolInput {
  readonly schema: JsonSchema;
  readonly bindings: ArgumentBinding[];
  readonly bodyEncoding: BodyEncoding;
  /** The body is undocumented or open: arguments the schema does not name are sent in it. */
  readonly openBody: boolean;
}

/** Which optional parts of a request become arguments. */
export interface ToolInputOptions {
  /** Header parameters (`@ApiHeader()`) become arguments. */
  readonly headerArguments?: boolean;
  /** Headers never offered as arguments (lower case): those forwarded from the MCP request. */
  readonly reservedHeaders?: ReadonlySet<string>;
  /**
   * The parameters of the served path. One the document does not describe (a handler that reads
   * `@Req()` instead of `@Param()`) still needs a value: it becomes a required string argument.
   */
  readonly pathParams?: ReadonlySet<string>;
  /**
   * The handler reads the body (`@Body()`): without a documented body it is undocumented, and arguments
   * the schema does not name are sent in it.
   */
  readonly readsBody?: boolean;
  /** Unknown arguments are refused unless the body explicitly allows more (`additionalProperties`). */
  readonly strict?: boolean;
}

interface Argument {
  readonly binding: ArgumentBinding;
  readonly schema: JsonSchema;
  readonly required: boolean;
}

/**
 * Builds one flat input object from an operation: path parameters (always required), query parameters,
 * header parameters when enabled, and the body's top-level properties (JSON, form or multipart), each titled
 * with its name. When two parts use the same name, the first in path → query → header → body order keeps
 * it and the later one is prefixed with its location (`body_id`), so no value ever overwrites another.
 * Unknown arguments are refused (`additionalProperties: false`) unless the body is undocumented or open.
 */
export function buildToolInput(
  operation: OperationObject,
  components: { parameters?: Record<string, unknown> } | undefined,
  converter: JsonSchemaConverter,
  options: ToolInputOptions = {},
): ToolInput {
  const body = bodyArguments(operation, converter, options.readsBody === true, options.strict === true);
  const args = [...parameterArguments(operation, components, converter, options), ...body.args];
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const bindings: ArgumentBinding[] = [];
  for (const arg of args) {
    const argument = uniqueName(arg.binding.argument, arg.binding.in, properties);
    // defineProperty: an argument named `__proto__` must be a property, not the object's prototype.
    Object.defineProperty(properties, argument, {
      value: { ...arg.schema, title: arg.schema.title ?? argument },
      enumerable: true,
      writable: true,
      configurable: true,
    });
    if (arg.required) required.push(argument);
    bindings.push({ ...arg.binding, argument });
  }
  const schema: JsonSchema = { type: 'object', properties };
  if (required.length > 0) schema.required = required;
  // An open body's extra properties are checked against what it allows for them.
  if (!body.open) schema.additionalProperties = false;
  else if (body.extra !== undefined) schema.additionalProperties = body.extra;
  const defs = converter.defs;
  if (Object.keys(defs).length > 0) schema.$defs = defs;
  return { schema, bindings, bodyEncoding: body.encoding, openBody: body.open };
}

function uniqueName(name: string, location: ArgumentLocation, taken: Record<string, unknown>): string {
  if (!Object.hasOwn(taken, name)) return name;
  let candidate = `${location}_${name}`;
  for (let n = 2; Object.hasOwn(taken, candidate); n++) candidate = `${location}_${name}_${n}`;
  return candidate;
}

function parameterArguments(
  operation: OperationObject,
  components: { parameters?: Record<string, unknown> } | undefined,
  converter: JsonSchemaConverter,
  options: ToolInputOptions,
): Argument[] {
  const offered = (parameter: ParameterObject): boolean =>
    parameter.in === 'header'
      ? options.headerArguments === true &&
        !TRANSPORT_HEADERS.has(parameter.name.toLowerCase()) &&
        !options.reservedHeaders?.has(parameter.name.toLowerCase())
      : PARAMETER_LOCATIONS.includes(parameter.in as ArgumentLocation);
  const documented = (operation.parameters ?? [])
    .map((parameter) => resolveParameter(parameter, components))
    .filter((parameter): parameter is ParameterObject => parameter !== undefined);
  const undocumented = [...(options.pathParams ?? [])]
    .filter((name) => !documented.some((parameter) => parameter.in === 'path' && parameter.name === name))
    .map((name): ParameterObject => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
  // A documented path parameter the served path does not have (Fastify's `*`) has nowhere to go.
  const placeable = documented.filter(
    (parameter) => parameter.in !== 'path' || !options.pathParams || options.pathParams.has(parameter.name),
  );
  const parameters = distinctHeaders([...placeable, ...undocumented].filter(offered));
  const ordered = PARAMETER_LOCATIONS.flatMap((location) => parameters.filter((p) => p.in === location));
  return ordered.map((parameter) => {
    const schema = converter.convert((parameter.schema as JsonSchema | undefined) ?? { type: 'string' });
    if (parameter.description && schema.description === undefined) schema.description = parameter.description;
    const location = parameter.in as ArgumentLocation;
    return {
      binding: { argument: parameter.name, in: location, name: parameter.name },
      schema,
      required: location === 'path' || parameter.required === true,
    };
  });
}

/**
 * Header names are case-insensitive: one header documented twice (`@ApiHeader({ name: 'X-Trace' })` and
 * `@Headers('x-trace')`) is one argument, named as first documented, required if either says so.
 */
function distinctHeaders(parameters: ParameterObject[]): ParameterObject[] {
  const headers = new Map<string, ParameterObject>();
  const kept: ParameterObject[] = [];
  for (const parameter of parameters) {
    if (parameter.in !== 'header') {
      kept.push(parameter);
      continue;
    }
    const key = parameter.name.toLowerCase();
    const first = headers.get(key);
    if (!first) {
      const copy = { ...parameter };
      headers.set(key, copy);
      kept.push(copy);
      continue;
    }
    first.required = first.required === true || parameter.required === true;
    first.description ??= parameter.description;
    if (!first.schema || isBareString(first.schema)) first.schema = parameter.schema ?? first.schema;
  }
  return kept;
}

/** `{ type: 'string' }` alone: what `@Headers()` documents, less than an `@ApiHeader()` may say. */
function isBareString(schema: unknown): boolean {
  const keys = Object.keys(schema as object);
  return keys.length === 1 && (schema as JsonSchema).type === 'string';
}

function resolveParameter(
  parameter: ParameterObject | ReferenceObject,
  components: { parameters?: Record<string, unknown> } | undefined,
): ParameterObject | undefined {
  if (!('$ref' in parameter)) return parameter;
  const name = parameter.$ref.replace('#/components/parameters/', '');
  return components?.parameters?.[name] as ParameterObject | undefined;
}

interface BodyArguments {
  readonly args: Argument[];
  readonly encoding: BodyEncoding;
  /** Undocumented or open: extra arguments go in the body. */
  readonly open: boolean;
  /** The converted `additionalProperties` schema of an open body, when it has one. */
  readonly extra?: JsonSchema;
}

function bodyArguments(
  operation: OperationObject,
  converter: JsonSchemaConverter,
  readsBody: boolean,
  strict: boolean,
): BodyArguments {
  const body = operation.requestBody as RequestBodyObject | undefined;
  const content = body?.content ?? {};
  const jsonType = jsonMediaType(content);
  const [mediaType, encoding]: [string | undefined, BodyEncoding] = jsonType
    ? [jsonType, 'json']
    : FORM_MEDIA_TYPE in content
      ? [FORM_MEDIA_TYPE, 'form']
      : MULTIPART_MEDIA_TYPE in content
        ? [MULTIPART_MEDIA_TYPE, 'multipart']
        : [undefined, 'json'];
  const bodySchema = mediaType ? (content[mediaType].schema as JsonSchema | undefined) : undefined;
  // No body documented for a handler that reads one (`@Body() body: any`): anything may be meant for it.
  if (!bodySchema) return { args: [], encoding, open: readsBody && !strict };
  const resolved = converter.dereference(bodySchema);
  const properties = resolved.properties as Record<string, JsonSchema> | undefined;
  const bare = isBareObject(resolved);
  if (bare || (properties && (resolved.type === undefined || resolved.type === 'object'))) {
    const open =
      resolved.additionalProperties !== false &&
      (allowsMore(resolved) || (!strict && (bare || Object.keys(properties ?? {}).length === 0)));
    const required = new Set((resolved.required as string[] | undefined) ?? []);
    const sent = Object.entries(properties ?? {}).filter(
      ([, schema]) => !converter.omits(converter.dereference(schema)),
    );
    const args = sent.map(([name, schema]): Argument => {
      const file = encoding === 'multipart' && isBinary(converter.dereference(schema));
      return {
        binding: { argument: name, in: 'body', name, ...(file ? { file: true } : {}) },
        schema: file ? base64File(converter.convert(schema)) : converter.convert(schema),
        required: required.has(name),
      };
    });
    const extra = isPlainObject(resolved.additionalProperties)
      ? converter.convert(resolved.additionalProperties)
      : undefined;
    return { args, encoding, open, ...(open && extra ? { extra } : {}) };
  }
  const whole: Argument = {
    binding: { argument: WHOLE_BODY_ARGUMENT, in: 'body' },
    schema: converter.convert(bodySchema),
    required: body?.required === true,
  };
  return { args: [whole], encoding, open: false };
}

/** An object schema that says nothing of its properties (Swagger's `Object`, a DTO without decorators). */
function isBareObject(schema: JsonSchema): boolean {
  return schema.type === 'object' && COMPOSITION_KEYS.every((key) => !(key in schema));
}

const COMPOSITION_KEYS = [
  'properties',
  'additionalProperties',
  'patternProperties',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  '$ref',
  'enum',
  'const',
];

/** `additionalProperties: true` or a schema: the object takes properties beyond those it names. */
function allowsMore(schema: JsonSchema): boolean {
  return schema.additionalProperties === true || isPlainObject(schema.additionalProperties);
}

/** A file field (`format: binary`), or an array of them. */
function isBinary(schema: JsonSchema): boolean {
  if (schema.type === 'array') return isBinary((schema.items as JsonSchema | undefined) ?? {});
  return schema.format === 'binary';
}

/** A file travels in JSON as base64 text, a data: URL, or an object with its name and media type. */
function base64File(schema: JsonSchema): JsonSchema {
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
