import { acceptsAnything, anyValue, isBareObject } from './bare-object.js';
import { loosen } from './output-tolerance.js';
import { cloneJson, isPlainObject } from './plain-values.js';

/** A JSON Schema (2020-12) or OpenAPI schema object; kept loose on purpose. */
export type JsonSchema = Record<string, unknown>;

const COMPONENT_REF = '#/components/schemas/';

/** OpenAPI-only keywords that strict validators reject; `nullable` and `example(s)` are rewritten below. */
const DROPPED_KEYS = new Set(['discriminator', 'xml', 'externalDocs', 'nullable', 'example', 'examples']);
const SUBSCHEMA_KEYS = new Set([
  'items',
  'additionalItems',
  'additionalProperties',
  'not',
  'contains',
  'if',
  'then',
  'else',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
]);
const SUBSCHEMA_LIST_KEYS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SUBSCHEMA_MAP_KEYS = new Set([
  'properties',
  'patternProperties',
  'dependentSchemas',
  '$defs',
  'definitions',
]);

/** With any of these, widening `type` alone would not admit `null`: the schema is wrapped instead. */
const NULL_BLOCKING_KEYS = ['$ref', 'allOf', 'anyOf', 'oneOf', 'not', 'const'];
/** Annotations hoisted onto the `anyOf` wrapper of a nullable schema, where clients look for them. */
const ANNOTATION_KEYS = [
  'title',
  'description',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  'examples',
];

/**
 * Converts OpenAPI schemas into JSON Schema 2020-12 for one tool. Component `$ref`s become local
 * `#/$defs/Name` references; every component reached (transitively) is converted once into `defs`,
 * so recursive DTOs work.
 */
export class JsonSchemaConverter {
  private readonly components: Record<string, JsonSchema>;
  private readonly converted = new Map<string, JsonSchema>();

  /**
   * @param direction - what the schemas describe. In a `request`, `readOnly` properties (set by the
   *   server, like an id) are left out; in a `response`, `writeOnly` ones (like a password) are not
   *   required. Either way a schema can be honoured by both sides, as OpenAPI means them.
   * @param options.tolerant - describe what real responses look like rather than what Swagger's defaults
   *   claim: no `required` lists, `null` accepted for every property, `oneOf` as `anyOf`, a bare
   *   `{ type: 'object' }` as any value (see `output-tolerance.ts`). For output schemas only.
   * @param options.bareObjects - in a request, a bare `{ type: 'object' }` takes any JSON value (`'any'`,
   *   the default) or only objects (`'object'`, with `strictArguments`).
   */
  constructor(
    components: Record<string, JsonSchema> | undefined,
    private readonly direction: 'request' | 'response' | 'any' = 'any',
    options: { readonly tolerant?: boolean; readonly bareObjects?: 'any' | 'object' } = {},
  ) {
    this.components = components ?? {};
    this.tolerant = options.tolerant === true;
    this.bareObjectsAnyValue =
      this.tolerant || (direction === 'request' && (options.bareObjects ?? 'any') === 'any');
  }

  /** Whether a bare `{ type: 'object' }` (Swagger's `Object` and union types) takes any JSON value. */
  private readonly bareObjectsAnyValue: boolean;

  /** Whether schemas are loosened to what real responses look like (see the constructor). */
  readonly tolerant: boolean;

  /** Converts one schema; records the components it references. Never mutates its input. */
  convert(schema: JsonSchema): JsonSchema {
    return this.convertObject(schema);
  }

  /**
   * Follows a top-level component `$ref` (possibly chained) of an OpenAPI schema; returns the OpenAPI
   * schema it names (unconverted), or the schema itself.
   */
  dereference(schema: JsonSchema): JsonSchema {
    const seen = new Set<string>();
    let current = schema;
    while (typeof current.$ref === 'string' && current.$ref.startsWith(COMPONENT_REF)) {
      if (seen.has(current.$ref)) throw new Error(`Circular component schema reference: ${current.$ref}`);
      seen.add(current.$ref);
      current = this.component(current.$ref);
    }
    return current;
  }

