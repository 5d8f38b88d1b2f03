import fc from 'fast-check';
import { mapContent } from './content.mapper.js';

/**
 * The text a JSON body maps to, as the mapper first wrote it: pretty-printed unless re-serializing changes a
 * number, found by scanning both texts' number literals (the mapper now takes the re-serialized numbers from
 * the parsed value, which must decide the same).
 */
function reference(text: string): string {
  const pretty = JSON.stringify(JSON.parse(text), null, 2);
  const left = literals(text);
  const right = literals(pretty);
  const same = left.length === right.length && left.every((token, i) => exact(token) === exact(right[i]));
  return same ? pretty : text;
}

const TOKEN = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

function literals(json: string): string[] {
  return (json.match(TOKEN) ?? []).filter((token) => !token.startsWith('"'));
}

function exact(literal: string): string {
  const [, sign, whole, fraction = '', exponent = '0'] =
    /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(literal) ?? [];
  const digits = `${whole}${fraction}`.replace(/^0+/, '');
  if (digits === '') return '0';
  const trimmed = digits.replace(/0+$/, '');
  const scale = Number(exponent) - fraction.length + (digits.length - trimmed.length);
  return `${sign}${trimmed}e${scale}`;
}

const mapped = (text: string) =>
  mapContent(
    { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(text) },
    { maxBytes: 1 << 20, resourceUri: 'x' },
  ).content[0];

/** Number literals as routes write them: plain, with trailing zeros, exponents, past 2^53, overflowing. */
const literal = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
  fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }).map(String),
  fc.tuple(fc.nat(999), fc.nat(999)).map(([whole, fraction]) => `${whole}.${fraction}0`),
  fc.tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: -400, max: 400 })).map(([m, e]) => `${m}e${e}`),
  fc.constantFrom('-0', '0.0', '1E+2', '1e999', '-1e-999'),
);
const key = fc.oneof(
  fc.constantFrom('a', 'b', '1', '10', '2', '__proto__', 'x y'),
  fc.string({ maxLength: 3 }),
);
const jsonText: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    literal,
    fc.constantFrom('true', 'null', '"1.10"', '"a\\"1"'),
    fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
    // Keys may repeat and may be integer-like (which JSON.parse puts first): both reorder or drop numbers.
    fc
      .array(fc.tuple(key, tie('value')), { maxLength: 4 })
      .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
  ),
})).value;

describe('mapContent: JSON numbers', () => {
  it('pretty-prints exactly when re-serializing keeps every number, as before', () => {
    fc.assert(
      fc.property(jsonText, (text) => {
        expect(mapped(text)).toEqual({ type: 'text', text: reference(text) });
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['{"b":1.10,"2":3}', 'an integer-like key JSON.parse moves first'],
    ['{"a":1,"a":2}', 'a repeated key'],
    ['[1e999]', 'a number that overflows to null'],
    ['[-0, 0.0, 1E+2]', 'zeros and exponents that keep their value'],
  ])('decides %s (%s) as before', (text) => {
    expect(mapped(text)).toEqual({ type: 'text', text: reference(text) });
  });
});
