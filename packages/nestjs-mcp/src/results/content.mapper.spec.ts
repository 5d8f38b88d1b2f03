import type { DispatchResponse } from '../dispatch/http.dispatcher.js';
import { mapContent, type ContentOptions } from './content.mapper.js';

const options: ContentOptions = { maxBytes: 1024, resourceUri: 'mcp://tools/get_file/result' };
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n', 'latin1'),
  Buffer.from([0xe2, 0xe3, 0xcf, 0xd3, 0xff, 0x00]),
]);

function response(body: Buffer | string, contentType?: string | string[]): DispatchResponse {
  const headers = contentType === undefined ? {} : { 'content-type': contentType };
  return { statusCode: 200, headers, body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body };
}

function map(body: Buffer | string, contentType?: string | string[], maxBytes = options.maxBytes) {
  return mapContent(response(body, contentType), { ...options, maxBytes });
}

describe('mapContent', () => {
  it('maps an empty body to one empty text block, whatever the type', () => {
    for (const type of ['application/json', 'image/png', undefined]) {
      expect(map(Buffer.alloc(0), type)).toEqual({ content: [{ type: 'text', text: '' }], truncated: false });
    }
  });

  describe('JSON', () => {
    it('pretty-prints with 2 spaces, keeps non-ASCII and returns the parsed value', () => {
      const result = map('{"name":"Zürich 東京 🚀","tags":["a"]}', 'application/json; charset=utf-8');
      expect(result).toEqual({
        content: [{ type: 'text', text: '{\n  "name": "Zürich 東京 🚀",\n  "tags": [\n    "a"\n  ]\n}' }],
        json: { name: 'Zürich 東京 🚀', tags: ['a'] },
        truncated: false,
      });
    });

    it('treats application/problem+json and mixed-case types as JSON', () => {
      expect(map('{"title":"Gone"}', 'application/problem+json').json).toEqual({ title: 'Gone' });
      expect(map('[1]', 'Application/JSON').content).toEqual([{ type: 'text', text: '[\n  1\n]' }]);
    });

    it('returns invalid JSON as is, without json', () => {
      const result = map('{"id":1,', 'application/json');
      expect(result).toEqual({ content: [{ type: 'text', text: '{"id":1,' }], truncated: false });
      expect('json' in result).toBe(false);
    });

    it('parses a body that starts with a byte order mark', () => {
      expect(map('\uFEFF{"a":1}', 'application/json').json).toEqual({ a: 1 });
    });

    it('cuts an oversized body to raw text with a notice and no json', () => {
      const result = map('{"id":12345}', 'application/json', 5);
      expect(result.content).toEqual([
        { type: 'text', text: '{"id"' },
        {
          type: 'text',
          text: '[Response truncated: showed the first 5 of 12 bytes. Raise the McpModule "maxResponseBytes" option to see more.]',
        },
      ]);
      expect(result.truncated).toBe(true);
      expect(result.json).toBeUndefined();
    });
  });

  describe('text', () => {
    it.each(['text/plain', 'text/csv', 'application/xml', 'application/javascript', 'application/atom+xml'])(
      'decodes %s as UTF-8 text',
      (type) => {
        expect(map('a,b\né', type)).toEqual({
          content: [{ type: 'text', text: 'a,b\né' }],
          truncated: false,
        });
      },
    );

    it('keeps form-encoded bodies as text', () => {
      expect(map('a=1&b=2', 'application/x-www-form-urlencoded').content).toEqual([
        { type: 'text', text: 'a=1&b=2' },
      ]);
    });

    it('decodes with a latin1 or utf-16le charset, quoted or not', () => {
      const latin1 = Buffer.from('Café déjà', 'latin1');
      expect(map(latin1, 'text/plain; charset=ISO-8859-1').content).toEqual([
        { type: 'text', text: 'Café déjà' },
      ]);
      expect(map(latin1, 'text/plain; charset="latin1"').content).toEqual([
        { type: 'text', text: 'Café déjà' },
      ]);
      const utf16 = Buffer.from('héllo', 'utf16le');
      expect(map(utf16, 'text/plain;charset=UTF-16LE').content).toEqual([{ type: 'text', text: 'héllo' }]);
    });

    it('falls back to UTF-8 for a charset Buffer cannot decode', () => {
      expect(map('naïve', 'text/plain; charset=windows-1252').content).toEqual([
        { type: 'text', text: 'naïve' },
      ]);
    });

    it('cuts a multi-byte UTF-8 string back to a character boundary', () => {
      const body = 'ab€🚀'; // 2 + 3 + 4 bytes
      for (const [maxBytes, text] of [
        [3, 'ab'],
        [4, 'ab'],
        [5, 'ab€'],
        [8, 'ab€'],
      ] as const) {
        const result = map(body, 'text/plain; charset=utf-8', maxBytes);
        expect(result.content[0]).toEqual({ type: 'text', text });
        expect(result.content[0]).not.toMatchObject({ text: expect.stringContaining('\uFFFD') });
        expect(result.content[1]).toEqual({
          type: 'text',
          text: `[Response truncated: showed the first ${maxBytes} of 9 bytes. Raise the McpModule "maxResponseBytes" option to see more.]`,
        });
        expect(result.truncated).toBe(true);
      }
    });

    it('does not split a UTF-16 code unit or surrogate pair', () => {
      const body = Buffer.from('a🚀b', 'utf16le'); // 2 + 4 + 2 bytes
      expect(map(body, 'text/plain; charset=utf-16le', 5).content[0]).toEqual({ type: 'text', text: 'a' });
      expect(map(body, 'text/plain; charset=utf-16le', 7).content[0]).toEqual({ type: 'text', text: 'a🚀' });
    });

    it('formats large byte counts as plain integers', () => {
      const result = map('x'.repeat(12345), 'text/plain', 1000);
      expect(result.content[1]).toMatchObject({ text: expect.stringContaining('first 1000 of 12345 bytes') });
    });

    it('reads a content type given as an array', () => {
      expect(map('{"a":1}', ['application/json', 'text/plain']).json).toEqual({ a: 1 });
    });

    it('treats image/svg+xml as text, since it is XML', () => {
      expect(map('<svg/>', 'image/svg+xml').content).toEqual([{ type: 'text', text: '<svg/>' }]);
    });

    it('sniffs the body when the content type is not a media type', () => {
      expect(map('hi', 'nonsense').content).toEqual([{ type: 'text', text: 'hi' }]);
      expect(map(PNG, '').content[0]).toMatchObject({ resource: { mimeType: 'application/octet-stream' } });
    });

    it('treats a missing content type over valid UTF-8 as text', () => {
      expect(map('plain ✓')).toEqual({ content: [{ type: 'text', text: 'plain ✓' }], truncated: false });
    });
  });

  describe('binary', () => {
    it('returns an image as base64 with its mime type, without parameters', () => {
      expect(map(PNG, 'IMAGE/PNG; q=1')).toEqual({
        content: [{ type: 'image', data: PNG.toString('base64'), mimeType: 'image/png' }],
        truncated: false,
      });
    });

    it.each(['audio/wav', 'audio/mpeg'])('returns %s as an audio block', (type) => {
      const bytes = Buffer.from([0x52, 0x49, 0x46, 0x46, 0xff, 0xfb, 0x90, 0x00]);
      expect(map(bytes, type).content).toEqual([
        { type: 'audio', data: bytes.toString('base64'), mimeType: type },
      ]);
    });

    it('returns a PDF as a resource blob whose base64 round-trips', () => {
      const result = map(PDF, 'application/pdf');
      expect(result.content).toEqual([
        {
          type: 'resource',
          resource: { uri: options.resourceUri, mimeType: 'application/pdf', blob: expect.any(String) },
        },
      ]);
      const [block] = result.content;
      if (block.type !== 'resource' || !('blob' in block.resource))
        throw new Error('expected a blob resource');
      expect(Buffer.from(block.resource.blob, 'base64').equals(PDF)).toBe(true);
    });

    it('treats a missing content type over non-UTF-8 bytes as application/octet-stream', () => {
      expect(map(PNG).content).toEqual([
        {
          type: 'resource',
          resource: {
            uri: options.resourceUri,
            mimeType: 'application/octet-stream',
            blob: PNG.toString('base64'),
          },
        },
      ]);
    });

    it.each([
      ['image/png', PNG],
      ['audio/mpeg', PNG],
      ['application/pdf', PDF],
    ])('leaves out an oversized %s body, with a notice', (type, body) => {
      expect(map(body, type, 4)).toEqual({
        content: [
          {
            type: 'text',
            text: `[Response of ${body.length} bytes (${type}) not included: larger than the 4-byte limit. Raise the McpModule "maxResponseBytes" option to receive it.]`,
          },
        ],
        truncated: true,
      });
    });

    it('includes a body of exactly maxBytes', () => {
      expect(map(PNG, 'image/png', PNG.length).truncated).toBe(false);
    });
  });
});

