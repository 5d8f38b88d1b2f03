import { jest } from '@jest/globals';
import fc from 'fast-check';
import { openApiComponents, openApiSchema } from '../../test/fixtures/openapi-arbitraries.js';
import { valueFor } from '../../test/fixtures/json-value.arbitrary.js';
import { buildToolInput } from '../catalog/input-schema.js';
import { JsonSchemaConverter, type JsonSchema } from '../catalog/json-schema.js';
import type { Tool, ToolEndpoint } from '../catalog/tool.js';
import { parseRoutePath } from '../discovery/route-paths.js';
import { normalizeArguments } from './argument-normalizer.js';
import { FileArgumentError, readFileArguments } from './file-argument.js';
import { ArgumentValueError, buildRequest } from './request.builder.js';
import { SchemaValidator } from './schema.validator.js';

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
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
/** What `validateHeaderValue` refuses: anything but tab, visible ASCII and Latin-1. */
const NOT_A_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

function text(value: unknown): string {
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * The arguments the request builder refuses by design (README, "Input schema"), worked out independently:
 * `certain` ones must be refused; `possible` ones may be (a `null` for an optional path group is just left
 * out; a file argument's content is checked when it is read).
 */
function documentedRefusals(endpoint: ToolEndpoint, args: Record<string, unknown>) {
  const certain = new Set<string>();
  const possible = new Set<string>();
  const { wildcards } = parseRoutePath(endpoint.pathTemplate);
  for (const binding of endpoint.bindings) {
    if (!Object.hasOwn(args, binding.argument)) continue;
    const value = args[binding.argument];
    if (binding.file) possible.add(binding.argument);
    if (value === undefined) continue;
    if (binding.in === 'path') {
      if (value === null) {
        possible.add(binding.argument);
        continue;
      }
      const segments = wildcards.has(binding.name!)
        ? Array.isArray(value)
          ? value.map(text)
          : text(value).split('/')
        : [text(value)];
      const shapeChanging = segments.length === 0 || segments.some((s) => ['', '.', '..'].includes(s));
      if (shapeChanging || segments.some((s) => LONE_SURROGATE.test(s))) certain.add(binding.argument);
    } else if (binding.in === 'header' && value !== null) {
      if (NOT_A_HEADER_VALUE.test(text(value))) certain.add(binding.argument);
    } else if (binding.in === 'query' && value !== null) {
      const items = Array.isArray(value) ? value : [value];
      if (items.some((item) => LONE_SURROGATE.test(text(item)))) certain.add(binding.argument);
    }
  }
  return { certain, possible };
}

describe('buildRequest (property-based)', () => {
  // Ajv warns once per unknown format (`custom-format`), as it would at runtime; not what is checked here.
  beforeAll(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  it('builds a request for any arguments valid after normalization, refusing only documented values', async () => {
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
        strict: fc.boolean(),
      })
      .map(({ template, pathSchemas, query, header, body, components, readsBody, strict }) => {
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
        // As `createTool` builds it, with or without `strictArguments`.
        const input = buildToolInput(
          operation as never,
          { schemas: components } as never,
          new JsonSchemaConverter(components, 'request', { bareObjects: strict ? 'object' : 'any' }),
          { headerArguments: true, readsBody, pathParams: new Set(params), strict },
        );
        const tool: Tool = {
          name: 'tool',
          description: '',
          inputSchema: input.schema,
          annotations: {},
          endpoint: {
            method: 'POST',
            pathTemplate: template,
            bindings: input.bindings,
            bodyEncoding: input.bodyEncoding,
            ...(input.openBody ? { openBody: true } : {}),
          },
          source: 'Things.call (POST /things)',
        };
        return { template, tool, strict };
      });
    const cases = tools.chain(({ template, tool, strict }) =>
      valueFor(tool.inputSchema, (tool.inputSchema.$defs ?? {}) as Record<string, JsonSchema>).map(
        (args) => ({ template, tool, strict, args: args as Record<string, unknown> }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ({ template, tool, strict, args }) => {
        checked++;
        // The runtime's order (ToolInvoker): normalize, validate with its validator, read files, build.
        const input = strict ? args : normalizeArguments(tool, args);
        if (!new SchemaValidator().validateArguments(tool, input).valid) return;
        const { certain, possible } = documentedRefusals(tool.endpoint, input);
        let request;
        try {
          request = buildRequest(
            tool.endpoint,
            await readFileArguments(tool.endpoint, input),
            { headers: {} },
            new Set(),
          );
        } catch (error) {
          expect(error).toBeInstanceOf(ArgumentValueError);
          const message = (error as Error).message;
          // A file argument's object form names the property at fault: `body.data is not valid base64`.
          const refused = [...certain, ...possible].filter(
            (name) => message.startsWith(`${name} `) || message.startsWith(`${name}.`),
          );
          // The refusal names an argument whose value is one the README says is refused.
          expect({ message, refused: refused.length > 0 }).toEqual({ message, refused: true });
          if (error instanceof FileArgumentError) {
            expect(tool.endpoint.bindings.some((b) => b.file && refused.includes(b.argument))).toBe(true);
          }
          return;
        }
        expect([...certain]).toEqual([]);
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
    // Most generated arguments are valid and buildable: the property was not checked vacuously.
    expect(built).toBeGreaterThan(checked / 4);
  });
});
