import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { JsonSchemaConverter, type JsonSchema } from './json-schema.js';

/** Strict mode rejects unknown keywords, so leftovers such as `nullable` or `example` fail compilation. */
function compile(converter: JsonSchemaConverter, schema: JsonSchema) {
  const ajv = new Ajv2020({ strict: true, strictTypes: false });
  addFormats.default(ajv);
  return ajv.compile({ ...schema, $defs: converter.defs });
}

function convert(schema: JsonSchema, components?: Record<string, JsonSchema>) {
  const converter = new JsonSchemaConverter(components);
  const result = converter.convert(schema);
  return { converter, result, validate: compile(converter, result) };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const leaf = (name: string) => ({ name, children: [] });

describe('JsonSchemaConverter', () => {
  it('keeps scalar keywords (format, enum, default, bounds)', () => {
    const schema = {
      type: 'object',
      properties: {
        when: { type: 'string', format: 'date-time', description: 'Timestamp' },
        kind: { type: 'string', enum: ['a', 'b'], default: 'a' },
        count: { type: 'integer', minimum: 1, maximum: 10, default: 5 },
        name: { type: 'string', minLength: 2, maxLength: 5, pattern: '^[a-z]+$' },
        tags: { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true },
      },
      required: ['kind'],
    };
    const { result, validate } = convert(schema);
    expect(result).toEqual(schema);
    expect(validate({ kind: 'a', count: 3, when: '2024-01-01T00:00:00Z', name: 'abc', tags: ['x'] })).toBe(
      true,
    );
    expect(validate({ kind: 'c' })).toBe(false);
    expect(validate({ kind: 'a', count: 11 })).toBe(false);
    expect(validate({ kind: 'a', when: 'yesterday' })).toBe(false);
  });

  it('turns a nullable scalar into a type union', () => {
    const { result, validate } = convert({ type: 'string', nullable: true });
    expect(result).toEqual({ type: ['string', 'null'] });
    expect(validate(null)).toBe(true);
    expect(validate('x')).toBe(true);
    expect(validate(1)).toBe(false);
  });

  it('rejects null when the schema is not nullable', () => {
    const { result, validate } = convert({ type: 'string', nullable: false });
    expect(result).toEqual({ type: 'string' });
    expect(validate(null)).toBe(false);
  });

  it('adds null to a nullable enum', () => {
    const { result, validate } = convert({ type: 'string', enum: ['a', 'b'], nullable: true });
    expect(result).toEqual({ type: ['string', 'null'], enum: ['a', 'b', null] });
    expect(validate(null)).toBe(true);
    expect(validate('c')).toBe(false);
  });

  it('wraps a nullable $ref in anyOf, hoisting its annotations', () => {
    const components = { Tag: { type: 'object', properties: { id: { type: 'integer' } } } };
    const { result, validate } = convert({ ...ref('Tag'), nullable: true, description: 'A tag' }, components);
    expect(result).toEqual({ description: 'A tag', anyOf: [{ $ref: '#/$defs/Tag' }, { type: 'null' }] });
    expect(validate(null)).toBe(true);
    expect(validate({ id: 1 })).toBe(true);
    expect(validate({ id: 'x' })).toBe(false);
  });

  it('admits null for the nullable nested-DTO shape @nestjs/swagger emits', () => {
    const components = { Tag: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] } };
    const schema = { nullable: true, type: 'object', allOf: [ref('Tag')] };
    const { result, validate } = convert(schema, components);
    expect(result).toEqual({
      anyOf: [{ type: 'object', allOf: [{ $ref: '#/$defs/Tag' }] }, { type: 'null' }],
    });
    expect(validate(null)).toBe(true);
    expect(validate({ id: 1 })).toBe(true);
    expect(validate({})).toBe(false);
  });

  it('keeps items of a nullable array', () => {
    const { result, validate } = convert({ type: 'array', items: { type: 'integer' }, nullable: true });
    expect(result).toEqual({ type: ['array', 'null'], items: { type: 'integer' } });
    expect(validate(null)).toBe(true);
    expect(validate([1, 2])).toBe(true);
    expect(validate(['x'])).toBe(false);
  });

  it('rewrites component refs and collects transitive defs once', () => {
    const components = {
      Order: {
        type: 'object',
        properties: { customer: ref('Customer'), lines: { type: 'array', items: ref('Line') } },
      },
      Customer: { type: 'object', properties: { address: ref('Address') } },
      Address: { type: 'object', properties: { city: { type: 'string' } } },
      Line: { type: 'object', properties: { qty: { type: 'integer' } } },
      Unused: { type: 'string' },
    };
    const converter = new JsonSchemaConverter(components);
    expect(converter.convert(ref('Order'))).toEqual({ $ref: '#/$defs/Order' });
    expect(converter.convert(ref('Customer'))).toEqual({ $ref: '#/$defs/Customer' });
    expect(Object.keys(converter.defs).toSorted()).toEqual(['Address', 'Customer', 'Line', 'Order']);
    expect(converter.defs.Customer).toEqual({
      type: 'object',
      properties: { address: { $ref: '#/$defs/Address' } },
    });
    expect(converter.defs).not.toBe(converter.defs);
    const address = converter.defs.Address;
    converter.convert({ type: 'array', items: ref('Address') });
    expect(converter.defs.Address).toBe(address);
    const validate = compile(converter, { $ref: '#/$defs/Order' });
    expect(validate({ customer: { address: { city: 'Oslo' } }, lines: [{ qty: 1 }] })).toBe(true);
    expect(validate({ customer: { address: { city: 1 } } })).toBe(false);
  });

  it('handles a recursive component', () => {
    const components = {
      Category: {
        type: 'object',
        properties: { name: { type: 'string' }, children: { type: 'array', items: ref('Category') } },
        required: ['name', 'children'],
      },
    };
    const { converter, validate } = convert(ref('Category'), components);
    expect(converter.defs.Category).toEqual({
      type: 'object',
      properties: {
        name: { type: 'string' },
        children: { type: 'array', items: { $ref: '#/$defs/Category' } },
      },
      required: ['name', 'children'],
    });
    expect(validate({ name: 'root', children: [{ name: 'a', children: [leaf('a1'), leaf('a2')] }] })).toBe(
      true,
    );
    expect(validate({ name: 'root', children: [{ name: 'a', children: [{ name: 'a1' }] }] })).toBe(false);
  });

  it('recurses into allOf, oneOf, anyOf and other applicators', () => {
    const schema = {
      allOf: [{ properties: { a: { type: 'string', nullable: true } } }],
      oneOf: [
        { type: 'string', example: 'x' },
        { type: 'number', 'x-kind': 'n' },
      ],
      anyOf: [{ type: 'string', nullable: true }, { type: 'integer' }],
      not: { type: 'boolean', example: true },
      additionalProperties: { type: 'integer', nullable: true },
      patternProperties: { '^p': { type: 'string', nullable: true } },
    };
    const { result, validate } = convert(schema);
    expect(result).toEqual({
      // `properties` alone means an object: its type is written, as strict validators require.
      allOf: [{ type: 'object', properties: { a: { type: ['string', 'null'] } } }],
      oneOf: [{ type: 'string', examples: ['x'] }, { type: 'number' }],
      anyOf: [{ type: ['string', 'null'] }, { type: 'integer' }],
      not: { type: 'boolean', examples: [true] },
      additionalProperties: { type: ['integer', 'null'] },
      patternProperties: { '^p': { type: ['string', 'null'] } },
    });
    expect(validate('s')).toBe(false); // not the object allOf requires
    expect(validate(true)).toBe(false);
    expect(validate({ a: null })).toBe(false); // an object matches neither oneOf branch
  });

  it('recurses into conditional and array/object applicators and passes 3.1 forms through', () => {
    const schema = {
      type: ['object', 'array', 'null'],
      if: { type: 'object', example: {} },
      // oxlint-disable-next-line unicorn/no-thenable -- `then` is a JSON Schema keyword here
      then: { required: ['id'], properties: { id: { type: 'integer', nullable: true } } },
      else: { type: 'array', contains: { type: 'string', 'x-c': 1 } },
      dependentSchemas: { id: { properties: { rev: { type: 'integer', nullable: true } } } },
      $defs: { Local: { type: 'string', example: 'l' } },
    };
    const { result, validate } = convert(schema);
    expect(result).toEqual({
      type: ['object', 'array', 'null'],
      if: { type: 'object', examples: [{}] },
      // oxlint-disable-next-line unicorn/no-thenable -- `then` is a JSON Schema keyword here
      then: { type: 'object', required: ['id'], properties: { id: { type: ['integer', 'null'] } } },
      else: { type: 'array', contains: { type: 'string' } },
      dependentSchemas: { id: { type: 'object', properties: { rev: { type: ['integer', 'null'] } } } },
      $defs: { Local: { type: 'string', examples: ['l'] } },
    });
    expect(validate({ id: null, rev: null })).toBe(true);
    expect(validate({})).toBe(false);
    expect(validate(['a', 1])).toBe(true);
    expect(validate([1])).toBe(false);
  });

  it('converts example into examples, merging an existing array and dropping a non-array one', () => {
    expect(convert({ type: 'integer', example: 3 }).result).toEqual({ type: 'integer', examples: [3] });
    expect(convert({ type: 'integer', examples: [1], example: 2 }).result).toEqual({
      type: 'integer',
      examples: [1, 2],
    });
    expect(convert({ type: 'integer', examples: { one: { value: 1 } } }).result).toEqual({ type: 'integer' });
  });

  it('rewrites boolean exclusive bounds and keeps numeric ones', () => {
    const { result, validate } = convert({
      type: 'number',
      minimum: 0,
      exclusiveMinimum: true,
      maximum: 10,
      exclusiveMaximum: false,
    });
    expect(result).toEqual({ type: 'number', exclusiveMinimum: 0, maximum: 10 });
    expect(validate(0)).toBe(false);
    expect(validate(10)).toBe(true);
    expect(convert({ type: 'number', exclusiveMaximum: 5 }).result).toEqual({
      type: 'number',
      exclusiveMaximum: 5,
    });
  });

  it('strips OpenAPI-only keys and x-* extensions but keeps properties with such names', () => {
    const components = {
      Cat: { type: 'object', properties: { kind: { type: 'string' } }, 'x-internal': true },
      Dog: { type: 'object', properties: { kind: { type: 'string' } }, xml: { name: 'dog' } },
    };
    const schema = {
      oneOf: [ref('Cat'), ref('Dog')],
      discriminator: { propertyName: 'kind', mapping: { cat: '#/components/schemas/Cat' } },
      externalDocs: { url: 'https://example.com' },
      'x-tag': 'pets',
      properties: { example: { type: 'string' }, 'x-key': { type: 'string' } },
    };
    const { result, converter } = convert(schema, components);
    // A discriminated oneOf becomes anyOf: validators ignore the discriminator.
    expect(result).toEqual({
      anyOf: [{ $ref: '#/$defs/Cat' }, { $ref: '#/$defs/Dog' }],
      properties: { example: { type: 'string' }, 'x-key': { type: 'string' } },
    });
    expect(converter.defs.Cat).toEqual({ type: 'object', properties: { kind: { type: 'string' } } });
    expect(converter.defs.Dog).toEqual({ type: 'object', properties: { kind: { type: 'string' } } });
  });

  it('maps type file and tuple items', () => {
    expect(convert({ type: 'file', nullable: true }).result).toEqual({
      type: ['string', 'null'],
      format: 'binary',
    });
    const { result, validate } = convert({
      type: 'array',
      items: [{ type: 'string' }, { type: 'integer' }],
      additionalItems: false,
      minItems: 2,
    });
    expect(result).toEqual({
      type: 'array',
      prefixItems: [{ type: 'string' }, { type: 'integer' }],
      items: false,
      minItems: 2,
    });
    expect(validate(['a', 1])).toBe(true);
    expect(validate(['a', 1, 2])).toBe(false);
  });

  it('never mutates its input and deep-copies leaf values', () => {
    const components = {
      Item: {
        type: 'object',
        properties: {
          tags: { type: 'array', items: { type: 'string' }, default: ['a'], nullable: true, example: ['b'] },
          parent: { ...ref('Item'), nullable: true },
          price: { type: 'number', minimum: 0, exclusiveMinimum: true, 'x-unit': 'EUR' },
        },
      },
    };
    const schema = { type: 'object', properties: { item: ref('Item') }, enum: [{ item: { tags: [] } }] };
    const before = structuredClone({ components, schema });
    const converter = new JsonSchemaConverter(components);
    const result = converter.convert(schema);
    expect({ components, schema }).toEqual(before);
    const properties = converter.defs.Item.properties as Record<string, JsonSchema>;
    expect(properties.tags.default).not.toBe(components.Item.properties.tags.default);
    expect((result.enum as unknown[])[0]).not.toBe(schema.enum[0]);
  });

  it('throws on a missing component, naming the ref', () => {
    const converter = new JsonSchemaConverter({
      Present: { type: 'object', properties: { m: ref('Missing') } },
    });
    expect(() => converter.convert(ref('Present'))).toThrow('#/components/schemas/Missing');
    expect(converter.defs).toEqual({});
    expect(() => new JsonSchemaConverter(undefined).convert(ref('Nope'))).toThrow(
      '#/components/schemas/Nope',
    );
  });

  it('leaves non-component refs alone', () => {
    const converter = new JsonSchemaConverter({});
    expect(converter.convert({ $ref: '#/$defs/Local' })).toEqual({ $ref: '#/$defs/Local' });
    expect(converter.defs).toEqual({});
  });

  it('dereferences chained component refs without converting them', () => {
    const components = {
      A: ref('B'),
      B: ref('C'),
      C: { type: 'string', nullable: true },
    };
    const converter = new JsonSchemaConverter(components);
    expect(converter.dereference(ref('A'))).toBe(components.C);
    const inline = { type: 'integer' };
    expect(converter.dereference(inline)).toBe(inline);
    expect(() => converter.dereference(ref('Missing'))).toThrow('Missing');
    expect(converter.defs).toEqual({});
  });
});
