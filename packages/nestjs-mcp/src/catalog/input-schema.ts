import type { OperationObject, ParameterObject, ReferenceObject } from '@nestjs/swagger';
import { type Argument, bodyArguments } from './body-input.js';
import type { JsonSchema, JsonSchemaConverter } from './json-schema.js';
import type { ArgumentBinding, ArgumentLocation, BodyEncoding } from './tool.js';

export { WHOLE_BODY_ARGUMENT } from './body-input.js';
/** Headers the request builder sets itself: never arguments. */
const TRANSPORT_HEADERS = new Set([
  'content-type',
  'content-length',
  'host',
  'transfer-encoding',
  'connection',
]);
/** Said by the input schema of a tool whose body is undocumented and open. */
const UNDOCUMENTED_BODY = 'The request body is not documented: pass its fields as arguments.';
/** Request parts that become arguments, in the order that decides who keeps a contested name. */
const PARAMETER_LOCATIONS: readonly ArgumentLocation[] = ['path', 'query', 'header'];

/** A tool's input schema and how each of its arguments reaches the HTTP request. */
export interface ToolInput {
  readonly schema: JsonSchema;
  readonly bindings: ArgumentBinding[];
  readonly bodyEncoding: BodyEncoding;
  /** The body is undocumented or open: arguments the schema does not name are sent in it. */
  readonly openBody: boolean;
  /** The handler reads a body whose fields are not documented (see `BodyArguments.undocumented`). */
  readonly undocumentedBody: boolean;
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

/**
 * Builds one flat input object from an operation: path parameters (always required), query parameters,
 * header parameters when enabled, and the body's top-level properties (JSON, form or multipart), each titled
 * with its name. When two parts use the same name, the first in path → query → header → body order keeps
 * it and the later one is prefixed with its location (`body_id`), so no value ever overwrites another.
 * Unknown arguments are refused (`additionalProperties: false`) unless the body is undocumented or open
 * (`additionalProperties: true`, or the body's own schema for them).
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
  // An open body's extra properties are checked against what it allows for them; saying `true` tells the
  // model that extra arguments are welcome.
  schema.additionalProperties = body.open ? (body.extra ?? true) : false;
  if (body.open && body.undocumented) schema.description = UNDOCUMENTED_BODY;
  const defs = converter.defs;
  if (Object.keys(defs).length > 0) schema.$defs = defs;
  return {
    schema,
    bindings,
    bodyEncoding: body.encoding,
    openBody: body.open,
    undocumentedBody: body.undocumented,
  };
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
 * `@Headers('x-trace')`) is one argument. `@nestjs/swagger` documents every `@Headers()` parameter as
 * required, so an explicit entry's name and `required` win over such an implicit one; between two of a
 * kind, the first name is kept and it is required if either says so.
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
    const [firstImplicit, laterImplicit] = [fromHeadersDecorator(first), fromHeadersDecorator(parameter)];
    if (firstImplicit && !laterImplicit) {
      first.name = parameter.name;
      first.required = parameter.required;
    } else if (firstImplicit === laterImplicit) {
      first.required = first.required === true || parameter.required === true;
    }
    first.description ??= parameter.description;
    if (!first.schema || isBareString(first.schema)) first.schema = parameter.schema ?? first.schema;
  }
  return kept;
}

/** Keys of what `@nestjs/swagger` writes for a `@Headers('name')` parameter; `@ApiHeader()` may say more. */
const HEADERS_DECORATOR_KEYS = new Set(['name', 'in', 'required', 'schema']);

/**
 * Whether a header parameter is what `@Headers('name')` documents: `required: true` always, a schema from
 * the design type, nothing else. (`@ApiHeader()` leaves `required` out unless it is given.)
 */
function fromHeadersDecorator(parameter: ParameterObject): boolean {
  return (
    parameter.required === true &&
    Object.keys(parameter).every((key) => HEADERS_DECORATOR_KEYS.has(key)) &&
    (parameter.schema === undefined || Object.keys(parameter.schema as object).every((key) => key === 'type'))
  );
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
