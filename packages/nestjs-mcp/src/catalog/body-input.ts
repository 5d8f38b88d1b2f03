import type { OperationObject, RequestBodyObject } from '@nestjs/swagger';
import { isBareObject } from './bare-object.js';
import { base64File, isBinary } from './file-schema.js';
import type { JsonSchema, JsonSchemaConverter } from './json-schema.js';
import { isPlainObject, jsonMediaType } from './plain-values.js';
import type { ArgumentBinding, BodyEncoding } from './tool.js';

/** The argument that carries a body that is not an object with properties (an array, a primitive). */
export const WHOLE_BODY_ARGUMENT = 'body';
const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';
const MULTIPART_MEDIA_TYPE = 'multipart/form-data';
/** Said of the whole-body argument that carries an undocumented body (`strictArguments`). */
const UNDOCUMENTED_WHOLE_BODY =
  'The request body, as one object: the route does not document its fields (@ApiBody / @ApiProperty).';

/** One argument of a tool: how it reaches the request, its schema, whether it is required. */
export interface Argument {
  readonly binding: ArgumentBinding;
  readonly schema: JsonSchema;
  readonly required: boolean;
}

/** The arguments a request body contributes, and how the body is sent. */
export interface BodyArguments {
  readonly args: Argument[];
  readonly encoding: BodyEncoding;
  /** Undocumented or open: extra arguments go in the body. */
  readonly open: boolean;
  /** The converted `additionalProperties` schema of an open body, when it has one. */
  readonly extra?: JsonSchema;
  /**
   * The handler reads a body whose fields are not documented: none documented (`@Body() body: any`), a
   * bare `{ type: 'object' }`, or an object without properties.
   */
  readonly undocumented: boolean;
}

/**
 * The body's arguments: an object's top-level properties (JSON, form or multipart; file fields as base64),
 * or one whole-body argument for anything else. An undocumented body is open (extra arguments go in it),
 * or with `strict` one whole-body object argument, so the route stays callable either way.
 */
export function bodyArguments(
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
  if (!bodySchema) {
    // No body documented for a handler that reads one (`@Body() body: any`): anything may be meant for it.
    if (!readsBody) return { args: [], encoding, open: false, undocumented: false };
    if (strict) {
      const whole = wholeBody(describedObject({ type: 'object' }), false);
      return { args: [whole], encoding, open: false, undocumented: true };
    }
    return { args: [], encoding, open: true, undocumented: true };
  }
  const resolved = converter.dereference(bodySchema);
  const properties = resolved.properties as Record<string, JsonSchema> | undefined;
  const bare = isBareObject(resolved);
  if (!bare && !(properties && (resolved.type === undefined || resolved.type === 'object'))) {
    const whole = wholeBody(converter.convert(bodySchema), body?.required === true);
    return { args: [whole], encoding, open: false, undocumented: false };
  }
  const allowsMore = resolved.additionalProperties === true || isPlainObject(resolved.additionalProperties);
  const undocumented =
    !allowsMore &&
    resolved.additionalProperties !== false &&
    (bare || Object.keys(properties ?? {}).length === 0);
  if (undocumented && strict) {
    const whole = wholeBody(describedObject(converter.convert(bodySchema)), body?.required === true);
    return { args: [whole], encoding, open: false, undocumented: true };
  }
  const open = allowsMore || (undocumented && !strict);
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
  return { args, encoding, open, undocumented, ...(open && extra ? { extra } : {}) };
}

function wholeBody(schema: JsonSchema, required: boolean): Argument {
  return { binding: { argument: WHOLE_BODY_ARGUMENT, in: 'body' }, schema, required };
}

/** An undocumented body's schema, saying how to document it when it says nothing itself. */
function describedObject(schema: JsonSchema): JsonSchema {
  return schema.description === undefined ? { ...schema, description: UNDOCUMENTED_WHOLE_BODY } : schema;
}
