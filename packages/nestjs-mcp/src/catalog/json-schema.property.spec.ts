import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { openApiComponents, openApiSchema } from '../../test/fixtures/openapi-arbitraries.js';
import { buildToolInput } from './input-schema.js';
import { JsonSchemaConverter, type JsonSchema } from './json-schema.js';

/** Strict Ajv 2020, as a careful client would run it; union types (`["string", "null"]`) are standard. */
function createStrictAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
  addFormats.default(ajv);
  // OpenAPI's own formats, which the server's validator knows too.
  for (const format of ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'custom-format']) {
    ajv.addFormat(format, true);
  }
  return ajv;
}

type Direction = 'request' | 'response' | 'any';
type ConverterOptions = ConstructorParameters<typeof JsonSchemaConverter>[2];
/** Every way the library builds a converter: output (tolerant or strict), request (lenient or strict). */
const converters = fc.constantFrom<[Direction, ConverterOptions]>(
  ['request', {}],
  ['request', { bareObjects: 'object' }],
  ['response', {}],
  ['response', { tolerant: true }],
  ['any', {}],
);

describe('OpenAPI → JSON Schema conversion (property-based)', () => {
  // One instance for all runs: compiling is what is checked, and adding formats per run is slow.
  const ajv = createStrictAjv();
  const strictAjv = () => ajv;

  it('never throws on random schemas and always compiles under strict Ajv 2020', () => {
    fc.assert(
      fc.property(
        openApiSchema,
        openApiComponents,
        converters,
        (schema, components, [direction, options]) => {
          const converter = new JsonSchemaConverter(components, direction, options);
          const converted = converter.convert(schema);
          const defs = converter.defs;
          const root: JsonSchema = Object.keys(defs).length > 0 ? { ...converted, $defs: defs } : converted;
          strictAjv().compile(root);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never mutates its input', () => {
    fc.assert(
      fc.property(openApiSchema, openApiComponents, (schema, components) => {
        const before = JSON.stringify([schema, components]);
        new JsonSchemaConverter(components, 'request').convert(schema);
        expect(JSON.stringify([schema, components])).toBe(before);
      }),
      { numRuns: 100 },
    );
  });

  it('makes tool input schemas that compile, whatever the body and parameters', () => {
    const parameter = fc.record({
      name: fc.constantFrom('id', 'q', 'page', 'body', 'x-trace', 'X-Trace'),
      in: fc.constantFrom('path', 'query', 'header'),
      required: fc.boolean(),
      schema: openApiSchema,
    });
    const mediaType = fc.constantFrom(
      'application/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
    );
    fc.assert(
      fc.property(
        fc.array(parameter, { maxLength: 4 }),
        fc.option(fc.tuple(mediaType, openApiSchema)),
        openApiComponents,
        fc.boolean(),
        fc.boolean(),
        (parameters, body, components, readsBody, strict) => {
          const operation = {
            responses: {},
            parameters,
            ...(body ? { requestBody: { content: { [body[0]]: { schema: body[1] } } } } : {}),
          };
          const input = buildToolInput(
            operation as never,
            { schemas: components } as never,
            new JsonSchemaConverter(components, 'request', { bareObjects: strict ? 'object' : 'any' }),
            { headerArguments: true, readsBody, strict },
          );
          strictAjv().compile(input.schema);
          expect(input.schema.type).toBe('object');
        },
      ),
      { numRuns: 200 },
    );
  });
});
