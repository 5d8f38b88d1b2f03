import { exampleFromSchema, resolveComponentRef } from './example.generator.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const components = (schemas: Record<string, unknown>) => ({ schemas });
const example = (schema: unknown, schemas: Record<string, unknown> = {}) =>
  exampleFromSchema(schema, components(schemas));

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('exampleFromSchema', () => {
  it('generates scalars by type', () => {
    expect(example({ type: 'integer' })).toBe(1);
    expect(example({ type: 'number' })).toBe(1.5);
    expect(example({ type: 'boolean' })).toBe(true);
    expect(example({ type: 'string' })).toBe('string');
  });

  it('gives ids and counts documented as `number` (a TypeScript number) a whole value', () => {
    const schema = {
      type: 'object',
      properties: {
        id: { type: 'number' },
        ownerId: { type: 'number' },
        tag_ids: { type: 'array', items: { type: 'number' } },
        page: { type: 'number' },
        itemCount: { type: 'number' },
        size: { type: 'number', format: 'int64' },
        price: { type: 'number' },
        paid: { type: 'number' },
      },
    };
    expect(example(schema)).toEqual({
      id: 1,
      ownerId: 1,
      tag_ids: [1],
      page: 1,
      itemCount: 1,
      size: 1,
      price: 1.5,
      paid: 1.5,
    });
    expect(example({ type: 'number', format: 'int32' })).toBe(1);
  });

  it('names a referenced or nullable id by its property', () => {
    const schemas = { Id: { type: 'number' } };
    expect(
      example({ properties: { id: ref('Id'), parentId: { type: ['number', 'null'] } } }, schemas),
    ).toEqual({
      id: 1,
      parentId: 1,
    });
  });

  it.each([
    [{ type: 'integer', minimum: 10 }, 10],
    [{ type: 'integer', minimum: 10, exclusiveMinimum: true }, 11],
    [{ type: 'integer', exclusiveMinimum: 10 }, 11],
    [{ type: 'integer', maximum: 0 }, 0],
    [{ type: 'integer', exclusiveMaximum: 0 }, -1],
    [{ type: 'integer', minimum: -5, maximum: -2 }, -5],
    [{ type: 'integer', multipleOf: 5 }, 5],
    [{ type: 'integer', minimum: 12, multipleOf: 5 }, 15],
    [{ type: 'number', multipleOf: 0.25 }, 1.5],
    [{ type: 'number', multipleOf: 0.2 }, 1.6],
    [{ type: 'number', minimum: 2, maximum: 3 }, 2.5],
    [{ type: 'number', exclusiveMinimum: 2, exclusiveMaximum: 3 }, 2.5],
    [{ type: 'number', maximum: 1 }, 1],
    [{ type: 'number', minimum: 0, maximum: 1 }, 0.5],
  ])('keeps a number example inside %j: %p', (schema, expected) => {
    expect(example(schema)).toBe(expected);
  });

  it('fits a plain string to minLength and maxLength', () => {
    expect(example({ type: 'string', maxLength: 3 })).toBe('str');
    expect(example({ type: 'string', minLength: 8 })).toBe('stringst');
    expect(example({ type: 'string', minLength: 2, maxLength: 4 })).toBe('stri');
  });

  it.each([
    ['date-time', '2024-01-01T00:00:00Z'],
    ['date', '2024-01-01'],
    ['email', 'user@example.com'],
    ['uri', 'https://example.com'],
    ['url', 'https://example.com'],
    ['uuid', '3fa85f64-5717-4562-b3fc-2c963f66afa6'],
    ['password', 'string'],
    ['binary', undefined],
  ])('generates a %s string as %p', (format, expected) => {
    expect(example({ type: 'string', format })).toBe(expected);
  });

  it('prefers a documented example, then the first of `examples`, then `default`', () => {
    expect(example({ type: 'integer', example: 42, default: 3 })).toBe(42);
    expect(example({ type: 'integer', examples: [5, 6], default: 3 })).toBe(5);
    expect(example({ type: 'integer', default: 3 })).toBe(3);
    expect(example({ type: 'string', enum: ['a', 'b'], default: 'b' })).toBe('b');
    expect(example({ type: 'string', nullable: true, example: null })).toBeNull();
  });

  it('uses an example at any level, even next to a $ref', () => {
    const schemas = { Tag: { type: 'object', properties: { name: { type: 'string', example: 'red' } } } };
    const schema = {
      type: 'object',
      properties: { tag: ref('Tag'), pinned: { ...ref('Tag'), example: { name: 'blue' } } },
      example: undefined,
    };
    expect(example(schema, schemas)).toEqual({ tag: { name: 'red' }, pinned: { name: 'blue' } });
  });

  it('builds objects, omitting properties without an example, and treats bare `properties` as an object', () => {
    const schema = {
      properties: {
        id: { type: 'integer' },
        file: { type: 'string', format: 'binary' },
        meta: { description: 'anything' },
        tags: { type: 'array', items: { type: 'string' } },
        blobs: { type: 'array', items: { type: 'string', format: 'binary' } },
      },
    };
    expect(example(schema)).toEqual({ id: 1, tags: ['string'], blobs: [] });
  });

  it('gives a map type one sample entry', () => {
    expect(example({ type: 'object', additionalProperties: { type: 'integer' } })).toEqual({
      additionalProp1: 1,
    });
    expect(example({ type: 'object', additionalProperties: true })).toEqual({});
  });

  it('keeps a property named __proto__ as an own property', () => {
    const result = example({ type: 'object', properties: { ['__proto__']: { type: 'integer' } } }) as object;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.hasOwn(result, '__proto__')).toBe(true);
  });

  it('takes the first enum value, skipping null', () => {
    expect(example({ type: 'string', enum: ['open', 'closed'] })).toBe('open');
    expect(example({ type: 'string', enum: [null, 'open'], nullable: true })).toBe('open');
  });

  it('ignores nullability and generates the non-null value', () => {
    expect(example({ type: 'string', nullable: true })).toBe('string');
    expect(example({ type: ['null', 'integer'] })).toBe(1);
    expect(example({ anyOf: [{ type: 'null' }, { type: 'boolean' }] })).toBe(true);
    expect(
      example({ nullable: true, type: 'object', allOf: [ref('Tag')] }, { Tag: { type: 'integer' } }),
    ).toBe(1);
  });

  it('takes the first member of oneOf/anyOf', () => {
    const schemas = { Cat: { properties: { meow: { type: 'boolean' } } }, Dog: { type: 'string' } };
    expect(example({ oneOf: [ref('Cat'), ref('Dog')] }, schemas)).toEqual({ meow: true });
    expect(example({ anyOf: [ref('Dog'), ref('Cat')] }, schemas)).toBe('string');
  });

  it('merges the object examples of allOf members and the schema’s own properties', () => {
    const schemas = {
      Base: { type: 'object', properties: { id: { type: 'integer' }, kind: { type: 'string' } } },
    };
    const schema = {
      allOf: [ref('Base'), { type: 'object', properties: { kind: { type: 'string', example: 'cat' } } }],
      properties: { lives: { type: 'integer', example: 9 } },
    };
    expect(example(schema, schemas)).toEqual({ id: 1, kind: 'cat', lives: 9 });
    expect(example({ allOf: [{ description: 'x' }, { type: 'number' }] })).toBe(1.5);
  });

  it('resolves component refs and yields undefined for unknown or non-local ones', () => {
    expect(example(ref('Id'), { Id: { type: 'string', format: 'uuid' } })).toBe(
      '3fa85f64-5717-4562-b3fc-2c963f66afa6',
    );
    expect(example(ref('Missing'))).toBeUndefined();
    expect(example({ $ref: 'other.yaml#/Thing' })).toBeUndefined();
    expect(exampleFromSchema(ref('Id'), undefined)).toBeUndefined();
  });

  it('terminates on recursive DTOs, omitting the recursive property', () => {
    const schemas = {
      Node: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          parent: ref('Node'),
          children: { type: 'array', items: ref('Node') },
        },
      },
      A: { type: 'object', properties: { b: ref('B') } },
      B: { type: 'object', properties: { a: ref('A'), n: { type: 'integer' } } },
    };
    expect(example(ref('Node'), schemas)).toEqual({ name: 'string', children: [] });
    expect(example(ref('A'), schemas)).toEqual({ b: { n: 1 } });
  });

  it('expands a component used twice side by side (only the current path counts as recursion)', () => {
    const schemas = { Money: { type: 'object', properties: { amount: { type: 'number' } } } };
    const schema = { type: 'object', properties: { price: ref('Money'), tax: ref('Money') } };
    expect(example(schema, schemas)).toEqual({ price: { amount: 1.5 }, tax: { amount: 1.5 } });
  });

  it('falls through to the next union member when the first is recursive', () => {
    const schemas = { Tree: { oneOf: [ref('Tree'), { type: 'string' }] } };
    expect(example(ref('Tree'), schemas)).toBe('string');
  });

  it('stops at the depth limit on deeply nested inline schemas', () => {
    let schema: Record<string, unknown> = { type: 'integer' };
    for (let level = 0; level < 20; level++) schema = { type: 'object', properties: { next: schema } };
    let depth = 0;
    for (let value = example(schema) as { next?: unknown }; value?.next; value = value.next as never) depth++;
    expect(depth).toBeGreaterThan(5);
    expect(depth).toBeLessThan(10);
  });

  it('yields undefined for what it cannot describe', () => {
    expect(example({})).toBeUndefined();
    expect(example({ type: 'file' })).toBeUndefined();
    expect(example(null)).toBeUndefined();
    expect(example('string')).toBeUndefined();
  });

  it('never mutates its inputs and never shares documented examples', () => {
    const schemas = deepFreeze({ Tag: { type: 'object', example: { name: 'red', meta: { n: 1 } } } });
    const schema = deepFreeze({ type: 'array', items: ref('Tag') });
    const first = example(schema, schemas) as { name: string; meta: { n: number } }[];
    first[0].meta.n = 2;
    expect(example(schema, schemas)).toEqual([{ name: 'red', meta: { n: 1 } }]);
  });
});

describe('resolveComponentRef', () => {
  it('resolves a local ref in the given section, unescaping JSON pointer tokens', () => {
    const all = { responses: { 'a/b~c': { description: 'x' } }, schemas: { Tag: { type: 'string' } } };
    expect(resolveComponentRef('#/components/responses/a~1b~0c', all, 'responses')).toEqual({
      description: 'x',
    });
    expect(resolveComponentRef('#/components/schemas/Tag', all, 'responses')).toBeUndefined();
    expect(resolveComponentRef('#/components/schemas/toString', all, 'schemas')).toBeUndefined();
  });
});
