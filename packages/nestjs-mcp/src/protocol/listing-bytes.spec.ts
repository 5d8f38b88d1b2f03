import type { Tool as SdkTool } from '@modelcontextprotocol/server';
import { ListingSplice, preparedListing } from './listing-bytes.js';

const listing: SdkTool[] = [
  { name: 'get_item', description: 'Gets "one" item\n', inputSchema: { type: 'object', properties: {} } },
  {
    name: 'list_items',
    inputSchema: { type: 'object' },
    outputSchema: { type: 'object', properties: { result: { type: 'array' } } },
    annotations: { readOnlyHint: true },
    _meta: { 'x/é': 'ünïcode' },
  },
];

/** What the SDK serializes: a JSON-RPC answer around the `tools` the handler returned. */
const answerJson = (tools: unknown, id: unknown = 1) =>
  JSON.stringify({ result: { tools, resultType: 'complete', ttlMs: 60000 }, jsonrpc: '2.0', id });

const event = (tools: unknown) => `event: message\ndata: ${answerJson(tools)}\n\n`;

const spliced = (splice: ListingSplice, text: string) =>
  Buffer.concat(splice.splice(Buffer.from(text))).toString();

describe('ListingSplice', () => {
  it('writes the bytes the whole listing would have serialized to', () => {
    const splice = new ListingSplice();
    const tools = splice.answer(listing);
    expect(tools).not.toBe(listing);
    expect(spliced(splice, answerJson(tools))).toBe(answerJson(listing));
  });

  it('replaces each listing of a batch, and leaves the rest alone', () => {
    const splice = new ListingSplice();
    const tools = splice.answer(listing);
    const batch = `[${answerJson(tools, 1)},${answerJson(tools, 2)},${JSON.stringify({ text: JSON.stringify(tools) })}]`;
    const expected = `[${answerJson(listing, 1)},${answerJson(listing, 2)},${JSON.stringify({ text: JSON.stringify(tools) })}]`;
    expect(spliced(splice, batch)).toBe(expected);
  });

  it('replaces the listing in an SSE event', () => {
    const splice = new ListingSplice();
    expect(spliced(splice, event(splice.answer(listing)))).toBe(event(listing));
  });

  it('leaves an answer alone when no listing was answered', () => {
    const splice = new ListingSplice();
    const body = Buffer.from(answerJson([]));
    const pieces = splice.splice(body);
    expect(pieces).toHaveLength(1);
    expect(pieces[0]).toBe(body);
  });

  it.each([
    ['a non-object output schema (wrapped for 2025 clients)', { outputSchema: { type: 'array' } }],
    ['an execution field (dropped for 2026-07-28 clients)', { execution: { taskSupport: 'optional' } }],
  ])('answers a listing with %s as it is, serialized per request', (_name, extra) => {
    const odd = [listing[0], { ...listing[1], ...extra } as SdkTool];
    expect(preparedListing(odd)).toBeUndefined();
    const splice = new ListingSplice();
    expect(splice.answer(odd)).toBe(odd);
  });

  it('prepares each listing once', () => {
    expect(preparedListing(listing)).toBe(preparedListing(listing));
    expect(preparedListing([...listing])).not.toBe(preparedListing(listing));
  });
});
