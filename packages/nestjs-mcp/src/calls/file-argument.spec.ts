import type { ArgumentBinding, ToolEndpoint } from '../catalog/tool.js';
import { FileArgumentError, readFileArguments } from './file-argument.js';
import { ArgumentValueError } from './request.builder.js';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n', 'latin1');
const BINARY = Buffer.from([0, 1, 2, 3, 250, 251, 252]);

const fileArg = (argument: string, name = argument): ArgumentBinding => ({
  argument,
  in: 'body',
  name,
  file: true,
});
const upload: ToolEndpoint = {
  method: 'POST',
  pathTemplate: '/upload',
  bindings: [
    { argument: 'caption', in: 'body', name: 'caption' },
    fileArg('avatar'),
    fileArg('body_doc', 'doc'),
  ],
  bodyEncoding: 'multipart',
};

async function readAvatar(value: unknown) {
  return (await readFileArguments(upload, { avatar: value })).avatar;
}

async function refusal(value: unknown): Promise<string> {
  const error = await readAvatar(value).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(FileArgumentError);
  // The invoker turns ArgumentValueErrors into input validation errors.
  expect(error).toBeInstanceOf(ArgumentValueError);
  return (error as Error).message;
}

describe('readFileArguments', () => {
  it('detects the type of plain base64 from its bytes and names the file after the field', async () => {
    expect(await readAvatar(PNG.toString('base64'))).toEqual({
      data: PNG,
      filename: 'avatar.png',
      contentType: 'image/png',
    });
    expect(await readAvatar(PDF.toString('base64'))).toMatchObject({
      filename: 'avatar.pdf',
      contentType: 'application/pdf',
    });
  });

  it('uses the HTTP field name, not a renamed argument, for the file name', async () => {
    const read = await readFileArguments(upload, { body_doc: PDF.toString('base64') });
    expect(read.body_doc).toMatchObject({ filename: 'doc.pdf' });
  });

  it('takes undetectable UTF-8 text as text/plain and other bytes as application/octet-stream', async () => {
    expect(await readAvatar(Buffer.from('a,b\n1,2\n').toString('base64'))).toMatchObject({
      filename: 'avatar.txt',
      contentType: 'text/plain',
    });
    expect(await readAvatar(BINARY.toString('base64'))).toEqual({
      data: BINARY,
      filename: 'avatar.bin',
      contentType: 'application/octet-stream',
    });
    expect(await readAvatar('')).toEqual({
      data: Buffer.alloc(0),
      filename: 'avatar.bin',
      contentType: 'application/octet-stream',
    });
  });

  it('accepts base64 with line breaks and base64url', async () => {
    const wrapped = PNG.toString('base64').replace(/(.{20})/g, '$1\r\n');
    expect(await readAvatar(wrapped)).toMatchObject({ data: PNG, contentType: 'image/png' });
    expect(await readAvatar(BINARY.toString('base64url'))).toMatchObject({ data: BINARY });
  });

  it('reads a data: URL, with its media type, name parameter and percent-encoded data', async () => {
    expect(await readAvatar(`data:image/png;base64,${PNG.toString('base64')}`)).toEqual({
      data: PNG,
      filename: 'avatar.png',
      contentType: 'image/png',
    });
    expect(await readAvatar(`data:text/csv;name=r%C3%A9sum%C3%A9.csv;base64,${btoa('a,b')}`)).toEqual({
      data: Buffer.from('a,b'),
      filename: 'résumé.csv',
      contentType: 'text/csv',
    });
    expect(await readAvatar('data:text/plain;charset=utf-8,caf%C3%A9%20au%20lait')).toEqual({
      data: Buffer.from('café au lait'),
      filename: 'avatar.txt',
      contentType: 'text/plain;charset=utf-8',
    });
    // No media type: detected from the bytes.
    expect(await readAvatar(`data:;base64,${PNG.toString('base64')}`)).toMatchObject({
      contentType: 'image/png',
      filename: 'avatar.png',
    });
  });

  it('reads an object, keeping the name and type it gives and completing the others', async () => {
    const data = PNG.toString('base64');
    expect(await readAvatar({ data, filename: 'me.PNG', contentType: 'image/x-custom' })).toEqual({
      data: PNG,
      filename: 'me.PNG',
      contentType: 'image/x-custom',
    });
    expect(await readAvatar({ data, filename: 'me.png' })).toMatchObject({ contentType: 'image/png' });
    expect(await readAvatar({ data: BINARY.toString('base64'), contentType: 'image/jpeg' })).toEqual({
      data: BINARY,
      filename: 'avatar.jpg',
      contentType: 'image/jpeg',
    });
    // Bytes that say nothing: the file name's extension gives the type.
    expect(await readAvatar({ data: BINARY.toString('base64'), filename: 'sheet.xlsx' })).toMatchObject({
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    // The object's data may be a data: URL; the object's own fields win over it.
    expect(await readAvatar({ data: `data:image/png;base64,${data}`, filename: 'x.png' })).toEqual({
      data: PNG,
      filename: 'x.png',
      contentType: 'image/png',
    });
  });

  it('reads each file of a list and leaves other arguments alone', async () => {
    const endpoint: ToolEndpoint = { ...upload, bindings: [fileArg('photos')] };
    const read = await readFileArguments(endpoint, {
      photos: [PNG.toString('base64'), { data: PDF.toString('base64'), filename: 'a.pdf' }],
      other: 'x',
    });
    expect(read).toEqual({
      photos: [
        { data: PNG, filename: 'photos.png', contentType: 'image/png' },
        { data: PDF, filename: 'a.pdf', contentType: 'application/pdf' },
      ],
      other: 'x',
    });
  });

  it('returns the arguments untouched when the tool has no file given', async () => {
    const args = { caption: 'hi' };
    expect(await readFileArguments(upload, args)).toBe(args);
  });

  it('refuses content that is not base64, naming the argument and the accepted forms', async () => {
    const message = await refusal('not base64!');
    expect(message).toBe(
      'avatar is not valid base64. A file argument is base64 text, a data: URL ("data:image/png;base64,iVBOR…"), ' +
        'or an object { "data": "<base64>", "filename": "chart.png", "contentType": "image/png" } ' +
        '(filename and contentType optional).',
    );
    expect(await refusal('abcde')).toMatch(/^avatar is not valid base64\./);
    expect(await refusal('ab=c')).toMatch(/^avatar is not valid base64\./);
    expect(await refusal({ data: '%%%' })).toMatch(/^avatar\.data is not valid base64\./);
  });

  it('refuses a bad data: URL', async () => {
    expect(await refusal('data:image/png;base64')).toMatch(/^avatar is a data: URL without a "," /);
    expect(await refusal('data:image/png;base64,@@@')).toMatch(/^avatar is not valid base64\./);
    expect(await refusal('data:png;base64,AAAA')).toMatch(
      /^avatar is a data: URL with an invalid media type "png"/,
    );
    expect(await refusal('data:text/plain;name=a%0D%0Ab.txt,abc')).toMatch(
      /^avatar is a data: URL whose name "a%0D%0Ab.txt" is empty or has control characters\./,
    );
    expect(await refusal('data:text/plain;name=%E0%A4%A,abc')).toMatch(
      /name "%E0%A4%A" is not valid percent-encoding/,
    );
  });

  it('refuses objects of the wrong shape and values of the wrong type', async () => {
    expect(await refusal(42)).toMatch(/^avatar must be a string or an object, not a number\./);
    expect(await refusal({ filename: 'a.png' })).toMatch(
      /^avatar has no "data" \(the file's content, base64-encoded\)\./,
    );
    expect(await refusal({ data: 7 })).toMatch(
      /^avatar\.data must be a string \(the file's content\), not a number\./,
    );
    expect(await refusal({ data: 'AAAA', name: 'a.png' })).toMatch(/^avatar has unknown properties "name"\./);
    expect(await refusal({ data: 'AAAA', filename: '' })).toMatch(
      /^avatar\.filename must be a non-empty file name/,
    );
    expect(await refusal({ data: 'AAAA', filename: 'a\r\nb' })).toMatch(/without control characters/);
    expect(await refusal({ data: 'AAAA', contentType: 'image/png\r\nX-Evil: 1' })).toMatch(
      /^avatar\.contentType must be a media type such as "image\/png", not "image\/png\\r\\nX-Evil: 1"\./,
    );
    // Line breaks before the parameters would end the part's headers early (header injection).
    for (const contentType of ['image/png\r\n\r\n; injected', 'image/png\n;x=1', 'image/png\u000b;x=1']) {
      expect(await refusal({ data: 'AAAA', contentType })).toMatch(
        /^avatar\.contentType must be a media type/,
      );
    }
    expect(await readAvatar({ data: 'AAAA', contentType: 'text/plain \t; charset=utf-8' })).toMatchObject({
      contentType: 'text/plain \t; charset=utf-8',
    });
    const error = await readFileArguments(
      { ...upload, bindings: [fileArg('photos')] },
      { photos: ['AAAA', 'bad!'] },
    ).catch((thrown: Error) => thrown);
    expect((error as Error).message).toMatch(/^photos\.1 is not valid base64\./);
  });
});
