import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UpstreamMetadata, UpstreamMetadataError } from './upstream-metadata.js';

describe('UpstreamMetadata', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/moved') {
        res.writeHead(302, { location: '/metadata' }).end();
        return;
      }
      if (req.url?.startsWith('/metadata')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"issuer":"http://127.0.0.1"}');
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('reads the metadata at its URL', async () => {
    await expect(new UpstreamMetadata(`${base}/metadata`).get()).resolves.toEqual({
      issuer: 'http://127.0.0.1',
    });
  });

  it('does not follow a redirect away from the checked URL', async () => {
    await expect(new UpstreamMetadata(`${base}/moved`).get()).rejects.toBeInstanceOf(UpstreamMetadataError);
  });

  it('names the URL without its credentials or query in errors', async () => {
    const upstream = new UpstreamMetadata(
      `http://client:s3cret@127.0.0.1:${new URL(base).port}/gone?key=k3y`,
    );
    expect(upstream.shownUrl).toBe(`${base}/gone`);
    const failure = await upstream.get().catch((error: unknown) => error as Error);
    expect(failure).toBeInstanceOf(UpstreamMetadataError);
    expect(failure.message).toContain(`${base}/gone`);
    expect(failure.message).not.toMatch(/s3cret|k3y/);
  });
});
