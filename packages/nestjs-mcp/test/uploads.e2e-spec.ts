import 'reflect-metadata';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { Module } from '@nestjs/common';
import { ADAPTERS, appsPerTest, callJson, callTool, type RunningApp } from '@nestjs-mcp/testing';
import { McpModule } from 'nestjs-mcp';
import { startFeatures } from './fixtures/features.app.js';
import { PDF_BYTES, PNG_BYTES } from './fixtures/reports.controller.js';
import { uploadHits, UploadsController, type ReceivedFile } from './fixtures/uploads.controller.js';

@Module({ imports: [McpModule.forRoot()], controllers: [UploadsController] })
class UploadsAppModule {}

const PNG_HEAD = PNG_BYTES.subarray(0, 4).toString('hex');
const PDF_HEAD = PDF_BYTES.subarray(0, 4).toString('hex');
const png = PNG_BYTES.toString('base64');
const pdf = PDF_BYTES.toString('base64');
const FORMS =
  'A file argument is base64 text, a data: URL ("data:image/png;base64,iVBOR…"), or an object ' +
  '{ "data": "<base64>", "filename": "chart.png", "contentType": "image/png" } (filename and contentType optional).';

// Nest parses multipart bodies with multer, on Express only; Fastify apps need a plugin of their own.
describe('uploads through multer on express', () => {
  const { start } = appsPerTest('express');
  let client: Client;

  beforeEach(async () => {
    client = await (await start(UploadsAppModule)).connect();
    uploadHits.length = 0;
  });

  it('names and types a PNG sent as plain base64, so fileFilter and FileTypeValidator accept it', async () => {
    expect(await callJson(client, 'upload_avatar', { image: png, alt: 'me' })).toEqual({
      alt: 'me',
      file: { originalname: 'image.png', mimetype: 'image/png', size: PNG_BYTES.length, head: PNG_HEAD },
    });
  });

  it('accepts a data: URL and a file object, keeping the name given', async () => {
    const fromUrl = await callJson<{ file: ReceivedFile }>(client, 'upload_avatar', {
      image: `data:image/png;base64,${png}`,
    });
    expect(fromUrl.file).toMatchObject({ originalname: 'image.png', mimetype: 'image/png', head: PNG_HEAD });
    const fromObject = await callJson<{ file: ReceivedFile }>(client, 'upload_avatar', {
      image: { data: png, filename: 'Portrait – 2024.png' },
    });
    expect(fromObject.file).toMatchObject({ originalname: 'Portrait – 2024.png', mimetype: 'image/png' });
  });

  it('lets the route refuse a file of the wrong type, by extension or by content', async () => {
    const byFilter = await callTool(client, 'upload_avatar', { image: pdf });
    expect(byFilter.isError).toBe(true);
    expect(byFilter.text).toContain('Status code: 400');
    expect(byFilter.text).toContain('Only image files are allowed (got image.pdf, application/pdf)');
    // Named and typed as a PNG, but a PDF inside: FileTypeValidator reads the bytes.
    const byContent = await callTool(client, 'upload_avatar', {
      image: { data: pdf, filename: 'fake.png', contentType: 'image/png' },
    });
    expect(byContent.isError).toBe(true);
    expect(byContent.text).toContain('current file type is application/pdf, expected type is image/png');
    expect(uploadHits).toEqual([]);
  });

  it('sends the declared type that FileTypeValidator checks without magic numbers', async () => {
    expect(await callJson(client, 'upload_document', { document: pdf })).toEqual({
      originalname: 'document.pdf',
      mimetype: 'application/pdf',
      size: PDF_BYTES.length,
      head: PDF_HEAD,
    });
    const refused = await callTool(client, 'upload_document', { document: png });
    expect(refused.isError).toBe(true);
    expect(refused.text).toContain('current file type is image/png, expected type is application/pdf');
    expect(uploadHits).toEqual(['document']);
  });

  it('sends each file of a list with its own name and type, a non-ASCII name intact', async () => {
    expect(
      await callJson(client, 'upload_photos', {
        photos: [png, { data: pdf, filename: 'résumé.pdf' }, `data:text/csv;base64,${btoa('a,b\n')}`],
      }),
    ).toEqual([
      { originalname: 'photos.png', mimetype: 'image/png', size: PNG_BYTES.length, head: PNG_HEAD },
      { originalname: 'résumé.pdf', mimetype: 'application/pdf', size: PDF_BYTES.length, head: PDF_HEAD },
      {
        originalname: 'photos.csv',
        mimetype: 'text/csv',
        size: 4,
        head: Buffer.from('a,b\n').toString('hex'),
      },
    ]);
  });
});

describe.each(ADAPTERS)('file arguments on %s', (adapter) => {
  let running: RunningApp;
  let client: Client;

  beforeAll(async () => {
    running = await startFeatures(adapter);
    client = await running.connect();
  });

  afterAll(() => running.close());

  it('publishes the accepted forms in the input schema', async () => {
    const tool = (await client.listTools()).tools.find((candidate) => candidate.name === 'upload_file');
    const file = tool?.inputSchema.properties?.file as { anyOf: object[]; description: string };
    expect(file.anyOf).toEqual([
      expect.objectContaining({ type: 'string' }),
      expect.objectContaining({
        type: 'object',
        properties: {
          data: expect.objectContaining({ type: 'string' }),
          filename: expect.objectContaining({ type: 'string' }),
          contentType: expect.objectContaining({ type: 'string' }),
        },
        required: ['data'],
      }),
    ]);
    expect(file.description).toContain('base64 text, a data: URL');
  });

  it('sends the name and type given in a file object', async () => {
    const echoed = await callJson<{ raw: string }>(client, 'upload_file', {
      file: {
        data: Buffer.from('x,y\n').toString('base64'),
        filename: 'points.csv',
        contentType: 'text/csv',
      },
    });
    expect(echoed.raw).toContain(
      'Content-Disposition: form-data; name="file"; filename="points.csv"\r\nContent-Type: text/csv\r\n\r\nx,y\n\r\n',
    );
  });

  it('refuses a file argument it cannot read as an input validation error naming it', async () => {
    expect(await callTool(client, 'upload_file', { file: 'not base64!' })).toEqual({
      isError: true,
      text: `Input validation error: file is not valid base64. ${FORMS}`,
    });
    expect(await callTool(client, 'upload_file', { file: `data:image/png;base64${png}` })).toEqual({
      isError: true,
      text: `Input validation error: file is a data: URL without a "," before its data. ${FORMS}`,
    });
    expect(
      await callTool(client, 'upload_file', {
        file: { data: png, contentType: 'image/png\r\nX-Injected: 1' },
      }),
    ).toEqual({
      isError: true,
      text: `Input validation error: file.contentType must be a media type such as "image/png", not "image/png\\r\\nX-Injected: 1". ${FORMS}`,
    });
  });

  it('answers a value of the wrong shape with the accepted forms', async () => {
    for (const file of [42, { filename: 'a.png' }]) {
      const refused = await callTool(client, 'upload_file', { file });
      expect(refused.isError).toBe(true);
      expect(refused.text).toMatch(
        /^Input validation error: file is none of the accepted forms\. .*base64 text, a data: URL/,
      );
    }
  });
});