  /** The converted components referenced so far, keyed by component name (a fresh object). */
  get defs(): Record<string, JsonSchema> {
    return Object.fromEntries(this.converted);
  }

  private component(ref: string): JsonSchema {
    const name = ref.slice(COMPONENT_REF.length);
    const schema = Object.hasOwn(this.components, name) ? this.components[name] : undefined;
    if (!isPlainObject(schema)) throw new Error(`Unknown component schema reference: ${ref}`);
    return schema;
  }

  /** Rewrites a component ref to `#/$defs/Name`, converting the component on first sight. */
  private reference(ref: string): string {
    if (!ref.startsWith(COMPONENT_REF)) return ref;
    const name = ref.slice(COMPONENT_REF.length);
    if (!this.converted.has(name)) {
      const component = this.component(ref);
      this.converted.set(name, {}); // in progress: a recursive reference stops here
      try {
        this.converted.set(name, this.convertObject(component));
      } catch (error) {
        this.converted.delete(name);
        throw error;
      }
    }
    return `#/$defs/${name}`;
  }

  /** Properties, without the ones the direction leaves out (`readOnly` in a request). */
  private properties(properties: JsonSchema): JsonSchema {
    const kept = Object.entries(properties).filter(([, schema]) => !this.omits(schema));
    return Object.fromEntries(kept.map(([name, schema]) => [name, this.property(schema)]));
  }

  /** A converted property; when tolerant it also accepts `null`. */
  private property(schema: unknown): unknown {
    const converted = this.convertNode(schema);
    if (!this.tolerant || !isPlainObject(converted) || acceptsAnything(converted)) return converted;
    return nullable(converted);
  }

  /** Whether a property is left out of a request schema (`readOnly`). */
  omits(schema: unknown): boolean {
    return this.direction === 'request' && isPlainObject(schema) && schema.readOnly === true;
  }

  /** Drops from `required` the properties the direction does not require. */
  private directional(out: JsonSchema, schema: JsonSchema): void {
    if (this.direction === 'any' || !Array.isArray(out.required) || !isPlainObject(schema.properties)) return;
    const properties = schema.properties;
    const flag = this.direction === 'request' ? 'readOnly' : 'writeOnly';
    out.required = (out.required as string[]).filter((name) => {
      const property = properties[name];
      return !(isPlainObject(property) && property[flag] === true);
    });
    if ((out.required as string[]).length === 0) delete out.required;
  }

  private convertNode(value: unknown): unknown {
    return isPlainObject(value) ? this.convertObject(value) : cloneJson(value);
  }

  private convertObject(schema: JsonSchema): JsonSchema {
    const out: JsonSchema = {};
    for (const [key, value] of Object.entries(schema)) {
      if (DROPPED_KEYS.has(key) || key.startsWith('x-')) continue;
      if (key === '$ref' && typeof value === 'string') out.$ref = this.reference(value);
      else if (key === 'items' && Array.isArray(value)) {
        if (value.length > 0) out.prefixItems = value.map((s) => this.convertNode(s));
      } else if (SUBSCHEMA_KEYS.has(key)) out[key] = this.convertNode(value);
      else if (SUBSCHEMA_LIST_KEYS.has(key) && Array.isArray(value))
        out[key] = value.map((s) => this.convertNode(s));
      else if (key === 'properties' && isPlainObject(value)) out.properties = this.properties(value);
      else if (SUBSCHEMA_MAP_KEYS.has(key) && isPlainObject(value))
        out[key] = mapValues(value, (s) => this.convertNode(s));
      else out[key] = cloneJson(value);
    }
    this.directional(out, schema);
    // Validators (Ajv, the SDK client's) ignore OpenAPI's discriminator, and with it two branches that
    // share their property types would both match a oneOf: anyOf accepts what the discriminator meant.
    if (schema.discriminator !== undefined && Array.isArray(out.oneOf)) {
      out.anyOf = out.oneOf;
      delete out.oneOf;
    }
    tupleItems(out, schema);
    examples(out, schema);
    exclusiveBound(out, 'exclusiveMinimum', 'minimum');
    exclusiveBound(out, 'exclusiveMaximum', 'maximum');
    if (out.type === 'file') Object.assign(out, { type: 'string', format: 'binary' });
    if (this.bareObjectsAnyValue && isBareObject(schema)) return anyValue(out);
    if (this.tolerant) loosen(out);
    impliedType(out);
    return schema.nullable === true ? nullable(out) : out;
  }
}

