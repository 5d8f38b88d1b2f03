import type { Tool } from '../catalog/tool.js';
import type { MappedResponse } from './result.mapper.js';
import { withStructuredOutput, type OutputCheck } from './structured-output.js';

const tool: Tool = {
  name: 'create_user',
  description: 'Creates a user',
  inputSchema: { type: 'object' },
  annotations: {},
  output: { schema: { type: 'object' }, wrapped: false },
  endpoint: { method: 'POST', pathTemplate: '/users', bindings: [], bodyEncoding: 'json' },
  source: 'UsersController.create (POST /users)',
};

const text = (value: string) => ({ type: 'text' as const, text: value });
const matches: OutputCheck = () => undefined;
const requiresId: OutputCheck = (_tool, value) =>
  (value as Record<string, unknown>).id === undefined
    ? 'response: missing required property "id"'
    : undefined;
const RAN =
  'Error calling create_user: UsersController.create (POST /users) answered 201, so the operation ran: ';

describe('withStructuredOutput', () => {
  it('passes a matching JSON body on as structuredContent, wrapping arrays as items', () => {
    const mapped: MappedResponse = { result: { content: [text('{"id":1}')] }, status: 201, json: { id: 1 } };
    expect(withStructuredOutput(tool, mapped, matches, 100)).toEqual({
      content: [text('{"id":1}')],
      structuredContent: { id: 1 },
    });
    const list = { ...tool, output: { schema: { type: 'object' }, wrapped: true } };
    expect(withStructuredOutput(list, { ...mapped, json: [1] }, matches, 100).structuredContent).toEqual({
      items: [1],
    });
  });

  it('gives an empty response {} as structuredContent when the schema accepts it', () => {
    const mapped: MappedResponse = { result: { content: [text('empty')] }, status: 200, empty: true };
    expect(withStructuredOutput(tool, mapped, matches, 100)).toEqual({
      content: [text('empty')],
      structuredContent: {},
    });
  });

  it('makes an empty response an error that says the operation ran when the schema requires properties', () => {
    const mapped: MappedResponse = { result: { content: [text('empty')] }, status: 201, empty: true };
    const result = withStructuredOutput(tool, mapped, requiresId, 100);
    expect(result.isError).toBe(true);
    expect(result.content).toEqual([
      text(
        `${RAN}do not repeat the call. This is an error result only because its empty response does not ` +
          'match the output schema: response: missing required property "id". Fix the route or its response ' +
          'decorator (@ApiOkResponse, @ApiCreatedResponse), or turn structured output off (McpModule option ' +
          'structuredOutput: false). Response: empty',
      ),
    ]);
  });

  it('says the operation ran when the body is too large or not JSON, and shows what came', () => {
    const cut: MappedResponse = {
      result: { content: [text('{"id":'), text('[Response truncated …]')] },
      status: 201,
      truncated: true,
    };
    const large = withStructuredOutput(tool, cut, matches, 6).content[0] as { text: string };
    expect(large.text).toContain(`${RAN}do not repeat the call.`);
    expect(large.text).toContain('larger than the 6-byte limit');
    expect(large.text).toContain('"maxResponseBytes"');
    expect(large.text).toMatch(/Response: \{"id":\n\[Response truncated …\]$/);

    const image: MappedResponse = {
      result: { content: [{ type: 'image', data: 'AA==', mimeType: 'image/png' }] },
      status: 201,
    };
    const binary = withStructuredOutput(tool, image, matches, 100);
    expect(binary.isError).toBe(true);
    expect((binary.content[0] as { text: string }).text).toMatch(
      /did not return JSON\. .* Response: \[image content\]$/,
    );
  });

  it('words the error for a read without "do not repeat": a GET, a HEAD or a read-only tool', () => {
    const get: Tool = {
      ...tool,
      name: 'list_users',
      endpoint: { ...tool.endpoint, method: 'GET' },
      source: 'UsersController.list (GET /users)',
    };
    const mapped: MappedResponse = { result: { content: [text('{}')] }, status: 200, json: {} };
    expect(withStructuredOutput(get, mapped, requiresId, 100).content).toEqual([
      text(
        'Error calling list_users: UsersController.list (GET /users) answered 200, but this is an error ' +
          'result because its response does not match the output schema: response: missing required ' +
          'property "id". Fix the route or its response decorator (@ApiOkResponse, @ApiCreatedResponse), or ' +
          'turn structured output off (McpModule option structuredOutput: false). Response: {}',
      ),
    ]);
    const cut: MappedResponse = { result: { content: [text('[1,')] }, status: 200, truncated: true };
    const large = (withStructuredOutput(get, cut, matches, 3).content[0] as { text: string }).text;
    expect(large).toContain('answered 200, but this is an error result because its response is larger');
    expect(large).toContain("page the route's results");
    for (const read of [
      { ...get, endpoint: { ...get.endpoint, method: 'HEAD' } },
      { ...tool, annotations: { readOnlyHint: true } },
    ]) {
      const message = (withStructuredOutput(read, mapped, requiresId, 100).content[0] as { text: string })
        .text;
      expect(message).toContain(', but this is an error result because');
      expect(message).not.toContain('do not repeat');
    }
  });

  it('leaves error results and tools without an output schema alone', () => {
    const failed: MappedResponse = { result: { content: [text('no')], isError: true }, status: 400 };
    expect(withStructuredOutput(tool, failed, requiresId, 100)).toBe(failed.result);
    const plain: MappedResponse = { result: { content: [text('x')] }, status: 200, empty: true };
    expect(withStructuredOutput({ ...tool, output: undefined }, plain, requiresId, 100)).toBe(plain.result);
  });
});
