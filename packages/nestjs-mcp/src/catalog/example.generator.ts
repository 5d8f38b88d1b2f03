import { cloneJson, isPlainObject } from './plain-values.js';
/** Nesting depth (objects and arrays) past which values are omitted: a backstop behind the `$ref` path check. */
const MAX_DEPTH = 8;

/** Stand-in values for string formats; a format missing here gets the plain `'string'`. */
const STRING_FORMAT_EXAMPLES: Record<string, string> = {
  'date-time': '2024-01-01T00:00:00Z',
  date: '2024-01-01',
  time: '12:00:00Z',
  email: 'user@example.com',
  uri: 'https://example.com',
  url: 'https://example.com',
  uuid: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  hostname: 'example.com',
  ipv4: '192.168.0.1',
  ipv6: '2001:db8::1',
  byte: 'c3RyaW5n',
};

type Schema = Record<string, unknown>;

/** Values an example may hold at most: a DTO reused at every level of a wide tree grows exponentially. */
const MAX_VALUES = 200;

interface Context {
  readonly components: Record<string, unknown> | undefined;
  /** The component refs being expanded on the current path: meeting one again means recursion. */
  readonly expanding: Set<string>;
  /** Values still allowed; past it, the rest of the example is left out. */
  budget: number;
}

/**
 * A JSON example for an OpenAPI schema: documented examples first, else generated from the types.
 *
 * @param schema - an OpenAPI 3.0 schema object (or `$ref`); anything else yields `undefined`.
 * @param components - the document's `components` object, used to resolve `#/components/schemas/…` refs.
 * @returns a fresh value (never shared with the inputs), or `undefined` when nothing sensible exists
 *   (binary strings, unknown shapes, a recursive reference).
 */
export function exampleFromSchema(schema: unknown, components: Record<string, unknown> | undefined): unknown {
  return generate(schema, { components, expanding: new Set(), budget: MAX_VALUES }, 0);
}

/**
 * Resolves a local reference `#/components/{section}/{name}` against the document's `components` object.
 *
 * @returns the referenced object, or `undefined` when the reference is not local or names nothing.
 */
export function resolveComponentRef(
  ref: string,
  components: Record<string, unknown> | undefined,
  section: string,
): Record<string, unknown> | undefined {
  const prefix = `#/components/${section}/`;
  if (!ref.startsWith(prefix)) return undefined;
  const name = ref.slice(prefix.length).replaceAll('~1', '/').replaceAll('~0', '~');
  const entries = components?.[section];
  if (!isPlainObject(entries) || !Object.hasOwn(entries, name)) return undefined;
  const target = entries[name];
  return isPlainObject(target) ? target : undefined;
}

function generate(schema: unknown, context: Context, depth: number): unknown {
  if (!isPlainObject(schema) || depth > MAX_DEPTH || context.budget <= 0) return undefined;
  context.budget -= 1;
  const documented = documentedExample(schema);
  if (documented !== undefined) return documented;
  if (typeof schema.$ref === 'string') return fromReference(schema.$ref, context, depth);
  if (Array.isArray(schema.allOf)) return fromAllOf(schema, schema.allOf, context, depth);
  const union = schema.oneOf ?? schema.anyOf;
  if (Array.isArray(union)) return fromUnion(union, context, depth);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    return cloneJson(schema.enum.find((value) => value !== null) ?? schema.enum[0]);
  }
  return fromType(schema, context, depth);
}

/** `example`, then the first of an (OAS 3.1) `examples` array, then `default`. */
function documentedExample(schema: Schema): unknown {
  if (schema.example !== undefined) return cloneJson(schema.example);
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return cloneJson(schema.examples[0]);
  return cloneJson(schema.default);
}

function fromReference(ref: string, context: Context, depth: number): unknown {
  const target = resolveComponentRef(ref, context.components, 'schemas');
  if (target === undefined || context.expanding.has(ref)) return undefined;
  context.expanding.add(ref);
  try {
    return generate(target, context, depth);
  } finally {
    context.expanding.delete(ref);
  }
}

/** The members' object examples merged (with the schema's own properties); else the first defined one. */
function fromAllOf(schema: Schema, members: unknown[], context: Context, depth: number): unknown {
  const parts = members.map((member) => generate(member, context, depth));
  if (isPlainObject(schema.properties)) parts.push(fromObject(schema, context, depth));
  const objects = parts.filter(isPlainObject);
  if (objects.length > 0) return Object.fromEntries(objects.flatMap((part) => Object.entries(part)));
  return parts.find((part) => part !== undefined);
}

/** The first non-null member that yields an example (a recursive first member falls through to the next). */
function fromUnion(members: unknown[], context: Context, depth: number): unknown {
  for (const member of members) {
    if (isNullSchema(member)) continue;
    const example = generate(member, context, depth);
    if (example !== undefined) return example;
  }
  return undefined;
}

function fromType(schema: Schema, context: Context, depth: number): unknown {
  switch (typeOf(schema)) {
    case 'object':
      return fromObject(schema, context, depth);
    case 'array':
      return fromArray(schema, context, depth);
    case 'string':
      return fromString(schema.format);
    case 'integer':
      return 1;
    case 'number':
      return 1.5;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return undefined;
  }
}

/** The schema's type; `nullable` and an OAS 3.1 `null` type member are ignored, the value is never null. */
function typeOf(schema: Schema): unknown {
  if (Array.isArray(schema.type)) return schema.type.find((type) => type !== 'null') ?? schema.type[0];
  if (schema.type !== undefined) return schema.type;
  if (isPlainObject(schema.properties)) return 'object';
  return isPlainObject(schema.items) ? 'array' : undefined;
}

function fromObject(schema: Schema, context: Context, depth: number): Schema {
  const entries: [string, unknown][] = [];
  if (isPlainObject(schema.properties)) {
    for (const [name, property] of Object.entries(schema.properties)) {
      entries.push([name, generate(property, context, depth + 1)]);
    }
  } else if (isPlainObject(schema.additionalProperties)) {
    // A map type (`Record<string, T>`): one sample entry, named the way Swagger UI names it.
    entries.push(['additionalProp1', generate(schema.additionalProperties, context, depth + 1)]);
  }
  // fromEntries, not assignment: a property named `__proto__` must stay an own property.
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
}

function fromArray(schema: Schema, context: Context, depth: number): unknown[] {
  const item = generate(schema.items, context, depth + 1);
  return item === undefined ? [] : [item];
}

function fromString(format: unknown): string | undefined {
  if (format === 'binary') return undefined;
  if (typeof format === 'string' && Object.hasOwn(STRING_FORMAT_EXAMPLES, format)) {
    return STRING_FORMAT_EXAMPLES[format];
  }
  return 'string';
}

function isNullSchema(schema: unknown): boolean {
  if (!isPlainObject(schema)) return false;
  if (schema.type === 'null') return true;
  return Array.isArray(schema.enum) && schema.enum.length > 0 && schema.enum.every((value) => value === null);
}
