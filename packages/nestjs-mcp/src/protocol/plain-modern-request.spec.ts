import type { IncomingMessage } from 'node:http';
import { isPlainModernRequest } from './plain-modern-request.js';

const PV = 'io.modelcontextprotocol/protocolVersion';
const CC = 'io.modelcontextprotocol/clientCapabilities';
const CI = 'io.modelcontextprotocol/clientInfo';
const envelope = (extra: Record<string, unknown> = {}) => ({ [PV]: '2026-07-28', [CC]: {}, ...extra });
const HEADERS = { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': 'get_item' };
const request = (headers: Record<string, string | undefined> = HEADERS) =>
  ({
    headers: Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)),
  }) as IncomingMessage;
const call = (params: Record<string, unknown> = {}) => ({
  name: 'get_item',
  arguments: { id: 1 },
  _meta: envelope(),
  ...params,
});

describe('isPlainModernRequest', () => {
  it.each([
    ['the bare envelope', call()],
    [
      'clientInfo with a name and a version',
      call({ _meta: envelope({ [CI]: { name: 'c', version: '1' } }) }),
    ],
    [
      'capabilities each declared with {}',
      call({ _meta: envelope({ [CC]: { sampling: {}, elicitation: {}, roots: { listChanged: true } } }) }),
    ],
    ['no arguments', { name: 'get_item', _meta: envelope() }],
  ])('takes a call with %s', (_name, params) => {
    expect(isPlainModernRequest(request(), 'tools/call', params)).toBe(true);
  });

  it('takes a listing with the bare envelope', () => {
    const headers = { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/list' };
    expect(isPlainModernRequest(request(headers), 'tools/list', { _meta: envelope() })).toBe(true);
  });

  it.each([
    ['another revision in the header', request({ ...HEADERS, 'mcp-protocol-version': '2025-11-25' }), call()],
    ['a padded revision header', request({ ...HEADERS, 'mcp-protocol-version': ' 2026-07-28' }), call()],
    ['no Mcp-Method', request({ ...HEADERS, 'mcp-method': undefined }), call()],
    ['Mcp-Method naming another method', request({ ...HEADERS, 'mcp-method': 'tools/list' }), call()],
    ['no Mcp-Name', request({ ...HEADERS, 'mcp-name': undefined }), call()],
    ['Mcp-Name in another case', request({ ...HEADERS, 'mcp-name': 'GET_ITEM' }), call()],
    ['a session id', request({ ...HEADERS, 'mcp-session-id': 'x' }), call()],
    ['another revision in the envelope', request(), call({ _meta: envelope({ [PV]: '2027-01-01' }) })],
    ['no capabilities', request(), call({ _meta: { [PV]: '2026-07-28' } })],
    ['capabilities that are not an object', request(), call({ _meta: envelope({ [CC]: 5 }) })],
    ['an unknown capability', request(), call({ _meta: envelope({ [CC]: { whatever: {} } }) })],
    [
      'a capability with settings',
      request(),
      call({ _meta: envelope({ [CC]: { sampling: { tools: {} } } }) }),
    ],
    [
      'roots.listChanged not a boolean',
      request(),
      call({ _meta: envelope({ [CC]: { roots: { listChanged: 'x' } } }) }),
    ],
    ['clientInfo without a version', request(), call({ _meta: envelope({ [CI]: { name: 'c' } }) })],
    [
      'clientInfo with more than a name and version',
      request(),
      call({ _meta: envelope({ [CI]: { name: 'c', version: '1', title: 'C' } }) }),
    ],
    ['a log level', request(), call({ _meta: envelope({ 'io.modelcontextprotocol/logLevel': 'debug' }) })],
    ['a progress token', request(), call({ _meta: envelope({ progressToken: 1 }) })],
    ['another key in the params', request(), call({ task: { ttl: 1 } })],
    ['_meta that is not an object', request(), call({ _meta: 'x' })],
  ])('leaves a call with %s to the SDK', (_name, req, params) => {
    expect(isPlainModernRequest(req, 'tools/call', params)).toBe(false);
  });

  it('leaves a listing with a cursor to the SDK', () => {
    const headers = { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/list' };
    expect(isPlainModernRequest(request(headers), 'tools/list', { cursor: 'x', _meta: envelope() })).toBe(
      false,
    );
  });
});
