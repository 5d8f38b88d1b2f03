import type { DispatchResponse } from '../dispatch/http.dispatcher.js';
import { mapResponse } from './result.mapper.js';

function response(
  statusCode: number,
  body: string,
  headers: DispatchResponse['headers'] = {},
): DispatchResponse {
  return { statusCode, headers, body: Buffer.from(body, 'utf8') };
}

const json = { 'content-type': 'application/json; charset=utf-8' };

const options = { maxBytes: 1024 * 1024, resourceUri: 'nestjs-mcp://test' };
type TextResult = { content: Array<{ type: string; text: string }>; isError?: boolean };
const map = (...args: [string, DispatchResponse]) => mapResponse(...args, options).result as TextResult;

/** What an empty success maps to. */
const empty = (status: number) => ({
  result: {
    content: [{ type: 'text', text: `The route answered ${status} with an empty response (no content).` }],
  },
  status,
  empty: true,
});

describe('mapResponse', () => {
  it('pretty-prints a JSON body with 2 spaces', () => {
    const result = map('get_item', response(200, '{"id":1,"tags":["a"]}', json));
    expect(result).toEqual({
      content: [{ type: 'text', text: '{\n  "id": 1,\n  "tags": [\n    "a"\n  ]\n}' }],
    });
    expect(result.isError).toBeUndefined();
  });

  it('keeps non-ASCII characters as they are', () => {
    const result = map('t', response(200, '{"name":"Zürich 東京 🚀","esc":"\\u00e9"}', json));
    expect(result.content[0].text).toBe('{\n  "name": "Zürich 東京 🚀",\n  "esc": "é"\n}');
  });

  it('pretty-prints application/problem+json and other +json types, whatever the case', () => {
    const body = '{"title":"Not here"}';
    const pretty = '{\n  "title": "Not here"\n}';
    expect(
      map('t', response(200, body, { 'content-type': 'application/problem+json' })).content[0].text,
    ).toBe(pretty);
    expect(
      map('t', response(200, body, { 'content-type': 'application/vnd.api+json' })).content[0].text,
    ).toBe(pretty);
    expect(map('t', response(200, body, { 'content-type': 'Application/JSON' })).content[0].text).toBe(
      pretty,
    );
  });

  it('pretty-prints JSON scalars and arrays', () => {
    expect(map('t', response(200, '[1,2]', json)).content[0].text).toBe('[\n  1,\n  2\n]');
    expect(map('t', response(200, '"plain"', json)).content[0].text).toBe('"plain"');
  });

  it('returns invalid JSON with a JSON content type as is', () => {
    const result = map('t', response(200, '{not json', json));
    expect(result).toEqual({ content: [{ type: 'text', text: '{not json' }] });
  });

  it('returns text as is, even when it looks like JSON', () => {
    expect(map('t', response(200, 'héllo\n  world', { 'content-type': 'text/plain' })).content[0].text).toBe(
      'héllo\n  world',
    );
    expect(map('t', response(200, '{"a":1}', { 'content-type': 'text/html' })).content[0].text).toBe(
      '{"a":1}',
    );
    expect(map('t', response(200, '{"a":1}')).content[0].text).toBe('{"a":1}');
  });

  it('does not treat a type that merely contains "json" as JSON', () => {
    expect(map('t', response(200, '{"a":1}', { 'content-type': 'application/jsonl' })).content[0].text).toBe(
      '{"a":1}',
    );
  });

  it('says a success without content is empty: an empty body, or JSON null as Fastify sends it', () => {
    expect(mapResponse('t', response(204, '', json), options)).toEqual(empty(204));
    expect(mapResponse('t', response(200, ''), options)).toEqual(empty(200));
    expect(mapResponse('t', response(201, 'null', json), options)).toEqual(empty(201));
    expect(mapResponse('t', response(200, ' null\n', json), options)).toEqual(empty(200));
  });

  it('keeps null as text when it is not JSON, and JSON values that are merely falsy', () => {
    expect(map('t', response(200, 'null', { 'content-type': 'text/plain' })).content[0].text).toBe('null');
    expect(mapResponse('t', response(200, '0', json), options)).toMatchObject({ json: 0, status: 200 });
    expect(mapResponse('t', response(200, '{}', json), options).empty).toBeUndefined();
  });

  it('turns a status of 400 or more into an error naming the tool, the status and the raw body', () => {
    const result = map('create_item', response(400, '{"message":["name must be a string"]}', json));
    expect(result).toEqual({
      content: [
        {
          type: 'text',
          text: 'Error calling create_item. Status code: 400. Response: {"message":["name must be a string"]}',
        },
      ],
      isError: true,
    });
  });

  it('reports a 5xx with a text or empty body', () => {
    expect(map('t', response(503, 'down', { 'content-type': 'text/plain' }))).toEqual({
      content: [{ type: 'text', text: 'Error calling t. Status code: 503. Response: down' }],
      isError: true,
    });
    expect(map('t', response(500, '')).content[0].text).toBe('Error calling t. Status code: 500. Response: ');
  });

  it('does not treat a 3xx or a 399 as an error, and says where a redirect points', () => {
    const redirect = map('t', response(302, 'Found. Redirecting to /x', { location: '/x' }));
    expect(redirect.isError).toBeUndefined();
    expect(redirect.content.map((block) => block.text)).toEqual([
      'Redirect: status 302, Location: /x',
      'Found. Redirecting to /x',
    ]);
    const bare = map('t', response(301, '', { location: 'https://example.com/' }));
    expect(bare.content).toEqual([
      { type: 'text', text: 'Redirect: status 301, Location: https://example.com/' },
    ]);
    expect(map('t', response(399, '')).isError).toBeUndefined();
  });

  it('passes JSON on as it came when pretty-printing would change a number', () => {
    const raw = '{"id":12345678901234567890,"price":1.10}';
    expect(map('t', response(200, raw, json)).content[0].text).toBe(raw);
    expect(map('t', response(200, '{"n":1.5,"m":-2e3}', json)).content[0].text).toBe(
      '{\n  "n": 1.5,\n  "m": -2000\n}',
    );
  });
});
