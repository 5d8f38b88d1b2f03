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

/** `name` is the property (or array property) the value is for: it tells an id from a price. */
function generate(schema: unknown, context: Context, depth: number, name?: string): unknown {
  if (!isPlainObject(schema) || depth > MAX_DEPTH || context.budget <= 0) return undefined;
  context.budget -= 1;
  const documented = documentedExample(schema);
  if (documented !== undefined) return documented;
  if (typeof schema.$ref === 'string') return fromReference(schema.$ref, context, depth, name);
  if (Array.isArray(schema.allOf)) return fromAllOf(schema, schema.allOf, context, depth, name);
  const union = schema.oneOf ?? schema.anyOf;
  if (Array.isArray(union)) return fromUnion(union, context, depth, name);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    return cloneJson(schema.enum.find((value) => value !== null) ?? schema.enum[0]);
  }
  return fromType(schema, context, depth, name);
}

/** `example`, then the first of an (OAS 3.1) `examples` array, then `default`. */
function documentedExample(schema: Schema): unknown {
  if (schema.example !== undefined) return cloneJson(schema.example);
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return cloneJson(schema.examples[0]);
  return cloneJson(schema.default);
}

function fromReference(ref: string, context: Context, depth: number, name: string | undefined): unknown {
  const target = resolveComponentRef(ref, context.components, 'schemas');
  if (target === undefined || context.expanding.has(ref)) return undefined;
  context.expanding.add(ref);
  try {
    return generate(target, context, depth, name);
  } finally {
    context.expanding.delete(ref);
  }
}

/** The members' object examples merged (with the schema's own properties); else the first defined one. */
function fromAllOf(
  schema: Schema,
  members: unknown[],
  context: Context,
  depth: number,
  name: string | undefined,
): unknown {
  const parts = members.map((member) => generate(member, context, depth, name));
  if (isPlainObject(schema.properties)) parts.push(fromObject(schema, context, depth));
  const objects = parts.filter(isPlainObject);
  if (objects.length > 0) return Object.fromEntries(objects.flatMap((part) => Object.entries(part)));
  return parts.find((part) => part !== undefined);
}

/** The first non-null member that yields an example (a recursive first member falls through to the next). */
function fromUnion(members: unknown[], context: Context, depth: number, name: string | undefined): unknown {
  for (const member of members) {
    if (isNullSchema(member)) continue;
    const example = generate(member, context, depth, name);
    if (example !== undefined) return example;
  }
  return undefined;
}

function fromType(schema: Schema, context: Context, depth: number, name: string | undefined): unknown {
  switch (typeOf(schema)) {
    case 'object':
      return fromObject(schema, context, depth);
    case 'array':
      return fromArray(schema, context, depth, name);
    case 'string':
      return fromString(schema);
    case 'integer':
      return numberExample(schema, true);
    case 'number':
      return numberExample(schema, isWholeNumber(schema, name));
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
      entries.push([name, generate(property, context, depth + 1, name)]);
    }
  } else if (isPlainObject(schema.additionalProperties)) {
    // A map type (`Record<string, T>`): one sample entry, named the way Swagger UI names it.
    entries.push(['additionalProp1', generate(schema.additionalProperties, context, depth + 1)]);
  }
  // fromEntries, not assignment: a property named `__proto__` must stay an own property.
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
}

function fromArray(schema: Schema, context: Context, depth: number, name: string | undefined): unknown[] {
  const item = generate(schema.items, context, depth + 1, name);
  return item === undefined ? [] : [item];
}

function fromString(schema: Schema): string | undefined {
  const { format } = schema;
  if (format === 'binary') return undefined;
  if (typeof format === 'string' && Object.hasOwn(STRING_FORMAT_EXAMPLES, format)) {
    return STRING_FORMAT_EXAMPLES[format];
  }
  return fitLength('string', schema);
}

/** `text` cut to `maxLength`, or repeated up to `minLength`. */
function fitLength(text: string, schema: Schema): string {
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity;
  const long = text.length < min ? text.repeat(Math.ceil(min / text.length)).slice(0, min) : text;
  return long.slice(0, Math.max(max, min));
}

