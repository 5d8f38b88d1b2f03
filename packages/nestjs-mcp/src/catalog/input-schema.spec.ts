import type { OperationObject, ParameterObject } from '@nestjs/swagger';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { buildToolInput, WHOLE_BODY_ARGUMENT } from './input-schema.js';
import { JsonSchemaConverter, type JsonSchema } from './json-schema.js';

type Components = { schemas?: Record<string, JsonSchema>; parameters?: Record<string, unknown> };

function operation(parts: Partial<OperationObject>): OperationObject {
  return { responses: {}, ...parts };
}

function jsonBody(schema: JsonSchema, required?: boolean): Pick<OperationObject, 'requestBody'> {
  return { requestBody: { content: { 'application/json': { schema } }, required } };
}

function build(op: OperationObject, components: Components = {}) {
  return buildToolInput(op, components, new JsonSchemaConverter(components.schemas));
}

function compile(schema: JsonSchema) {
  const ajv = new Ajv2020({ strict: true, strictTypes: false });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

const path = (name: string, schema: JsonSchema = { type: 'string' }): ParameterObject => ({
  name,
  in: 'path',
  required: true,
  schema,
});
const query = (name: string, extra: Partial<ParameterObject> = {}): ParameterObject => ({
  name,
  in: 'query',
  schema: { type: 'string' },
  ...extra,
});

/** The schema of a multipart file argument: base64 or a data: URL, or an object with name and type. */
const FILE_SCHEMA = {
  anyOf: [
    { type: 'string', description: 'The file content, base64-encoded, or a data: URL.' },
    {
      type: 'object',
      properties: {
        data: { type: 'string', description: 'The file content, base64-encoded (or a data: URL).' },
        filename: { type: 'string', minLength: 1, description: 'The file name, e.g. "chart.png".' },
        contentType: { type: 'string', description: 'The media type, e.g. "image/png".' },
      },
      required: ['data'],
      additionalProperties: false,
    },
  ],
};
const FILE_DESCRIPTION =
  'A file: base64 text, a data: URL ("data:image/png;base64,…"), or { data, filename?, contentType? }. ' +
  'A missing type is detected from the content and the file name gets a matching extension.';
/** A request-direction input, for a handler that does or does not read the body. */
const request =
  (components: Components = {}) =>
  (op: OperationObject, readsBody = false) =>
    buildToolInput(op, components, new JsonSchemaConverter(components.schemas, 'request'), { readsBody });

/** A request-direction input with `strictArguments`. */
const strict =
  (components: Components = {}) =>
  (op: OperationObject, readsBody = false) =>
    buildToolInput(
      op,
      components,
      new JsonSchemaConverter(components.schemas, 'request', { bareObjects: 'object' }),
      { readsBody, strict: true },
    );

describe('buildToolInput', () => {
  it('returns an empty object schema for an operation without parameters or body', () => {
    const { schema, bindings } = build(operation({}));
    expect(schema).toEqual({ type: 'object', properties: {}, additionalProperties: false });
    expect(bindings).toEqual([]);
  });

  it('puts path parameters first and makes them required', () => {
    const { schema, bindings } = build(
      operation({ parameters: [query('q'), path('id', { type: 'integer' }), query('sort')] }),
    );
    expect(Object.keys(schema.properties as object)).toEqual(['id', 'q', 'sort']);
    expect(schema.required).toEqual(['id']);
    expect(bindings).toEqual([
      { argument: 'id', in: 'path', name: 'id' },
      { argument: 'q', in: 'query', name: 'q' },
      { argument: 'sort', in: 'query', name: 'sort' },
    ]);
  });

  it('makes a path parameter required even when the document does not say so', () => {
    const { schema } = build(
      operation({ parameters: [{ name: 'id', in: 'path', schema: { type: 'string' } }] }),
    );
    expect(schema.required).toEqual(['id']);
  });

  it('keeps query parameters optional unless marked required, and copies their description', () => {
    const { schema } = build(
      operation({
        parameters: [
          query('q', { description: 'Search text' }),
          query('page', { required: true, schema: { type: 'integer', minimum: 1 } }),
          query('limit', { required: false }),
        ],
      }),
    );
    expect(schema.properties).toEqual({
      q: { type: 'string', description: 'Search text', title: 'q' },
      page: { type: 'integer', minimum: 1, title: 'page' },
      limit: { type: 'string', title: 'limit' },
    });
    expect(schema.required).toEqual(['page']);
  });

  it("does not overwrite a schema's own description with the parameter's", () => {
    const { schema } = build(
      operation({
        parameters: [query('q', { description: 'outer', schema: { type: 'string', description: 'inner' } })],
      }),
    );
    expect((schema.properties as Record<string, JsonSchema>).q.description).toBe('inner');
  });

  it('treats a parameter without a schema as a string', () => {
    const { schema } = build(operation({ parameters: [{ name: 'q', in: 'query' }] }));
    expect(schema.properties).toEqual({ q: { type: 'string', title: 'q' } });
  });

  it('ignores header and cookie parameters', () => {
    const { schema, bindings } = build(
      operation({
        parameters: [
          { name: 'x-trace', in: 'header', required: true, schema: { type: 'string' } },
          { name: 'session', in: 'cookie', required: true, schema: { type: 'string' } },
          query('q'),
        ],
      }),
    );
    expect(Object.keys(schema.properties as object)).toEqual(['q']);
    expect(schema).not.toHaveProperty('required');
    expect(bindings).toEqual([{ argument: 'q', in: 'query', name: 'q' }]);
  });

  it('resolves a $ref parameter from components.parameters', () => {
    const components: Components = {
      parameters: { Limit: { name: 'limit', in: 'query', required: true, schema: { type: 'integer' } } },
    };
    const { schema, bindings } = build(
      operation({ parameters: [{ $ref: '#/components/parameters/Limit' }] }),
      components,
    );
    expect(schema.properties).toEqual({ limit: { type: 'integer', title: 'limit' } });
    expect(schema.required).toEqual(['limit']);
    expect(bindings).toEqual([{ argument: 'limit', in: 'query', name: 'limit' }]);
  });

  it('drops a $ref parameter that components do not define', () => {
    const { schema, bindings } = build(
      operation({ parameters: [{ $ref: '#/components/parameters/Missing' }, query('q')] }),
    );
    expect(Object.keys(schema.properties as object)).toEqual(['q']);
    expect(bindings).toHaveLength(1);
  });

  it("flattens an object body's properties into arguments, keeping its required list", () => {
    const { schema, bindings } = build(
      operation(
        jsonBody({
          type: 'object',
          properties: { name: { type: 'string' }, qty: { type: 'integer' }, note: { type: 'string' } },
          required: ['name', 'qty'],
        }),
      ),
    );
    expect(schema.properties).toEqual({
      name: { type: 'string', title: 'name' },
      qty: { type: 'integer', title: 'qty' },
      note: { type: 'string', title: 'note' },
    });
    expect(schema.required).toEqual(['name', 'qty']);
    expect(bindings).toEqual([
      { argument: 'name', in: 'body', name: 'name' },
      { argument: 'qty', in: 'body', name: 'qty' },
      { argument: 'note', in: 'body', name: 'note' },
    ]);
  });

  it('flattens a body with properties but no type', () => {
    const { bindings } = build(operation(jsonBody({ properties: { a: { type: 'string' } } })));
    expect(bindings).toEqual([{ argument: 'a', in: 'body', name: 'a' }]);
  });

  it('dereferences a $ref body and moves the refs inside it to $defs', () => {
    const components: Components = {
      schemas: {
        CreateItem: {
          type: 'object',
          properties: { name: { type: 'string' }, tag: { $ref: '#/components/schemas/Tag' } },
          required: ['tag'],
        },
        Tag: {
          type: 'object',
          properties: {
            label: { type: 'string', nullable: true },
            color: { $ref: '#/components/schemas/Color' },
          },
        },
        Color: { type: 'string', enum: ['red', 'blue'] },
      },
    };
    const { schema, bindings } = build(
      operation(jsonBody({ $ref: '#/components/schemas/CreateItem' })),
      components,
    );
    expect(schema.properties).toEqual({
      name: { type: 'string', title: 'name' },
      tag: { $ref: '#/$defs/Tag', title: 'tag' },
    });
    expect(schema.required).toEqual(['tag']);
    expect(schema.$defs).toEqual({
      Tag: {
        type: 'object',
        properties: { label: { type: ['string', 'null'] }, color: { $ref: '#/$defs/Color' } },
      },
      Color: { type: 'string', enum: ['red', 'blue'] },
    });
    expect(schema.$defs).not.toHaveProperty('CreateItem');
    expect(bindings.map((b) => b.name)).toEqual(['name', 'tag']);

    const validate = compile(schema);
    expect(validate({ tag: { label: null } })).toBe(true);
    expect(validate({ tag: { label: 3 } })).toBe(false);
    expect(validate({ tag: { color: 'red' } })).toBe(true);
    expect(validate({ tag: { color: 'green' } })).toBe(false);
    expect(validate({ name: 'x' })).toBe(false);
  });

  it('makes an array body one "body" argument bound to the whole body', () => {
    const { schema, bindings } = build(
      operation(jsonBody({ type: 'array', items: { type: 'integer' } }, true)),
    );
    expect(WHOLE_BODY_ARGUMENT).toBe('body');
    expect(schema.properties).toEqual({ body: { type: 'array', items: { type: 'integer' }, title: 'body' } });
    expect(schema.required).toEqual(['body']);
    expect(bindings).toHaveLength(1);
    expect(bindings[0]).toEqual({ argument: 'body', in: 'body' });
    expect(bindings[0]).not.toHaveProperty('name');
  });

  it('makes a primitive body one optional "body" argument when the body is not required', () => {
    const { schema, bindings } = build(operation(jsonBody({ type: 'string' })));
    expect(schema.properties).toEqual({ body: { type: 'string', title: 'body' } });
    expect(schema).not.toHaveProperty('required');
    expect(bindings).toEqual([{ argument: 'body', in: 'body' }]);
    expect(bindings[0]).not.toHaveProperty('name');
  });

  it('keeps a $ref to an array component as a whole-body reference into $defs', () => {
    const components: Components = {
      schemas: { Ids: { type: 'array', items: { type: 'string', format: 'uuid' } } },
    };
    const { schema, bindings } = build(operation(jsonBody({ $ref: '#/components/schemas/Ids' })), components);
    expect(schema.properties).toEqual({ body: { $ref: '#/$defs/Ids', title: 'body' } });
    expect(schema.$defs).toEqual({ Ids: { type: 'array', items: { type: 'string', format: 'uuid' } } });
    expect(bindings).toEqual([{ argument: 'body', in: 'body' }]);

    const validate = compile(schema);
    expect(validate({ body: ['6b7c8a2e-1f0a-4a4e-9a8b-0c1d2e3f4a5b'] })).toBe(true);
    expect(validate({ body: ['not-a-uuid'] })).toBe(false);
  });

  it('reads a JSON body from any +json media type, form and multipart bodies, and ignores others', () => {
    const vendor = build(
      operation({
        requestBody: {
          content: { 'application/vnd.api+json': { schema: { type: 'object', properties: { a: {} } } } },
        },
      }),
    );
    expect(vendor.bindings).toEqual([{ argument: 'a', in: 'body', name: 'a' }]);

    const multipart = build(
      operation({
        requestBody: {
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                properties: { note: { type: 'string' }, file: { type: 'string', format: 'binary' } },
              },
            },
          },
        },
      }),
    );
    expect(multipart.bodyEncoding).toBe('multipart');
    expect(multipart.bindings).toEqual([
      { argument: 'note', in: 'body', name: 'note' },
      { argument: 'file', in: 'body', name: 'file', file: true },
    ]);
    expect(multipart.schema.properties).toEqual({
      note: { type: 'string', title: 'note' },
      file: { ...FILE_SCHEMA, description: FILE_DESCRIPTION, title: 'file' },
    });

    const form = build(
      operation({
        requestBody: {
          content: {
            'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { q: {} } } },
          },
        },
      }),
    );
    expect(form.bodyEncoding).toBe('form');
    expect(form.bindings).toEqual([{ argument: 'q', in: 'body', name: 'q' }]);

    const other = build(
      operation({ requestBody: { content: { 'application/octet-stream': { schema: { type: 'string' } } } } }),
    );
    expect(other.bindings).toEqual([]);
    expect(other.bodyEncoding).toBe('json');
  });

  it('prefixes names contested by query and body with their location; bindings keep the HTTP name', () => {
    const { schema, bindings } = build(
      operation({
        parameters: [query('id'), path('id')],
        ...jsonBody({ type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] }),
      }),
    );
    expect(Object.keys(schema.properties as object)).toEqual(['id', 'query_id', 'body_id']);
    expect(schema.required).toEqual(['id', 'body_id']);
    expect(bindings).toEqual([
      { argument: 'id', in: 'path', name: 'id' },
      { argument: 'query_id', in: 'query', name: 'id' },
      { argument: 'body_id', in: 'body', name: 'id' },
    ]);
    const props = schema.properties as Record<string, JsonSchema>;
    expect(props.query_id.title).toBe('query_id');
    expect(props.body_id).toEqual({ type: 'integer', title: 'body_id' });
  });

  it('numbers a prefixed name when the prefixed name is taken too', () => {
    const { bindings } = build(operation({ parameters: [path('id'), query('query_id'), query('id')] }));
    expect(bindings).toEqual([
      { argument: 'id', in: 'path', name: 'id' },
      { argument: 'query_id', in: 'query', name: 'query_id' },
      { argument: 'query_id_2', in: 'query', name: 'id' },
    ]);
  });

  it('prefixes a whole-body argument that collides with a parameter named "body"', () => {
    const { bindings } = build(
      operation({ parameters: [query('body')], ...jsonBody({ type: 'array', items: {} }) }),
    );
    expect(bindings).toEqual([
      { argument: 'body', in: 'query', name: 'body' },
      { argument: 'body_body', in: 'body' },
    ]);
  });

  it('gives every property a title, keeping one the schema already has', () => {
    const { schema } = build(
      operation({
        parameters: [path('id'), query('q', { schema: { type: 'string', title: 'Search' } })],
        ...jsonBody({ type: 'object', properties: { name: { type: 'string' } } }),
      }),
    );
    const props = schema.properties as Record<string, JsonSchema>;
    expect(Object.values(props).every((p) => typeof p.title === 'string')).toBe(true);
    expect(props.id.title).toBe('id');
    expect(props.q.title).toBe('Search');
    expect(props.name.title).toBe('name');
  });

  it('has no required key when nothing is required and no $defs when there are no refs', () => {
    const { schema } = build(
      operation({
        parameters: [query('q')],
        ...jsonBody({ type: 'object', properties: { name: { type: 'string' } } }),
      }),
    );
    expect(schema).not.toHaveProperty('required');
    expect(schema).not.toHaveProperty('$defs');
  });

  it('collects refs reached from parameter schemas into $defs', () => {
    const components: Components = { schemas: { Sort: { type: 'string', enum: ['asc', 'desc'] } } };
    const { schema } = build(
      operation({ parameters: [query('sort', { schema: { $ref: '#/components/schemas/Sort' } })] }),
      components,
    );
    expect(schema.properties).toEqual({ sort: { $ref: '#/$defs/Sort', title: 'sort' } });
    expect(schema.$defs).toEqual({ Sort: { type: 'string', enum: ['asc', 'desc'] } });
  });

  it('produces a schema that Ajv 2020 compiles and that checks the arguments', () => {
    const { schema } = build(
      operation({
        parameters: [
          path('id', { type: 'integer' }),
          query('tags', { schema: { type: 'array', items: { type: 'string' } } }),
        ],
        ...jsonBody({
          type: 'object',
          properties: { name: { type: 'string', minLength: 1, example: 'x' }, price: { type: 'number' } },
          required: ['name'],
        }),
      }),
    );
    const validate = compile(schema);
    expect(validate({ id: 1, tags: ['a'], name: 'n', price: 2.5 })).toBe(true);
    expect(validate({ id: 1, name: 'n' })).toBe(true);
    expect(validate({ name: 'n' })).toBe(false);
    expect(validate({ id: 1 })).toBe(false);
    expect(validate({ id: 'one', name: 'n' })).toBe(false);
    expect(validate({ id: 1, name: '' })).toBe(false);
  });

  it('keeps arguments named like Object.prototype members as they are', () => {
    const input = build(
      operation({
        parameters: ['constructor', 'toString', '__proto__'].map((name) => ({
          name,
          in: 'query' as const,
          schema: { type: 'string' },
        })),
      }),
    );
    expect(Object.keys(input.schema.properties as object)).toEqual(['constructor', 'toString', '__proto__']);
    expect(Object.getPrototypeOf(input.schema.properties)).toBe(Object.prototype);
  });

  it('adds path parameters the document lacks and drops documented ones the path does not have', () => {
    const converter = new JsonSchemaConverter({});
    const input = buildToolInput(
      operation({ parameters: [{ name: '*', in: 'path', required: true, schema: { type: 'string' } }] }),
      {},
      converter,
      { pathParams: new Set(['path']) },
    );
    expect(input.schema).toEqual({
      type: 'object',
      properties: { path: { type: 'string', title: 'path' } },
      required: ['path'],
      additionalProperties: false,
    });
  });

  it('describes multipart file fields, single and in lists, as base64, a data: URL or a file object', () => {
    const { schema } = build(
      operation({
        requestBody: {
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                properties: {
                  avatar: { type: 'string', format: 'binary', description: 'Profile picture.' },
                  photos: { type: 'array', items: { type: 'string', format: 'binary' } },
                },
                required: ['avatar'],
              },
            },
          },
        },
      }),
    );
    const properties = schema.properties as Record<string, JsonSchema>;
    expect(properties.avatar).toEqual({
      ...FILE_SCHEMA,
      description: `Profile picture. ${FILE_DESCRIPTION}`,
      title: 'avatar',
    });
    expect(properties.photos).toEqual({
      type: 'array',
      items: { ...FILE_SCHEMA, description: FILE_DESCRIPTION },
      title: 'photos',
    });
    const validate = compile(schema);
    const png = 'iVBORw0KGgo=';
    for (const avatar of [
      png,
      `data:image/png;base64,${png}`,
      { data: png },
      { data: png, filename: 'a.png', contentType: 'image/png' },
    ]) {
      expect(validate({ avatar, photos: [avatar] })).toBe(true);
    }
    for (const avatar of [
      42,
      { filename: 'a.png' },
      { data: png, name: 'a.png' },
      { data: png, filename: '' },
    ]) {
      expect(validate({ avatar })).toBe(false);
    }
  });

  describe('unknown arguments', () => {
    const dto = { type: 'object', properties: { name: { type: 'string' } } };

    it('refuses them when the body documents its properties, or there is no body', () => {
      expect(request()(operation({ ...jsonBody(dto) })).schema.additionalProperties).toBe(false);
      expect(request()(operation({ parameters: [query('q')] })).schema.additionalProperties).toBe(false);
      expect(request()(operation({ ...jsonBody(dto) })).openBody).toBe(false);
    });

    it('allows them, for the body, when the handler reads a body the document does not describe', () => {
      const input = request()(operation({ parameters: [query('q')] }), true);
      expect(input.openBody).toBe(true);
      expect(input.undocumentedBody).toBe(true);
      // The model is told that extra arguments are welcome, and where they go.
      expect(input.schema.additionalProperties).toBe(true);
      expect(input.schema.description).toBe(
        'The request body is not documented: pass its fields as arguments.',
      );
    });

    it('allows them for a DTO without documented properties and for a bare object body', () => {
      const components = { schemas: { Plain: { type: 'object', properties: {} } } };
      const plain = request(components)(operation(jsonBody({ $ref: '#/components/schemas/Plain' })));
      expect(plain.openBody).toBe(true);
      expect(plain.bindings).toEqual([]);
      const bare = request()(operation(jsonBody({ type: 'object' })));
      expect(bare.openBody).toBe(true);
      expect(bare.schema.properties).toEqual({});
      for (const input of [plain, bare]) {
        expect(input.undocumentedBody).toBe(true);
        expect(input.schema.additionalProperties).toBe(true);
        expect(input.schema.description).toMatch(/not documented/);
      }
    });

    it('keeps a constrained object body closed: minProperties, required or propertyNames document it', () => {
      for (const constraint of [
        { minProperties: 1 },
        { required: ['a'] },
        { propertyNames: { type: 'string', pattern: '^a' } },
      ]) {
        const input = request()(operation(jsonBody({ type: 'object', ...constraint }, true)));
        expect(input.openBody).toBe(false);
        expect(input.undocumentedBody).toBe(false);
        expect(input.schema.properties).toEqual({
          [WHOLE_BODY_ARGUMENT]: { type: 'object', ...constraint, title: WHOLE_BODY_ARGUMENT },
        });
        expect(input.schema.required).toEqual([WHOLE_BODY_ARGUMENT]);
      }
      const validate = compile(request()(operation(jsonBody({ type: 'object', minProperties: 1 }))).schema);
      expect(validate({ body: {} })).toBe(false);
      expect(validate({ body: { a: 1 } })).toBe(true);
    });

    describe('with strict arguments', () => {
      const whole = {
        type: 'object',
        title: WHOLE_BODY_ARGUMENT,
        description:
          'The request body, as one object: the route does not document its fields (@ApiBody / @ApiProperty).',
      };

      it('takes an undocumented body as one object argument, so the route stays callable', () => {
        const undocumented = strict()(operation({ parameters: [query('q')] }), true);
        const bare = strict()(operation(jsonBody({ type: 'object' }, true)));
        const components = { schemas: { Plain: { type: 'object', properties: {} } } };
        const plain = strict(components)(operation(jsonBody({ $ref: '#/components/schemas/Plain' })));
        for (const input of [undocumented, bare, plain]) {
          expect(input.openBody).toBe(false);
          expect(input.undocumentedBody).toBe(true);
          expect(input.schema.additionalProperties).toBe(false);
          expect(input.bindings).toContainEqual({ argument: WHOLE_BODY_ARGUMENT, in: 'body' });
        }
        expect(undocumented.schema.properties).toEqual({ q: { type: 'string', title: 'q' }, body: whole });
        expect(bare.schema.properties).toEqual({ body: whole });
        expect(bare.schema.required).toEqual(['body']);
        expect(plain.schema.properties).toEqual({
          body: { $ref: '#/$defs/Plain', ...whole, type: undefined },
        });
        const validate = compile(bare.schema);
        expect(validate({ body: { anything: 1 } })).toBe(true);
        expect(validate({ body: 1 })).toBe(false);
      });

      it('leaves a route that reads no body without one', () => {
        const input = strict()(operation({ parameters: [query('q')] }), false);
        expect(input.undocumentedBody).toBe(false);
        expect(Object.keys(input.schema.properties as object)).toEqual(['q']);
      });
    });

    it("checks them against an open body's additionalProperties", () => {
      const open = { ...dto, additionalProperties: { type: 'integer' } };
      const input = request()(operation(jsonBody(open)));
      expect(input.openBody).toBe(true);
      expect(input.schema.additionalProperties).toEqual({ type: 'integer' });
      const validate = compile(input.schema);
      expect(validate({ name: 'a', count: 2 })).toBe(true);
      expect(validate({ name: 'a', count: 'x' })).toBe(false);
      const closed = request()(
        operation(jsonBody({ type: 'object', properties: {}, additionalProperties: false })),
      );
      expect(closed.openBody).toBe(false);
    });
  });

  it('makes one argument of a header documented more than once, in any case', () => {
    const { schema, bindings } = buildToolInput(
      operation({
        parameters: [
          { name: 'x-trace', in: 'header', required: true, schema: { type: 'string' } },
          {
            name: 'X-Trace',
            in: 'header',
            description: 'Trace id',
            schema: { type: 'string', minLength: 4 },
          },
        ],
      }),
      {},
      new JsonSchemaConverter({}),
      { headerArguments: true },
    );
    // The explicit @ApiHeader() entry's name and (absent) `required` win over @Headers()'s default.
    expect(schema.properties).toEqual({
      'X-Trace': { type: 'string', minLength: 4, description: 'Trace id', title: 'X-Trace' },
    });
    expect(schema.required).toBeUndefined();
    expect(bindings).toEqual([{ argument: 'X-Trace', in: 'header', name: 'X-Trace' }]);
  });

  it('keeps a header required when its explicit entry says so, whichever entry comes first', () => {
    const implicit = { name: 'x-trace', in: 'header' as const, required: true, schema: { type: 'string' } };
    for (const [explicit, required] of [
      [{ name: 'X-Trace', in: 'header' as const, schema: { type: 'string' } }, undefined],
      [
        {
          name: 'X-Trace',
          in: 'header' as const,
          required: true,
          description: 'Id',
          schema: { type: 'string' },
        },
        ['X-Trace'],
      ],
      [{ name: 'X-Trace', in: 'header' as const, required: false, schema: { type: 'string' } }, undefined],
    ] as const) {
      for (const parameters of [
        [implicit, explicit],
        [explicit, implicit],
      ]) {
        const { schema, bindings } = buildToolInput(
          operation({ parameters: parameters as ParameterObject[] }),
          {},
          new JsonSchemaConverter({}),
          { headerArguments: true },
        );
        expect(schema.required).toEqual(required);
        expect(bindings).toEqual([{ argument: 'X-Trace', in: 'header', name: 'X-Trace' }]);
      }
    }
  });

  it('lets a property documented as a bare object take any JSON value in a request', () => {
    const { schema } = buildToolInput(
      operation(jsonBody({ type: 'object', properties: { id: { type: 'object', description: 'The id.' } } })),
      {},
      new JsonSchemaConverter({}, 'request'),
    );
    expect(schema.properties).toEqual({
      id: {
        description:
          'The id. Any JSON value (documented only as an object, as Swagger documents `Object` and unions).',
        title: 'id',
      },
    });
    const validate = compile(schema);
    for (const id of [1, 'a', null, [1], { a: 1 }]) expect(validate({ id })).toBe(true);
  });
});
