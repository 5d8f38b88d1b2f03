import { randomUUID } from 'node:crypto';
import type { Tool as SdkTool } from '@modelcontextprotocol/server';

/**
 * `tools/list` answered from bytes made once per catalog. Serializing the whole listing on every request was
 * most of a large listing's cost (1,000 tools: ~250 KB of JSON, stringified and UTF-8-encoded per request).
 * The SDK still builds the answer (its checks, `resultType`, cache hints, `_meta`), around a one-entry
 * placeholder listing; the placeholder's JSON is then replaced by the listing's prepared JSON in the bytes
 * written to the client.
 */

/** A name no tool can have (random per process): the placeholder's JSON cannot occur by chance. */
const PLACEHOLDER_NAME = `nestjs-mcp/listing-${randomUUID()}`;
const PLACEHOLDER: readonly SdkTool[] = Object.freeze([
  Object.freeze({ name: PLACEHOLDER_NAME, inputSchema: { type: 'object' as const } }),
]);
/** The placeholder as the SDK serializes it (a JSON string holds no raw `"`, so this is always structure). */
const PLACEHOLDER_BYTES = Buffer.from(JSON.stringify(PLACEHOLDER));

const prepared = new WeakMap<readonly SdkTool[], Buffer | null>();

/**
 * The listing's JSON, made once per listing (a new catalog makes a new listing); `undefined` when the SDK
 * would rewrite the listing for some protocol era (a tool with a non-object `outputSchema` root, wrapped
 * for 2025 clients, or an `execution` field, dropped for 2026-07-28 ones): such a listing is serialized
 * per request as before.
 */
export function preparedListing(listing: readonly SdkTool[]): Buffer | undefined {
  let bytes = prepared.get(listing);
  if (bytes === undefined) {
    bytes = listing.every(servedAsIs) ? Buffer.from(JSON.stringify(listing)) : null;
    prepared.set(listing, bytes);
  }
  return bytes ?? undefined;
}

function servedAsIs(tool: SdkTool): boolean {
  const output = tool.outputSchema as { type?: unknown } | undefined;
  return !('execution' in tool) && (output === undefined || output.type === 'object');
}

/**
 * One request's listing: the tools handler puts the prepared bytes here and answers the placeholder;
 * `splice` puts the bytes back in the answer.
 */
export class ListingSplice {
  private listing?: Buffer;

  /** The `tools` to answer: the placeholder when the listing has prepared bytes, else the listing itself. */
  answer(listing: readonly SdkTool[]): SdkTool[] {
    const bytes = preparedListing(listing);
    if (!bytes) return listing as SdkTool[];
    this.listing = bytes;
    return PLACEHOLDER as SdkTool[];
  }

  /**
   * `chunk` (a JSON body, or one SSE event: the SDK writes each message whole) with every placeholder
   * replaced by the listing (a 2025 batch may list tools more than once), as the pieces to write in turn:
   * the prepared listing is written as it is, never copied into a new buffer per request (at 1,000 tools
   * such a copy cost more than the rest of the request).
   */
  splice(chunk: Uint8Array): readonly Uint8Array[] {
    const listing = this.listing;
    if (!listing) return [chunk];
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    let at = bytes.indexOf(PLACEHOLDER_BYTES);
    if (at < 0) return [chunk];
    const parts: Buffer[] = [];
    let from = 0;
    while (at >= 0) {
      parts.push(bytes.subarray(from, at), listing);
      from = at + PLACEHOLDER_BYTES.length;
      at = bytes.indexOf(PLACEHOLDER_BYTES, from);
    }
    parts.push(bytes.subarray(from));
    return parts;
  }
}