/**
 * Names of values that are counts or identifiers: Swagger documents a TypeScript `number` as
 * `type: number`, and `id: 1.5` or `page: 1.5` would mislead the model.
 */
const WHOLE_NUMBER_NAME =
  /(^ids?$|[a-z0-9](Id|ID|Ids|IDs)$|_ids?$|^(count|page|pageSize|perPage|limit|offset|skip|take|size|total|quantity|qty|age|year|month|day|index|position|rank|port|version|level|retries|attempts)$|(Count|Total|Index|Page|Number|Year|Size)$|_(count|total|index|page|number|year|size)$)/;

/** True when a `number` is a whole number: an int format, a whole `multipleOf`, or a count/id name. */
function isWholeNumber(schema: Schema, name: string | undefined): boolean {
  if (schema.format === 'int32' || schema.format === 'int64') return true;
  if (typeof schema.multipleOf === 'number' && Number.isInteger(schema.multipleOf)) return true;
  return name !== undefined && WHOLE_NUMBER_NAME.test(name);
}

/**
 * 1 for a whole number, 1.5 otherwise — moved into the documented bounds (`minimum`, `maximum`, OAS 3.0
 * boolean and 3.1 numeric exclusive bounds) and onto `multipleOf`, so the example is one the route accepts.
 */
function numberExample(schema: Schema, whole: boolean): number {
  const lower = bound(schema.minimum, schema.exclusiveMinimum, Math.max);
  const upper = bound(schema.maximum, schema.exclusiveMaximum, Math.min);
  const step =
    typeof schema.multipleOf === 'number' && schema.multipleOf > 0 ? schema.multipleOf : whole ? 1 : 0;
  const fits = (value: number) =>
    (lower === undefined || value > lower.value || (!lower.exclusive && value === lower.value)) &&
    (upper === undefined || value < upper.value || (!upper.exclusive && value === upper.value));
  const preferred = whole ? 1 : 1.5;
  if (fits(preferred) && (step === 0 || isMultiple(preferred, step))) return preferred;
  if (step > 0) {
    // The multiple of the step nearest the lower bound (or the preferred value, kept under an upper bound).
    const below = lower === undefined && upper !== undefined && upper.value < preferred;
    const anchor = lower?.value ?? (below ? (upper?.value ?? preferred) : preferred);
    const base = below ? Math.floor(anchor / step) : Math.ceil(anchor / step);
    const candidates = [base, base + 1, base - 1].map((k) => Number((k * step).toPrecision(12)));
    return candidates.find(fits) ?? candidates[0];
  }
  if (lower !== undefined && upper !== undefined) return (lower.value + upper.value) / 2;
  if (lower !== undefined) return lower.exclusive ? lower.value + 1 : lower.value;
  if (upper !== undefined) return upper.exclusive ? upper.value - 1 : upper.value;
  return preferred;
}

/** An inclusive bound, or an exclusive one (OAS 3.0: `exclusiveMinimum: true`; 3.1: a number). */
function bound(
  inclusive: unknown,
  exclusive: unknown,
  tighter: (a: number, b: number) => number,
): { value: number; exclusive: boolean } | undefined {
  const strict = typeof exclusive === 'number' ? exclusive : undefined;
  if (typeof inclusive !== 'number')
    return strict === undefined ? undefined : { value: strict, exclusive: true };
  if (exclusive === true) return { value: inclusive, exclusive: true };
  if (strict === undefined) return { value: inclusive, exclusive: false };
  const value = tighter(inclusive, strict);
  return { value, exclusive: value === strict };
}

function isMultiple(value: number, step: number): boolean {
  const quotient = value / step;
  return Math.abs(quotient - Math.round(quotient)) < 1e-9;
}

function isNullSchema(schema: unknown): boolean {
  if (!isPlainObject(schema)) return false;
  if (schema.type === 'null') return true;
  return Array.isArray(schema.enum) && schema.enum.length > 0 && schema.enum.every((value) => value === null);
}
