import type { JsonSchema } from '../catalog/json-schema.js';
import type { Tool } from '../catalog/tool.js';
import { SchemaValidator } from './schema.validator.js';

function tool(name: string, inputSchema: JsonSchema): Tool {
  return {
    name,
    description: `The ${name} tool`,
    inputSchema,
    annotations: {},
    endpoint: { method: 'GET', pathTemplate: '/x', bindings: [], bodyEncoding: 'json' },
    source: `TestController.${name} (GET /x)`,
  };
}

const listItems = tool('list_items', {
  type: 'object',
  properties: {
    id: { type: 'string', title: 'id' },
    limit: { type: 'integer', minimum: 1, title: 'limit' },
    sort: { type: 'string', enum: ['asc', 'desc'], title: 'sort' },
    filter: {
      type: 'object',
      properties: { min: { type: 'number', minimum: 0 }, max: { type: 'number' } },
      required: ['max'],
    },
    tag: { $ref: '#/$defs/Tag' },
    'a/b~c': { type: 'integer' },
  },
  required: ['id'],
  $defs: { Tag: { type: 'object', properties: { label: { type: 'string' } } } },
});

describe('SchemaValidator', () => {
  const validator = new SchemaValidator();
  const check = (args: unknown) => validator.validateArguments(listItems, args);

  it('accepts valid arguments', () => {
    expect(check({ id: 'x' })).toEqual({ valid: true });
    expect(
      check({ id: 'x', limit: 5, sort: 'asc', filter: { min: 0, max: 3 }, tag: { label: 't' }, 'a/b~c': 1 }),
    ).toEqual({ valid: true });
  });

  it('names a missing required argument', () => {
    expect(check({ limit: 2 })).toEqual({ valid: false, message: 'missing required argument "id"' });
  });

  it('names an argument of the wrong type, without coercing it', () => {
    expect(check({ id: 'x', limit: '10' })).toEqual({ valid: false, message: 'limit must be integer' });
    expect(check({ id: 'x', limit: 1.5 })).toEqual({ valid: false, message: 'limit must be integer' });
    expect(check({ id: 7 })).toEqual({ valid: false, message: 'id must be string' });
  });

  it('names a constraint that an argument breaks', () => {
    expect(check({ id: 'x', limit: 0 })).toEqual({ valid: false, message: 'limit must be >= 1' });
  });

  it('gives the dotted path of a nested value', () => {
    expect(check({ id: 'x', filter: { min: -1, max: 1 } })).toEqual({
      valid: false,
      message: 'filter.min must be >= 0',
    });
    expect(check({ id: 'x', tag: { label: 3 } })).toEqual({
      valid: false,
      message: 'tag.label must be string',
    });
  });

  it('names the object that misses a nested required property', () => {
    expect(check({ id: 'x', filter: { min: 1 } })).toEqual({
      valid: false,
      message: 'filter: missing required property "max"',
    });
  });

  it('lists the allowed values of an enum', () => {
    expect(check({ id: 'x', sort: 'up' })).toEqual({
      valid: false,
      message: 'sort must be one of ["asc","desc"]',
    });
  });

  it('unescapes JSON pointer characters in argument names', () => {
    expect(check({ id: 'x', 'a/b~c': 'no' })).toEqual({ valid: false, message: 'a/b~c must be integer' });
  });

  it('says "arguments" when the arguments themselves are wrong', () => {
    expect(check('x')).toEqual({ valid: false, message: 'arguments must be object' });
    expect(check(null)).toEqual({ valid: false, message: 'arguments must be object' });
  });

  it('describes a root-level enum violation under "arguments"', () => {
    const strictTool = tool('strict', { type: 'object', additionalProperties: false, properties: {} });
    const rootEnum = tool('root_enum', { enum: [{ a: 1 }] });
    const v = new SchemaValidator();
    expect(v.validateArguments(strictTool, { extra: 1 })).toEqual({
      valid: false,
      message: 'unknown argument: extra; strict takes no arguments',
    });
    expect(v.validateArguments(rootEnum, {})).toEqual({
      valid: false,
      message: 'arguments must be one of [{"a":1}]',
    });
  });

  it('checks OpenAPI formats as the SDK client does', () => {
    const openApi = tool('openapi_formats', {
      type: 'object',
      properties: {
        small: { type: 'integer', format: 'int32' },
        big: { type: 'integer', format: 'int64' },
        ratio: { type: 'number', format: 'double' },
        share: { type: 'number', format: 'float' },
        file: { type: 'string', format: 'binary' },
        raw: { type: 'string', format: 'byte' },
        secret: { type: 'string', format: 'password' },
      },
    });
    const v = new SchemaValidator();
    expect(
      v.validateArguments(openApi, {
        small: 2 ** 30,
        big: 9007199254740991,
        ratio: 0.1,
        share: 1.5,
        file: '\u0000 not base64 %%%',
        raw: 'aGk=',
        secret: '',
      }),
    ).toEqual({ valid: true });
    expect(v.validateArguments(openApi, { small: 'one' })).toEqual({
      valid: false,
      message: 'small must be integer',
    });
    // As strict as the SDK client, which checks these formats too.
    expect(v.validateArguments(openApi, { small: 2 ** 40 })).toEqual({
      valid: false,
      message: 'small must match format "int32"',
    });
    expect(v.validateArguments(openApi, { raw: '!!' })).toEqual({
      valid: false,
      message: 'raw must match format "byte"',
    });
  });

  it('enforces standard formats such as email, date-time and uuid', () => {
    const formats = tool('formats', {
      type: 'object',
      properties: {
        email: { type: 'string', format: 'email' },
        when: { type: 'string', format: 'date-time' },
        ref: { type: 'string', format: 'uuid' },
      },
    });
    const v = new SchemaValidator();
    expect(
      v.validateArguments(formats, {
        email: 'ada@example.com',
        when: '2024-05-01T10:00:00Z',
        ref: '6b7c8a2e-1f0a-4a4e-9a8b-0c1d2e3f4a5b',
      }),
    ).toEqual({ valid: true });
    expect(v.validateArguments(formats, { email: 'not-an-email' })).toEqual({
      valid: false,
      message: 'email must match format "email"',
    });
    expect(v.validateArguments(formats, { when: 'tomorrow' })).toEqual({
      valid: false,
      message: 'when must match format "date-time"',
    });
    expect(v.validateArguments(formats, { ref: '123' })).toEqual({
      valid: false,
      message: 'ref must match format "uuid"',
    });
  });

  it('names every unknown argument and the ones the tool takes, when it refuses extras', () => {
    const closed = tool('create_item', {
      type: 'object',
      properties: { name: { type: 'string' }, price: { type: 'number' } },
      required: ['name'],
      additionalProperties: false,
    });
    const none = tool('ping', { type: 'object', properties: {}, additionalProperties: false });
    const own = new SchemaValidator();
    expect(own.validateArguments(closed, { name: 'a', nmae: 'b', cost: 1 })).toEqual({
      valid: false,
      message: 'unknown arguments: nmae, cost; create_item takes: name, price',
    });
    expect(own.validateArguments(none, { x: 1 })).toEqual({
      valid: false,
      message: 'unknown argument: x; ping takes no arguments',
    });
    expect(own.validateArguments(closed, { name: 'a', price: 2 })).toEqual({ valid: true });
    expect(own.validateArguments(listItems, { id: 'x', extra: 1 })).toEqual({ valid: true });
  });

  it('keeps one validator per tool', () => {
    const a = tool('a', { type: 'object', properties: { n: { type: 'integer' } } });
    const b = tool('b', { type: 'object', properties: { n: { type: 'string' } } });
    const v = new SchemaValidator();
    expect(v.validateArguments(a, { n: 1 })).toEqual({ valid: true });
    expect(v.validateArguments(b, { n: 1 })).toEqual({ valid: false, message: 'n must be string' });
  });

  it('reads a type union as words, for a response property that may be null', () => {
    const output = { type: 'object', properties: { email: { type: ['string', 'null'] } } };
    const t = { ...tool('t', { type: 'object' }), output: { schema: output, wrapped: false } };
    expect(new SchemaValidator().validateOutput(t, { email: 42 })).toEqual({
      valid: false,
      message: 'response.email must be string or null',
    });
  });

  describe('values that fit none of several forms', () => {
    const photo = tool('upload', {
      type: 'object',
      properties: {
        file: {
          description: 'A file: base64 text, a data: URL, or { data, filename?, contentType? }.',
          anyOf: [
            { type: 'string' },
            { type: 'object', properties: { data: { type: 'string' } }, required: ['data'] },
          ],
        },
        owner: {
          anyOf: [
            { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] },
            { type: 'null' },
          ],
        },
        choice: { oneOf: [{ type: 'integer' }, { type: 'boolean' }] },
      },
    });
    const v = new SchemaValidator();

    it('names the accepted forms from the description instead of one error per branch', () => {
      expect(v.validateArguments(photo, { file: 42 })).toEqual({
        valid: false,
        message:
          'file is none of the accepted forms. A file: base64 text, a data: URL, or { data, filename?, contentType? }.',
      });
    });

    it('says what is wrong with a nullable value, without "must be null"', () => {
      expect(v.validateArguments(photo, { owner: { id: 'x' } })).toEqual({
        valid: false,
        message: 'owner.id must be integer',
      });
      expect(v.validateArguments(photo, { owner: null })).toEqual({ valid: true });
    });

    it("keeps Ajv's summary when the forms are not described", () => {
      expect(v.validateArguments(photo, { choice: 'x' })).toEqual({
        valid: false,
        message: 'choice must match exactly one schema in oneOf',
      });
    });
  });

  it('fails the calls of a tool whose schema does not compile, naming the tool and what to fix', () => {
    const ok = tool('ok', { type: 'object' });
    const broken = tool('broken_tool', { type: 'object', properties: { a: { type: 'nope' } } });
    const v = new SchemaValidator();
    expect(v.validateArguments(ok, {})).toEqual({ valid: true });
    const refused = v.validateArguments(broken, { a: 1 });
    expect(refused.valid).toBe(false);
    expect((refused as { message: string }).message).toMatch(
      /^the input schema of MCP tool "broken_tool" \(TestController\.broken_tool \(GET \/x\)\) is not valid JSON Schema: .*Check its Swagger decorators/,
    );
    // The other tools are unaffected.
    expect(v.validateArguments(ok, {})).toEqual({ valid: true });
  });

  it('fails the calls of a tool whose schema references a definition it does not have', () => {
    const dangling = tool('dangling', { type: 'object', properties: { a: { $ref: '#/$defs/Missing' } } });
    expect(new SchemaValidator().validateArguments(dangling, {})).toEqual({
      valid: false,
      message: expect.stringMatching(/"dangling" \(TestController\.dangling \(GET \/x\)\)/),
    });
  });
});
