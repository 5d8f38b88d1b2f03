import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { describeNetworkError } from './network-errors.js';

/** What `fetch` threw for a request to `url`. */
async function fetchFailure(url: string): Promise<unknown> {
  try {
    await fetch(url);
  } catch (error) {
    return error;
  }
  throw new Error(`fetch ${url} did not fail`);
}

describe('describeNetworkError', () => {
  it('names a refused connection, with its code and address', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));

    const text = describeNetworkError(await fetchFailure(`http://127.0.0.1:${port}/x`));
    expect(text).toContain('connection refused');
    expect(text).toContain(`ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:${port}`);
  });

  it('names TLS spoken to a plain HTTP port', async () => {
    const server = createHttpServer((_request, response) => response.end('plain'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const text = describeNetworkError(await fetchFailure(`https://127.0.0.1:${port}/x`));
      expect(text).toMatch(/^TLS failed/);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('takes the first failure of an AggregateError (one per address)', () => {
    const first = Object.assign(new Error('connect ECONNREFUSED ::1:3000'), { code: 'ECONNREFUSED' });
    const error = new TypeError('fetch failed', { cause: new AggregateError([first, new Error('second')]) });
    expect(describeNetworkError(error)).toContain('ECONNREFUSED: connect ECONNREFUSED ::1:3000');
  });

  it('keeps the message of an error it has no words for', () => {
    expect(describeNetworkError(new TypeError('fetch failed', { cause: new Error('bad port') }))).toBe(
      'bad port',
    );
  });
});