/** Keywords that apply to one JSON type only, by that type. */
const TYPED_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  object: ['properties', 'additionalProperties', 'patternProperties', 'required', 'propertyNames'],
  array: ['items', 'prefixItems', 'minItems', 'maxItems', 'uniqueItems', 'contains'],
  string: ['minLength', 'maxLength', 'pattern'],
};

/** With these a type-less schema may mean several types: its type is left unsaid. */
const OPEN_TYPE_KEYS = ['$ref', 'enum', 'const', 'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else'];

/**
 * Documents often leave out the `type` their keywords imply (`properties` alone means an object), which
 * strict validators refuse: the type is written when the keywords imply exactly one and nothing else in
 * the schema could admit another.
 */
function impliedType(out: JsonSchema): void {
  if (out.type !== undefined || OPEN_TYPE_KEYS.some((key) => key in out)) return;
  const implied = Object.keys(TYPED_KEYWORDS).filter((type) =>
    TYPED_KEYWORDS[type].some((keyword) => keyword in out),
  );
  if (implied.length === 1) out.type = implied[0];
}

/** Draft-07 tuples (`items: [...]`, `additionalItems`) become `prefixItems` + `items` in 2020-12. */
function tupleItems(out: JsonSchema, schema: JsonSchema): void {
  if (!('additionalItems' in out)) return;
  if (Array.isArray(schema.items)) out.items = out.additionalItems;
  delete out.additionalItems;
}

/** OAS `example` joins the `examples` array; a non-array (OAS-style) `examples` means nothing here. */
function examples(out: JsonSchema, schema: JsonSchema): void {
  const list = Array.isArray(schema.examples) ? schema.examples.map(cloneJson) : [];
  if (schema.example !== undefined) list.push(cloneJson(schema.example));
  if (Array.isArray(schema.examples) || list.length > 0) out.examples = list;
}

/** OAS 3.0 boolean `exclusiveMinimum: true` + `minimum: n` is 2020-12 `exclusiveMinimum: n`. */
function exclusiveBound(out: JsonSchema, exclusive: string, inclusive: string): void {
  const flag = out[exclusive];
  if (typeof flag !== 'boolean') return;
  delete out[exclusive];
  if (flag && typeof out[inclusive] === 'number') {
    out[exclusive] = out[inclusive];
    delete out[inclusive];
  }
}

/** Applies OAS 3.0 `nullable: true` to an already converted schema. */
function nullable(schema: JsonSchema): JsonSchema {
  const blocked = NULL_BLOCKING_KEYS.some((key) => key in schema);
  if (blocked || (schema.type === undefined && !Array.isArray(schema.enum))) return wrapNullable(schema);
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  if (typeof schema.type === 'string' && schema.type !== 'null') schema.type = [schema.type, 'null'];
  else if (Array.isArray(schema.type) && !schema.type.includes('null'))
    schema.type = [...schema.type, 'null'];
  return schema;
}

function wrapNullable(schema: JsonSchema): JsonSchema {
  const inner = { ...schema };
  const outer: JsonSchema = {};
  for (const key of ANNOTATION_KEYS) {
    if (!(key in inner)) continue;
    outer[key] = inner[key];
    delete inner[key];
  }
  return { ...outer, anyOf: [inner, { type: 'null' }] };
}

function mapValues(object: JsonSchema, fn: (value: unknown) => unknown): JsonSchema {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, fn(value)]));
}