/** A response whose body the dispatcher stopped reading past the cap; `size` is the declared size. */
function partial(body: Buffer, contentType: string, size?: number): DispatchResponse {
  return {
    statusCode: 200,
    headers: { 'content-type': contentType },
    body,
    partial: size === undefined ? {} : { size },
  };
}

describe('a body the dispatcher stopped reading past the cap (partial)', () => {
  it('names the declared size of a cut text', () => {
    const mapped = mapContent(partial(Buffer.alloc(11, 'a'), 'text/plain', 5000), {
      ...options,
      maxBytes: 10,
    });
    expect(mapped.content).toEqual([
      { type: 'text', text: 'a'.repeat(10) },
      { type: 'text', text: expect.stringContaining('showed the first 10 of 5000 bytes') },
    ]);
  });

  it('says "more than" the cap when the size was not declared', () => {
    const text = mapContent(partial(Buffer.alloc(11, 'a'), 'text/plain'), { ...options, maxBytes: 10 });
    expect(text.content[1]).toEqual({
      type: 'text',
      text: expect.stringContaining('showed the first 10 of more than 10 bytes'),
    });
    const binary = mapContent(partial(Buffer.alloc(11), 'application/pdf'), { ...options, maxBytes: 10 });
    expect(binary).toEqual({
      content: [
        { type: 'text', text: expect.stringContaining('Response of more than 10 bytes (application/pdf)') },
      ],
      truncated: true,
    });
  });
});
