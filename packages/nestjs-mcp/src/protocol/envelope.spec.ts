import { checkEnvelope } from './envelope.js';

const request = { jsonrpc: '2.0', id: 1, method: 'tools/list' };

describe('checkEnvelope', () => {
  it.each([
    ['a request', request],
    ['a request with a string id and params', { ...request, id: 'a', params: { cursor: 'x' } }],
    ['a notification', { jsonrpc: '2.0', method: 'notifications/initialized' }],
    ['a result response', { jsonrpc: '2.0', id: 1, result: {} }],
    ['an error response without id', { jsonrpc: '2.0', error: { code: 1, message: 'x' } }],
  ])('accepts %s', (_name, body) => {
    expect(checkEnvelope(body)).toBeUndefined();
  });

  it.each([
    ['null', null, 'expected a JSON-RPC message object, got null'],
    ['a string', 'hi', 'expected a JSON-RPC message object, got a string "hi"'],
    ['no jsonrpc', { id: 1, method: 'ping' }, '"jsonrpc" must be "2.0", got nothing'],
    ['jsonrpc 1.0', { ...request, jsonrpc: '1.0' }, '"jsonrpc" must be "2.0", got a string "1.0"'],
    ['a fractional id', { ...request, id: 1.5 }, '"id" must be a string or an integer, got the number 1.5'],
    ['a null id', { ...request, id: null }, '"id" must be a string or an integer, got null'],
    ['an empty method', { ...request, method: '' }, '"method" must be a non-empty string'],
    ['nothing to do', { jsonrpc: '2.0', id: 1 }, 'a message needs a "method"'],
    ['a result without id', { jsonrpc: '2.0', result: {} }, 'a response needs an "id"'],
    [
      'result and error',
      { jsonrpc: '2.0', id: 1, result: {}, error: {} },
      'a response has either "result" or "error"',
    ],
  ])('refuses %s with -32600', (_name, body, message) => {
    expect(checkEnvelope(body)).toMatchObject({
      code: -32600,
      message: expect.stringContaining(`Invalid Request: ${message}`),
    });
  });

  it('echoes a usable id and drops an unusable one', () => {
    expect(checkEnvelope({ id: 'r-1', method: 'ping' })?.id).toBe('r-1');
    expect(checkEnvelope({ jsonrpc: '2.0', id: 9 })?.id).toBe(9);
    expect(checkEnvelope({ ...request, id: { n: 1 } })?.id).toBeNull();
    expect(checkEnvelope({ ...request, id: 2 ** 60 })?.id).toBeNull();
  });

  it('answers params that are not an object with -32602', () => {
    expect(checkEnvelope({ ...request, params: [1, 2] })).toEqual({
      code: -32602,
      message: 'Invalid params: "params" must be an object (named parameters), got an array',
      id: 1,
    });
  });

  it('refuses an empty batch', () => {
    expect(checkEnvelope([], '2025-03-26')?.message).toBe(
      'Invalid Request: the body is an empty array; send one JSON-RPC message object',
    );
  });

  it('refuses batches from protocol version 2025-06-18 on, by header or by initialize', () => {
    for (const version of ['2025-06-18', '2025-11-25']) {
      expect(checkEnvelope([request], version)).toMatchObject({
        code: -32600,
        message: expect.stringContaining(`batches are not supported in protocol version ${version}`),
      });
    }
    const initialize = { ...request, method: 'initialize', params: { protocolVersion: '2025-06-18' } };
    expect(checkEnvelope([initialize])?.code).toBe(-32600);
  });

  it('accepts batches from older clients and without a version header (2025-03-26 assumed)', () => {
    expect(checkEnvelope([request, { ...request, id: 2 }], '2025-03-26')).toBeUndefined();
    expect(checkEnvelope([request], '2024-11-05')).toBeUndefined();
    expect(checkEnvelope([request])).toBeUndefined();
  });

  it('names the batch item that is wrong', () => {
    expect(checkEnvelope([request, { ...request, jsonrpc: '1' }], '2025-03-26')?.message).toBe(
      'Invalid Request: batch item 1: "jsonrpc" must be "2.0", got a string "1"',
    );
  });
});
