import type { OperationObject, ParameterObject, ReferenceObject, RequestBodyObject } from '@nestjs/swagger';
import type { JsonSchema, JsonSchemaConverter } from './json-schema.js';
import type { ArgumentBinding, ArgumentLocation } from './tool.js';

/** The argument that carries a body that is not an object with properties (an array, a primitive). */
export const WHOLE_BODY_ARGUMENT = 'body';
const JSON_MEDIA_TYPE = /^application\/([\w.+-]+\+)?json\b/;
/** Request parts that become arguments, in the order that decides who keeps a contested name. */
const ARGUMENT_LOCATIONS: readonly ArgumentLocation[] = ['path', 'query'];

/** A tool's input schema and how each of its arguments reaches the HTTP request. */
export interface ToolInput {
  readonly schema: JsonSchema;
  readonly bindings: ArgumentBinding[];
}

interface Argument {
  readonly binding: ArgumentBinding;
  readonly schema: JsonSchema;
  readonly required: boolean;
}

/**
 * Builds one flat input object from an operation: path parameters (always required), query parameters
 * and the JSON body's top-level properties, each titled with its name. When two parts use the same name,
 * the first in path → query → body order keeps it and the later one is prefixed with its location
 * (`body_id`), so no value ever overwrites another.
 */
export function buildToolInput(
  operation: OperationObject,
  components: { parameters?: Record<string, unknown> } | undefined,
  converter: JsonSchemaConverter,
): ToolInput {
  const args = [
    ...parameterArguments(operation, components, converter),
    ...bodyArguments(operation, converter),
  ];
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const bindings: ArgumentBinding[] = [];
  for (const arg of args) {
    const argument = uniqueName(arg.binding.argument, arg.binding.in, properties);
    properties[argument] = { ...arg.schema, title: arg.schema.title ?? argument };
    if (arg.required) required.push(argument);
    bindings.push({ ...arg.binding, argument });
  }
  const schema: JsonSchema = { type: 'object', properties };
  if (required.length > 0) schema.required = required;
  const defs = converter.defs;
  if (Object.keys(defs).length > 0) schema.$defs = defs;
  return { schema, bindings };
}

function uniqueName(name: string, location: ArgumentLocation, taken: Record<string, unknown>): string {
  if (!(name in taken)) return name;
  let candidate = `${location}_${name}`;
  for (let n = 2; candidate in taken; n++) candidate = `${location}_${name}_${n}`;
  return candidate;
}

function parameterArguments(
  operation: OperationObject,
  components: { parameters?: Record<string, unknown> } | undefined,
  converter: JsonSchemaConverter,
): Argument[] {
  const parameters = (operation.parameters ?? [])
    .map((parameter) => resolveParameter(parameter, components))
    .filter((parameter): parameter is ParameterObject => parameter !== undefined)
    .filter((parameter) => ARGUMENT_LOCATIONS.includes(parameter.in as ArgumentLocation));
  const ordered = ARGUMENT_LOCATIONS.flatMap((location) => parameters.filter((p) => p.in === location));
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

function resolveParameter(
  parameter: ParameterObject | ReferenceObject,
  components: { parameters?: Record<string, unknown> } | undefined,
): ParameterObject | undefined {
  if (!('$ref' in parameter)) return parameter;
  const name = parameter.$ref.replace('#/components/parameters/', '');
  return components?.parameters?.[name] as ParameterObject | undefined;
}

function bodyArguments(operation: OperationObject, converter: JsonSchemaConverter): Argument[] {
  const body = operation.requestBody as RequestBodyObject | undefined;
  const content = body?.content ?? {};
  const mediaType = Object.keys(content).find((type) => JSON_MEDIA_TYPE.test(type));
  const bodySchema = mediaType ? (content[mediaType].schema as JsonSchema | undefined) : undefined;
  if (!bodySchema) return [];
  const resolved = converter.dereference(bodySchema);
  const properties = resolved.properties as Record<string, JsonSchema> | undefined;
  if (properties && (resolved.type === undefined || resolved.type === 'object')) {
    const required = new Set((resolved.required as string[] | undefined) ?? []);
    return Object.entries(properties).map(([name, schema]) => ({
      binding: { argument: name, in: 'body', name },
      schema: converter.convert(schema),
      required: required.has(name),
    }));
  }
  return [
    {
      binding: { argument: WHOLE_BODY_ARGUMENT, in: 'body' },
      schema: converter.convert(bodySchema),
      required: body?.required === true,
    },
  ];
}
