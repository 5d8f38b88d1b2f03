import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { JsonSchemaConverter, type JsonSchema } from './json-schema.js';
import { isBareObject } from './bare-object.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Converts for a response, tolerant unless told otherwise; compiles the result under strict Ajv. */
function convert(schema: JsonSchema, components: Record<string, JsonSchema> = {}, tolerant = true) {
  const converter = new JsonSchemaConverter(components, 'response', { tolerant });
  const result = converter.convert(schema);
  const ajv = new Ajv2020({ strict: true, strictTypes: false });
  addFormats.default(ajv);
  const validate = ajv.compile({ ...result, $defs: converter.defs });
  return { converter, result, validate };
}

/** What `@ApiProperty()` on every field of a boilerplate user DTO documents. */
const components: Record<string, JsonSchema> = {
  FileDto: {
    type: 'object',
    properties: { id: { type: 'string' }, path: { type: 'string' } },
    required: ['id', 'path'],
  },
  UserDto: {
    type: 'object',
    properties: {
      id: { type: 'object' },
      email: { type: 'string', format: 'email' },
      firstName: { type: 'string' },
      status: { type: 'string', enum: ['active', 'banned'] },
      photo: ref('FileDto'),
      tags: { type: 'array', items: { type: 'string' } },
      createdAt: { type: 'string', format: 'date-time' },
    },
    required: ['id', 'email', 'firstName', 'status', 'photo', 'tags', 'createdAt'],
  },
};

