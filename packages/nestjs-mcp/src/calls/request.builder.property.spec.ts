import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { openApiComponents, openApiSchema } from '../../test/fixtures/openapi-arbitraries.js';
import { valueFor } from '../../test/fixtures/json-value.arbitrary.js';
import { buildToolInput } from '../catalog/input-schema.js';
import { JsonSchemaConverter, type JsonSchema } from '../catalog/json-schema.js';
import { parseRoutePath } from '../discovery/route-paths.js';
import { normalizeArguments } from './argument-normalizer.js';
import { ArgumentValueError, buildRequest } from './request.builder.js';

const TEMPLATES = ['/things/:id', '/a/:x/b/:y', '/files/*path', '/opt{/:maybe}', '/plain'];
const pathSchema = fc.constantFrom<JsonSchema>(
  { type: 'string' },
  { type: 'integer' },
  { type: 'number' },
  { type: 'boolean' },
  { type: 'string', enum: ['a', 'b c', '..'] },
  { type: 'array', items: { type: 'string' } },
);
const mediaType = fc.constantFrom(
  'application/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
);

describe('buildRequest (property-based)', () => {
  const ajv = new Ajv2020({ strict: false });
  addFormats.default(ajv);
  for (const format of ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'custom-format']) {
    ajv.addFormat(format, true);
  }

  it('builds a request, or refuses with an input error, for any arguments valid against the input schema', () => {
    let built = 0;
    let checked = 0;
    const tools = fc
      .record({
        template: fc.constantFrom(...TEMPLATES),
        pathSchemas: fc.array(pathSchema, { minLength: 2, maxLength: 2 }),
        query: fc.array(fc.tuple(fc.constantFrom('q', 'page', 'id', 'tags'), openApiSchema), {
          maxLength: 3,
        }),
        header: fc.option(fc.constantFrom<JsonSchema>({ type: 'string' }, { type: 'integer' })),
        body: fc.option(fc.tuple(mediaType, openApiSchema)),
        components: openApiComponents,
        readsBody: fc.boolean(),
      })
      .map(({ template, pathSchemas, query, header, body, components, readsBody }) => {
        const params = [...parseRoutePath(template).params];
        const parameters = [
          ...params.map((name, index) => ({ name, in: 'path', required: true, schema: pathSchemas[index] })),
          ...query.map(([name, schema]) => ({ name, in: 'query', schema })),
          ...(header ? [{ name: 'X-Trace', in: 'header', required: true, schema: header }] : []),
        ];
        const operation = {
          responses: {},
          parameters,
          ...(body ? { requestBody: { content: { [body[0]]: { schema: body[1] } } } } : {}),
        };
        const input = buildToolInput(
          operation as never,
          { schemas: components } as never,
          new JsonSchemaConverter(components, 'request'),
          { headerArguments: true, readsBody, pathParams: new Set(params) },
        );
        return { template, input };
      });
    const cases = tools.chain(({ template, input }) =>
      valueFor(input.schema, (input.schema.$defs ?? {}) as Record<string, JsonSchema>).map((args) => ({
        template,
        input,
        args: args as Record<string, unknown>,
      })),
    );
    fc.assert(
      fc.property(cases, ({ template, input, args }) => {
        checked++;
        if (!ajv.validate(input.schema, args)) return;
        const endpoint = {
          method: 'POST',
          pathTemplate: template,
          bindings: input.bindings,
          bodyEncoding: input.bodyEncoding,
          ...(input.openBody ? { openBody: true } : {}),
        };
        let request;
        try {
          request = buildRequest(
            endpoint,
            normalizeArguments({ endpoint, inputSchema: input.schema } as never, args),
            { headers: {} },
            new Set(),
          );
        } catch (error) {
          if (error instanceof ArgumentValueError) return;
          throw error;
        }
        built++;
        const url = new URL(request.url, 'http://localhost');
        // The request stays on the route's own path: the literal start of the template is kept.
        expect(url.pathname.startsWith(template.split(/[:*{]/)[0].replace(/\/$/, ''))).toBe(true);
        expect(url.pathname).not.toMatch(/\/\/|\/\.\.?(\/|$)/);
        if (request.headers['content-type'] === 'application/json') {
          expect(() => JSON.parse(request.payload as string)).not.toThrow();
        }
      }),
      { numRuns: 200 },
    );
    // Most generated arguments are valid: the property was not checked vacuously.
    expect(built).toBeGreaterThan(checked / 4);
  });
});
