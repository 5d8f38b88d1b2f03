import type { JsonSchema } from '../catalog/json-schema.js';
import type { ArgumentBinding, Tool } from '../catalog/tool.js';
import { normalizeArguments } from './argument-normalizer.js';

function tool(properties: Record<string, JsonSchema>, bindings: ArgumentBinding[], defs?: JsonSchema): Tool {
  return {
    name: 't',
    description: 't',
    inputSchema: { type: 'object', properties, ...(defs ? { $defs: defs } : {}) },
    annotations: {},
    endpoint: { method: 'GET', pathTemplate: '/x/:id', bindings, bodyEncoding: 'json' },
    source: 'T.t (GET /x/:id)',
  };
}

const bind = (argument: string, location: ArgumentBinding['in']): ArgumentBinding => ({
  argument,
  in: location,
  name: argument,
});

describe('normalizeArguments', () => {
  const strings = tool(
    {
      id: { type: 'string' },
      q: { type: 'string' },
      trace: { type: 'string' },
      tags: { type: 'array', items: { type: 'string' } },
      name: { type: 'string' },
    },
    [
      bind('id', 'path'),
      bind('q', 'query'),
      bind('trace', 'header'),
      bind('tags', 'query'),
      bind('name', 'body'),
    ],
  );

  it('sends numbers and booleans given for string parameters as their text', () => {
    expect(normalizeArguments(strings, { id: 1, q: true, trace: 2.5, tags: [1, 'a', false] })).toEqual({
      id: '1',
      q: 'true',
      trace: '2.5',
      tags: ['1', 'a', 'false'],
    });
  });

  it('leaves body arguments, other values and the given object alone', () => {
    const args = { id: 'a', name: 5, obj: 1 };
    expect(normalizeArguments(strings, args)).toBe(args);
    const given = { id: 7 };
    normalizeArguments(strings, given);
    expect(given).toEqual({ id: 7 });
    expect(normalizeArguments(strings, { id: { a: 1 } })).toEqual({ id: { a: 1 } });
  });

  it('turns numeric strings into numbers for numeric path and query parameters', () => {
    const numeric = tool(
      {
        id: { type: 'integer' },
        price: { type: 'number' },
        page: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
        ids: { type: 'array', items: { type: 'integer' } },
        limit: { type: 'integer' },
      },
      [
        bind('id', 'path'),
        bind('price', 'query'),
        bind('page', 'query'),
        bind('ids', 'query'),
        bind('limit', 'header'),
      ],
    );
    expect(
      normalizeArguments(numeric, { id: '42', price: '-1.5e2', page: '3', ids: ['1', 2], limit: '5' }),
    ).toEqual({ id: 42, price: -150, page: 3, ids: [1, 2], limit: '5' });
  });

  it('keeps strings that are not plain numbers, or too large to be exact', () => {
    const numeric = tool({ id: { type: 'integer' }, n: { type: 'number' } }, [
      bind('id', 'path'),
      bind('n', 'query'),
    ]);
    for (const id of ['1.5', '0x10', ' 1', '', '1e3', '9007199254740993', '01']) {
      expect(normalizeArguments(numeric, { id })).toEqual({ id });
    }
    for (const n of ['abc', 'Infinity', 'NaN', '1.'])
      expect(normalizeArguments(numeric, { n })).toEqual({ n });
  });

  it('does not convert when the parameter takes both types', () => {
    const either = tool({ id: { type: ['string', 'integer'] } }, [bind('id', 'path')]);
    expect(normalizeArguments(either, { id: 1 })).toEqual({ id: 1 });
    expect(normalizeArguments(either, { id: '1' })).toEqual({ id: '1' });
  });

  it('follows $defs references and string enums', () => {
    const refs = tool({ kind: { $ref: '#/$defs/Kind' } }, [bind('kind', 'query')], {
      Kind: { enum: ['1', '2'] },
    });
    expect(normalizeArguments(refs, { kind: 2 })).toEqual({ kind: '2' });
  });
});