describe('JsonSchemaConverter, tolerant (output schemas)', () => {
  it('accepts what a real handler returns: optional fields left out, nullable ones null', () => {
    const { validate } = convert(ref('UserDto'), components);
    expect(validate({ id: 1, email: 'a@b.co', photo: null })).toBe(true);
    expect(validate({ id: 'u-1', email: null, firstName: null, status: null, tags: null })).toBe(true);
    expect(validate({})).toBe(true);
    expect(validate({ id: 1, photo: { id: 'f', path: '/p' } })).toBe(true);
  });

  it('still refuses values of a documented type that is wrong', () => {
    const { validate } = convert(ref('UserDto'), components);
    expect(validate({ email: 42 })).toBe(false);
    expect(validate({ status: 'gone' })).toBe(false);
    expect(validate({ photo: { id: 7 } })).toBe(false);
    expect(validate({ createdAt: 'yesterday' })).toBe(false);
    expect(validate(null)).toBe(false);
  });

  it('drops every required list and lets each property accept null', () => {
    const { converter } = convert(ref('UserDto'), components);
    expect(converter.defs.UserDto).toEqual({
      type: 'object',
      properties: {
        id: { description: expect.stringContaining('Any JSON value') },
        email: { type: ['string', 'null'], format: 'email' },
        firstName: { type: ['string', 'null'] },
        status: { type: ['string', 'null'], enum: ['active', 'banned', null] },
        photo: { anyOf: [{ $ref: '#/$defs/FileDto' }, { type: 'null' }] },
        tags: { type: ['array', 'null'], items: { type: 'string' } },
        createdAt: { type: ['string', 'null'], format: 'date-time' },
      },
    });
    expect(converter.defs.FileDto.required).toBeUndefined();
  });

  it('keeps the documented required lists and types when not tolerant (strictOutputSchemas)', () => {
    const { converter, validate } = convert(ref('UserDto'), components, false);
    expect(converter.defs.UserDto.required).toEqual(components.UserDto.required);
    expect(converter.defs.UserDto).toMatchObject({ properties: { id: { type: 'object' } } });
    expect(validate({ id: 1, email: 'a@b.co', photo: null })).toBe(false);
    expect(new JsonSchemaConverter(components, 'response').tolerant).toBe(false);
  });

  it('makes a bare { type: "object" } (a union design type) any JSON value, keeping its description', () => {
    const schema = {
      type: 'object',
      properties: {
        id: { type: 'object', description: 'Numeric or slug' },
        meta: { type: 'object', nullable: true },
        list: { type: 'array', items: { type: 'object' } },
      },
    };
    const { result, validate } = convert(schema);
    expect(result.properties).toEqual({
      id: { description: expect.stringMatching(/^Numeric or slug\. Any JSON value/) },
      meta: { description: expect.stringContaining('Any JSON value') },
      list: { type: ['array', 'null'], items: { description: expect.stringContaining('Any JSON value') } },
    });
    for (const id of [1, 'a', true, null, [1], { a: 1 }])
      expect(validate({ id, meta: id, list: [id] })).toBe(true);
  });

  it('tells a bare object from one with properties or other constraints', () => {
    expect(isBareObject({ type: 'object' })).toBe(true);
    expect(isBareObject({ type: 'object', description: 'x', example: {}, 'x-foo': 1 })).toBe(true);
    expect(isBareObject({ type: 'object', properties: {} })).toBe(false);
    expect(isBareObject({ type: 'object', additionalProperties: { type: 'string' } })).toBe(false);
    expect(isBareObject({ type: 'object', minProperties: 1 })).toBe(false);
    expect(isBareObject({ type: 'string' })).toBe(false);
    const { validate } = convert({ type: 'object', additionalProperties: { type: 'string' } });
    expect(validate({ a: 1 })).toBe(false);
  });

  it('relaxes oneOf to anyOf, so a value matching overlapping branches passes', () => {
    const pets = {
      Cat: { type: 'object', properties: { name: { type: 'string' }, meows: { type: 'boolean' } } },
      Dog: { type: 'object', properties: { name: { type: 'string' }, barks: { type: 'boolean' } } },
    };
    const schema = { oneOf: [ref('Cat'), ref('Dog')] };
    const tolerant = convert(schema, pets);
    expect(tolerant.result).toEqual({ anyOf: [{ $ref: '#/$defs/Cat' }, { $ref: '#/$defs/Dog' }] });
    expect(tolerant.validate({ name: 'Rex' })).toBe(true);
    expect(tolerant.validate({ name: 7 })).toBe(false);
    expect(convert(schema, pets, false).validate({ name: 'Rex' })).toBe(false);
  });

  it('keeps an existing anyOf next to a relaxed oneOf, both still applying', () => {
    const schema = {
      anyOf: [{ type: 'string' }, { type: 'number' }],
      oneOf: [{ minimum: 1 }, { maximum: 10 }],
    };
    const { result, validate } = convert(schema);
    expect(result).toEqual({
      anyOf: [{ type: 'string' }, { type: 'number' }],
      allOf: [{ anyOf: [{ minimum: 1 }, { maximum: 10 }] }],
    });
    expect(validate(5)).toBe(true);
    expect(validate(true)).toBe(false);
  });

  it('never accepts less than the documented schema: drops keywords that loosening would invert', () => {
    const schema = {
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'string' } },
      not: { properties: { b: { type: 'string' } }, required: ['b'] },
      if: { properties: { a: { type: 'string' } }, required: ['a'] },
      else: { properties: { b: { const: 'x' } } },
      dependentRequired: { a: ['b'] },
    };
    const strict = convert(schema, {}, false);
    const tolerant = convert(schema);
    expect(tolerant.result).toEqual({
      type: 'object',
      properties: { a: { type: ['string', 'null'] }, b: { type: ['string', 'null'] } },
    });
    for (const value of [{}, { a: 'y' }, { b: 'x' }, { a: 'y', b: 'x' }, { a: 1 }]) {
      if (strict.validate(value)) expect(tolerant.validate(value)).toBe(true);
    }
  });

  it('does not make the root nullable, and keeps nullable roots as documented', () => {
    expect(convert({ type: 'object', properties: {} }).validate(null)).toBe(false);
    expect(convert({ type: 'string', nullable: true }).result).toEqual({ type: ['string', 'null'] });
  });

  it('handles recursive DTOs', () => {
    const tree = {
      Node: {
        type: 'object',
        properties: { name: { type: 'string' }, children: { type: 'array', items: ref('Node') } },
        required: ['name', 'children'],
      },
    };
    const { validate } = convert(ref('Node'), tree);
    expect(validate({ name: 'a', children: [{ name: 'b' }, { children: null }] })).toBe(true);
    expect(validate({ children: [{ name: 1 }] })).toBe(false);
  });
});
