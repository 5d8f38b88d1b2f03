import { encodeBody } from './body.encoder.js';

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

  it('writes multipart parts, files decoded from base64 and fields as text', () => {
    const { payload, contentType } = encodeBody('multipart', [
      { name: 'caption', value: 'Größe' },
      { name: 'file', value: Buffer.from([0, 255, 1]).toString('base64'), file: true },
    ]);
    const boundary = /boundary=(.+)$/.exec(contentType)![1];
    const body = (payload as Buffer).toString('latin1');
    expect(body.startsWith(`--${boundary}\r\nContent-Disposition: form-data; name="caption"\r\n\r\n`)).toBe(
      true,
    );
    expect(body).toContain(Buffer.from('Größe', 'utf8').toString('latin1'));
    expect(body).toContain(
      'Content-Disposition: form-data; name="file"; filename="file"\r\nContent-Type: application/octet-stream\r\n\r\n\u0000\u00ff\u0001\r\n',
    );
    expect(body.endsWith(`--${boundary}--\r\n`)).toBe(true);
  });
});
