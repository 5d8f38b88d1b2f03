import { encodeBody, type BodyField } from './body.encoder.js';
import { ArgumentValueError } from './request.builder.js';

describe('encodeBody', () => {
  it('writes JSON fields as an object and a whole body as itself, null included', () => {
    expect(encodeBody('json', [{ name: 'a', value: 1 }])).toEqual({
      payload: '{"a":1}',
      contentType: 'application/json',
    });
    expect(encodeBody('json', [], { value: null }).payload).toBe('null');
    expect(encodeBody('json', []).payload).toBe('{}');
  });

  it('url-encodes lists as repeated keys and objects in bracket notation', () => {
    const { payload, contentType } = encodeBody('form', [
      { name: 'user', value: 'ada lovelace' },
      { name: 'remember', value: true },
      { name: 'tags', value: ['a', 'b'] },
      { name: 'address', value: { city: 'Paris', geo: { lat: 1 } } },
      { name: 'skipped', value: null },
    ]);
    expect(contentType).toBe('application/x-www-form-urlencoded');
    expect(decodeURIComponent(String(payload))).toBe(
      'user=ada+lovelace&remember=true&tags=a&tags=b&address[city]=Paris&address[geo][lat]=1',
    );
  });

  it('writes multipart parts, files with their name and media type and fields as text', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 255]);
    const { payload, contentType } = encodeBody('multipart', [
      { name: 'caption', value: 'Größe' },
      { name: 'file', value: { data: png, filename: 'chart.png', contentType: 'image/png' }, file: true },
    ]);
    const boundary = /boundary=(.+)$/.exec(contentType)![1];
    const body = (payload as Buffer).toString('latin1');
    expect(body.startsWith(`--${boundary}\r\nContent-Disposition: form-data; name="caption"\r\n\r\n`)).toBe(
      true,
    );
    expect(body).toContain(Buffer.from('Größe', 'utf8').toString('latin1'));
    expect(body).toContain(
      `Content-Disposition: form-data; name="file"; filename="chart.png"\r\nContent-Type: image/png\r\n\r\n${png.toString('latin1')}\r\n`,
    );
    expect(body.endsWith(`--${boundary}--\r\n`)).toBe(true);
  });

  it('writes one part per file of a list, and a non-ASCII name also as filename*', () => {
    const { payload } = encodeBody('multipart', [
      {
        name: 'docs',
        value: [
          { data: Buffer.from('a'), filename: 'résumé "final".txt', contentType: 'text/plain' },
          { data: Buffer.from('b'), filename: 'b.txt', contentType: 'text/plain' },
        ],
        file: true,
      },
    ]);
    const body = (payload as Buffer).toString('utf8');
    expect(body).toContain(
      `name="docs"; filename="r_sum_ %22final%22.txt"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22final%22.txt\r\n`,
    );
    expect(body).toContain('name="docs"; filename="b.txt"\r\nContent-Type: text/plain\r\n\r\nb\r\n');
  });

  it('sends a bare string file value as base64 content', () => {
    const { payload } = encodeBody('multipart', [
      { name: 'file', value: Buffer.from([0, 255, 1]).toString('base64'), file: true },
    ]);
    expect((payload as Buffer).toString('latin1')).toContain(
      'name="file"; filename="file"\r\nContent-Type: application/octet-stream\r\n\r\n\u0000\u00ff\u0001\r\n',
    );
  });
});

/** The message of the ArgumentValueError that encoding these fields throws. */
const refusal = (fields: BodyField[]): string => {
  const error = (() => {
    try {
      encodeBody('multipart', fields);
    } catch (thrown) {
      return thrown;
    }
  })();
  // The invoker turns ArgumentValueErrors into input validation errors.
  expect(error).toBeInstanceOf(ArgumentValueError);
  return (error as Error).message;
};
const file = (filename: string, contentType = 'text/plain') => ({
  data: Buffer.from('a'),
  filename,
  contentType,
});

describe('encodeBody: multipart part headers', () => {
  it('refuses a field name an HTTP header could not carry, naming the argument', () => {
    // Open-body extra arguments become part names as the caller spelled them.
    for (const name of ['a\u0000b', 'a\r\nX-Evil: 1', 'a\nb', 'a\u007fb', 'a\u001bb']) {
      expect(refusal([{ name, value: 'x' }])).toBe(
        `${JSON.stringify(name)} cannot be sent as a multipart/form-data field name: it must not contain ` +
          'line breaks, NUL or other control characters',
      );
    }
  });

  it('refuses a file name or media type an HTTP header could not carry, naming the argument', () => {
    expect(refusal([{ name: 'doc', argument: 'body_doc', value: file('a\u0000.txt'), file: true }])).toMatch(
      /^body_doc\.filename cannot be sent as a multipart\/form-data file name: it must not contain line breaks/,
    );
    expect(
      refusal([
        { name: 'doc', value: [file('a.txt'), file('b.txt', 'text/plain\r\n\r\ninjected')], file: true },
      ]),
    ).toMatch(
      /^doc\.1\.contentType cannot be sent as a multipart\/form-data media type: it must not contain/,
    );
  });

  it('escapes quotes and keeps tabs and non-ASCII text in names', () => {
    const { payload } = encodeBody('multipart', [
      { name: 'say "hi"\there', value: 'x' },
      { name: '名前', value: 'y' },
    ]);
    const body = (payload as Buffer).toString('utf8');
    expect(body).toContain('Content-Disposition: form-data; name="say %22hi%22\there"\r\n\r\nx\r\n');
    expect(body).toContain('Content-Disposition: form-data; name="名前"\r\n\r\ny\r\n');
  });
});
