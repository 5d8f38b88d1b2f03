import type { ArgumentBinding, ToolEndpoint } from '../catalog/tool.js';
import type { CallerContext } from './caller.js';
import { ArgumentValueError, buildRequest } from './request.builder.js';

const noCaller: CallerContext = { headers: {} };
const noHeaders: ReadonlySet<string> = new Set();

function endpoint(pathTemplate: string, bindings: ArgumentBinding[], method = 'GET'): ToolEndpoint {
  return { method, pathTemplate, bindings, bodyEncoding: 'json' };
}

const pathArg = (name: string): ArgumentBinding => ({ argument: name, in: 'path', name });
const queryArg = (name: string, argument = name): ArgumentBinding => ({ argument, in: 'query', name });
const bodyArg = (name: string, argument = name): ArgumentBinding => ({ argument, in: 'body', name });

function queryOf(url: string): URLSearchParams {
  return new URL(url, 'http://localhost').searchParams;
}

describe('buildRequest', () => {
  describe('path', () => {
    it('URL-encodes path values, slashes included', () => {
      const request = buildRequest(
        endpoint('/items/:id', [pathArg('id')]),
        { id: 'a b/c' },
        noCaller,
        noHeaders,
      );
      expect(request.url).toBe('/items/a%20b%2Fc');
      expect(request.method).toBe('GET');
    });

    it('stringifies numbers and booleans', () => {
      const ep = endpoint('/items/:id/:flag', [pathArg('id'), pathArg('flag')]);
      expect(buildRequest(ep, { id: 42, flag: false }, noCaller, noHeaders).url).toBe('/items/42/false');
    });

    it('fills several parameters and uses the same template again with other values', () => {
      const ep = endpoint('/users/:userId/posts/:postId', [pathArg('userId'), pathArg('postId')]);
      expect(buildRequest(ep, { userId: 1, postId: 'x' }, noCaller, noHeaders).url).toBe('/users/1/posts/x');
      expect(buildRequest(ep, { userId: 2, postId: 'y' }, noCaller, noHeaders).url).toBe('/users/2/posts/y');
    });

    it('keeps the slashes of a wildcard value and encodes each segment', () => {
      const request = buildRequest(
        endpoint('/files/*path', [pathArg('path')]),
        { path: 'docs/my file.txt' },
        noCaller,
        noHeaders,
      );
      expect(request.url).toBe('/files/docs/my%20file.txt');
    });

    it('includes an optional group when its value is given and omits it otherwise', () => {
      const ep = endpoint('/opt{/:maybe}', [pathArg('maybe')]);
      expect(buildRequest(ep, { maybe: 'x y' }, noCaller, noHeaders).url).toBe('/opt/x%20y');
      expect(buildRequest(ep, {}, noCaller, noHeaders).url).toBe('/opt');
      expect(buildRequest(ep, { maybe: null }, noCaller, noHeaders).url).toBe('/opt');
    });

    it('recognises a wildcard inside an optional group', () => {
      const ep = endpoint('/static{/*rest}', [pathArg('rest')]);
      expect(buildRequest(ep, { rest: 'a/b' }, noCaller, noHeaders).url).toBe('/static/a/b');
      expect(buildRequest(ep, {}, noCaller, noHeaders).url).toBe('/static');
    });
  });

  describe('query', () => {
    it('appends query values after the path, under their HTTP name', () => {
      const request = buildRequest(
        endpoint('/items/:id', [pathArg('id'), queryArg('id', 'query_id'), queryArg('verbose')]),
        { id: 5, query_id: 'q', verbose: true },
        noCaller,
        noHeaders,
      );
      expect(request.url).toBe('/items/5?id=q&verbose=true');
    });

    it('repeats the parameter for each array item', () => {
      const request = buildRequest(
        endpoint('/items', [queryArg('tag')]),
        { tag: ['a', 'b c', 3] },
        noCaller,
        noHeaders,
      );
      expect(queryOf(request.url).getAll('tag')).toEqual(['a', 'b c', '3']);
      expect(request.url).toBe('/items?tag=a&tag=b+c&tag=3');
    });

    it('skips null and undefined values and has no "?" when nothing is left', () => {
      const request = buildRequest(
        endpoint('/items', [queryArg('a'), queryArg('b'), queryArg('c')]),
        { a: null, c: undefined },
        noCaller,
        noHeaders,
      );
      expect(request.url).toBe('/items');
    });

    it('keeps falsy values that are not null or undefined', () => {
      const request = buildRequest(
        endpoint('/items', [queryArg('page'), queryArg('all'), queryArg('q')]),
        { page: 0, all: false, q: '' },
        noCaller,
        noHeaders,
      );
      const search = queryOf(request.url);
      expect(search.get('page')).toBe('0');
      expect(search.get('all')).toBe('false');
      expect(search.get('q')).toBe('');
    });

    it('JSON-encodes objects', () => {
      const request = buildRequest(
        endpoint('/items', [queryArg('filter'), queryArg('rows')]),
        { filter: { min: 1, name: 'ü' }, rows: [{ a: 1 }, { b: 2 }] },
        noCaller,
        noHeaders,
      );
      const search = queryOf(request.url);
      expect(search.get('filter')).toBe('{"min":1,"name":"ü"}');
      expect(search.getAll('rows')).toEqual(['{"a":1}', '{"b":2}']);
    });
  });

  describe('body', () => {
    it('builds a JSON body from body properties under their HTTP names', () => {
      const request = buildRequest(
        endpoint(
          '/items/:id',
          [pathArg('id'), bodyArg('name'), bodyArg('id', 'body_id'), bodyArg('qty')],
          'POST',
        ),
        { id: 1, name: 'pen', body_id: 7 },
        noCaller,
        noHeaders,
      );
      expect(request.method).toBe('POST');
      expect(request.url).toBe('/items/1');
      expect(JSON.parse(String(request.payload))).toEqual({ name: 'pen', id: 7 });
      expect(request.headers['content-type']).toBe('application/json');
    });

    it('keeps a null body property, unlike a null query value', () => {
      const request = buildRequest(
        endpoint('/items', [bodyArg('note')], 'PATCH'),
        { note: null },
        noCaller,
        noHeaders,
      );
      expect(request.payload).toBe('{"note":null}');
    });

    it('sends a whole-body argument as the body itself', () => {
      const ep = endpoint('/items/bulk', [{ argument: 'body', in: 'body' }], 'POST');
      expect(buildRequest(ep, { body: [1, 2, 3] }, noCaller, noHeaders).payload).toBe('[1,2,3]');
      expect(buildRequest(ep, { body: 'text' }, noCaller, noHeaders).payload).toBe('"text"');
      expect(buildRequest(ep, { body: null }, noCaller, noHeaders).payload).toBe('null');
    });

    it('ignores inherited properties of the arguments object (an argument named "constructor")', () => {
      const ep = endpoint('/items', [queryArg('constructor'), queryArg('toString')]);
      expect(buildRequest(ep, {}, noCaller, noHeaders).url).toBe('/items');
      expect(buildRequest(ep, { constructor: 'c' }, noCaller, noHeaders).url).toBe('/items?constructor=c');
    });

    it('refuses "." and ".." as path values and wildcard segments', () => {
      const ep = endpoint('/items/:id', [pathArg('id')]);
      expect(() => buildRequest(ep, { id: '..' }, noCaller, noHeaders)).toThrow(ArgumentValueError);
      expect(buildRequest(ep, { id: '...' }, noCaller, noHeaders).url).toBe('/items/...');
      const files = endpoint('/files/*path', [pathArg('path')]);
      expect(buildRequest(files, { path: ['a', 'b c'] }, noCaller, noHeaders).url).toBe('/files/a/b%20c');
      expect(() => buildRequest(files, { path: 'a/./b' }, noCaller, noHeaders)).toThrow(
        'path must not be "." or ".."',
      );
    });

    it('refuses empty path values and empty wildcard segments, which would change the path', () => {
      const ep = endpoint('/things/:id', [pathArg('id')], 'DELETE');
      expect(() => buildRequest(ep, { id: '' }, noCaller, noHeaders)).toThrow(
        new ArgumentValueError('id must not be empty (it would change the path of the request)'),
      );
      const files = endpoint('/files/*path', [pathArg('path')]);
      for (const path of ['', 'a//b', '/a', 'a/', [], ['a', '']]) {
        expect(() => buildRequest(files, { path }, noCaller, noHeaders)).toThrow(
          'path must be one or more non-empty path segments',
        );
      }
    });

    it('refuses a null value for a required path parameter, naming the argument', () => {
      const ep = endpoint('/things/:id', [pathArg('id')], 'DELETE');
      expect(() => buildRequest(ep, { id: null }, noCaller, noHeaders)).toThrow(
        new ArgumentValueError('id must be given a value (it is part of the path)'),
      );
    });

    it('refuses lone surrogates in path and query values, which have no UTF-8 form', () => {
      const ep = endpoint('/things/:id', [pathArg('id'), queryArg('q')]);
      expect(() => buildRequest(ep, { id: 'a\uD800' }, noCaller, noHeaders)).toThrow(
        'id must be valid Unicode text',
      );
      expect(() => buildRequest(ep, { id: 'a', q: '\uDC00' }, noCaller, noHeaders)).toThrow(
        'q must be valid Unicode text',
      );
      expect(buildRequest(ep, { id: '\u{1F600}' }, noCaller, noHeaders).url).toBe('/things/%F0%9F%98%80');
    });

    it('refuses header values an HTTP request could not carry, naming the argument', () => {
      const ep = endpoint('/things', [{ argument: 'trace', in: 'header', name: 'X-Trace' }]);
      for (const trace of ['a\r\nX-Admin: 1', 'a\nb', 'a\u0000b', '\u65e5']) {
        expect(() => buildRequest(ep, { trace }, noCaller, noHeaders)).toThrow(
          new ArgumentValueError(
            'trace is not a valid header value: it must not contain line breaks, NUL or other control ' +
              'characters, or characters beyond Latin-1',
          ),
        );
      }
      expect(buildRequest(ep, { trace: 'a\tb é' }, noCaller, noHeaders).headers).toEqual({
        'x-trace': 'a\tb é',
      });
    });

    it('sends arguments no binding names in an open body', () => {
      const ep = { ...endpoint('/things/:id', [pathArg('id')], 'POST'), openBody: true };
      const request = buildRequest(ep, { id: 1, name: 'a', tags: ['x'] }, noCaller, noHeaders);
      expect(request.url).toBe('/things/1');
      expect(JSON.parse(request.payload as string)).toEqual({ name: 'a', tags: ['x'] });
      expect(buildRequest(ep, { id: 1 }, noCaller, noHeaders).payload).toBe('{}');
    });

    it('sends {} when the endpoint has body bindings but no body argument was given', () => {
      const request = buildRequest(endpoint('/items', [bodyArg('name')], 'POST'), {}, noCaller, noHeaders);
      expect(request.payload).toBe('{}');
      expect(request.headers['content-type']).toBe('application/json');
    });

    it('sends no payload and no content type when the endpoint has no body bindings', () => {
      const request = buildRequest(
        endpoint('/items/:id', [pathArg('id'), queryArg('q')], 'DELETE'),
        { id: 1, q: 'x', name: 'ignored' },
        noCaller,
        noHeaders,
      );
      expect(request.payload).toBeUndefined();
      expect(request.headers).toEqual({});
    });

    it('ignores arguments that no binding names', () => {
      const request = buildRequest(
        endpoint('/items', [bodyArg('name')], 'POST'),
        { name: 'a', extra: 'b' },
        noCaller,
        noHeaders,
      );
      expect(JSON.parse(String(request.payload))).toEqual({ name: 'a' });
    });
  });

  describe('caller', () => {
    it('forwards only allow-listed headers, whatever the case of their names', () => {
      const caller: CallerContext = {
        headers: { Authorization: 'Bearer t', 'X-Tenant': 'acme', cookie: 's=1', 'x-other': 'no' },
      };
      const request = buildRequest(
        endpoint('/items', []),
        {},
        caller,
        new Set(['authorization', 'x-tenant', 'x-absent']),
      );
      expect(request.headers).toEqual({ authorization: 'Bearer t', 'x-tenant': 'acme' });
    });

    it("joins an array header's values with ', ' and skips undefined values", () => {
      const caller: CallerContext = {
        headers: { 'x-forwarded-for': ['1.1.1.1', '2.2.2.2'], 'x-none': undefined },
      };
      const request = buildRequest(
        endpoint('/items', []),
        {},
        caller,
        new Set(['x-forwarded-for', 'x-none']),
      );
      expect(request.headers).toEqual({ 'x-forwarded-for': '1.1.1.1, 2.2.2.2' });
    });

    it('adds the JSON content type next to forwarded headers', () => {
      const request = buildRequest(
        endpoint('/items', [bodyArg('name')], 'POST'),
        { name: 'a' },
        { headers: { authorization: 'Bearer t' } },
        new Set(['authorization']),
      );
      expect(request.headers).toEqual({ authorization: 'Bearer t', 'content-type': 'application/json' });
    });

    it('passes the remote address through', () => {
      const ep = endpoint('/items', []);
      expect(buildRequest(ep, {}, { headers: {}, remoteAddress: '10.0.0.7' }, noHeaders).remoteAddress).toBe(
        '10.0.0.7',
      );
      expect(buildRequest(ep, {}, noCaller, noHeaders).remoteAddress).toBeUndefined();
    });
  });
});
