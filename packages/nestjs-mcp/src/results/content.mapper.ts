import { isUtf8 } from 'node:buffer';
import type { DispatchResponse } from '../dispatch/http.dispatcher.js';

/** MCP content blocks a tool result can carry (shapes as in the MCP 2025-11-25 schema). */
export type ContentBlock =
  | { type: 'text'; text: string }
  | { type: 'image'; data: string; mimeType: string }
  | { type: 'audio'; data: string; mimeType: string }
  | {
      type: 'resource';
      resource:
        { uri: string; mimeType: string; blob: string } | { uri: string; mimeType: string; text: string };
    };

/** How {@link mapContent} caps and labels what it returns. */
export interface ContentOptions {
  /** The most body bytes put into the result. */
  maxBytes: number;
  /** The URI given to an embedded resource (a binary body that is not an image or audio). */
  resourceUri: string;
}

/** The content blocks for a response body, and what else the mapping learned. */
export interface MappedContent {
  content: ContentBlock[];
  /** The parsed JSON body, when the body is JSON and fit the cap. */
  json?: unknown;
  /** Whether the body was larger than `maxBytes`, so it was cut or left out. */
  truncated: boolean;
}

type Kind = 'json' | 'text' | 'image' | 'audio' | 'binary';

interface MediaType {
  readonly mimeType: string;
  readonly encoding: BufferEncoding;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json$/;
const TEXT_TYPE =
  /^(?:text\/.+|application\/(?:xml|javascript|ecmascript|x-www-form-urlencoded|jsonl|x-ndjson|ndjson|yaml|x-yaml|graphql|sql|csv)|[\w.+-]+\/[\w.+-]+\+xml)$/;
const MEDIA_TYPE = /^[\w.+-]+\/[\w.+-]+$/;
const CHARSETS: Record<string, BufferEncoding> = {
  'utf-8': 'utf8',
  utf8: 'utf8',
  latin1: 'latin1',
  'iso-8859-1': 'latin1',
  ascii: 'ascii',
  'us-ascii': 'ascii',
  'utf-16le': 'utf16le',
  utf16le: 'utf16le',
};

/**
 * Maps a successful response body to MCP content blocks by its content type: JSON pretty-printed (and
 * parsed into `json`), text decoded with its charset, images and audio as base64 blocks, anything else
 * as a base64 resource. A body over `maxBytes` is cut to a character boundary when it is text, and left
 * out when it is binary, with a text block saying so.
 */
export function mapContent(response: DispatchResponse, options: ContentOptions): MappedContent {
  const { body } = response;
  if (body.length === 0) return { content: [{ type: 'text', text: '' }], truncated: false };
  const media = mediaType(response);
  const kind = kindOf(media.mimeType);
  if (kind === 'json' || kind === 'text') return textContent(response, media, kind, options.maxBytes);
  if (body.length > options.maxBytes) {
    const text =
      `[Response of ${bodySize(response)} bytes (${media.mimeType}) not included: larger than the ${options.maxBytes}` +
      '-byte limit. Raise the McpModule "maxResponseBytes" option to receive it.]';
    return { content: [{ type: 'text', text }], truncated: true };
  }
  return { content: [binaryBlock(kind, media.mimeType, body, options.resourceUri)], truncated: false };
}

/**
 * The whole body's size in bytes, as text: `body.length`, or, when the dispatcher stopped reading past the
 * cap, the declared size or "more than N".
 */
export function bodySize(response: DispatchResponse): string {
  const { body, partial } = response;
  if (!partial) return String(body.length);
  return partial.size !== undefined ? String(partial.size) : `more than ${body.length - 1}`;
}

/**
 * Media types by `Content-Type` value: routes answer with a few values, read on every call. Bounded, as
 * a route may echo anything.
 */
const mediaTypes = new Map<string, MediaType>();
const MEDIA_TYPES_MAX = 64;

function mediaType(response: DispatchResponse): MediaType {
  const header = response.headers['content-type'];
  const value = String((Array.isArray(header) ? header[0] : header) ?? '');
  const known = mediaTypes.get(value);
  if (known) return known;
  const [type = '', ...params] = value.split(';').map((part) => part.trim());
  const mimeType = type.toLowerCase();
  if (!MEDIA_TYPE.test(mimeType)) {
    return { mimeType: isUtf8(response.body) ? 'text/plain' : 'application/octet-stream', encoding: 'utf8' };
  }
  if (mediaTypes.size >= MEDIA_TYPES_MAX) mediaTypes.clear();
  const media = { mimeType, encoding: charsetOf(params) };
  mediaTypes.set(value, media);
  return media;
}

function charsetOf(params: string[]): BufferEncoding {
  for (const param of params) {
    const [name = '', value = ''] = param.split('=').map((part) => part.trim());
    if (name.toLowerCase() === 'charset')
      return CHARSETS[value.replace(/^"|"$/g, '').toLowerCase()] ?? 'utf8';
  }
  return 'utf8';
}

function kindOf(mimeType: string): Kind {
  if (JSON_TYPE.test(mimeType)) return 'json';
  if (TEXT_TYPE.test(mimeType)) return 'text';
  if (mimeType.startsWith('image/')) return 'image';
  if (mimeType.startsWith('audio/')) return 'audio';
  return 'binary';
}

function textContent(
  response: DispatchResponse,
  media: MediaType,
  kind: Kind,
  maxBytes: number,
): MappedContent {
  const { body } = response;
  if (body.length > maxBytes) {
    const text = body.subarray(0, cutPoint(body, maxBytes, media.encoding)).toString(media.encoding);
    const notice =
      `[Response truncated: showed the first ${maxBytes} of ${bodySize(response)} bytes. ` +
      'Raise the McpModule "maxResponseBytes" option to see more.]';
    return {
      content: [
        { type: 'text', text },
        { type: 'text', text: notice },
      ],
      truncated: true,
    };
  }
  const text = body.toString(media.encoding);
  if (kind !== 'json') return { content: [{ type: 'text', text }], truncated: false };
  try {
    const json: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    const pretty = JSON.stringify(json, null, 2);
    // Re-serialising rounds numbers past 2^53 and rewrites literals such as 1.10: the model then sees
    // different values than the route sent, so such a body is passed on as it came.
    const faithful = sameNumbers(text, json) ? pretty : text;
    return { content: [{ type: 'text', text: faithful }], json, truncated: false };
  } catch {
    return { content: [{ type: 'text', text }], truncated: false };
  }
}

function numberLiterals(text: string): string[] {
  return (text.match(JSON_TOKEN) ?? []).filter((token) => !token.startsWith('"'));
}

const JSON_TOKEN = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/**
 * Whether the JSON text and its parsed value re-serialized hold the same numbers, digit for digit (`1.10`
 * and `1.1` are the same). The re-serialized numbers are taken from the value, in `JSON.stringify`'s order,
 * rather than scanned again from the pretty-printed text; a number `JSON.stringify` writes as `null`
 * (`1e999`) is none.
 */
function sameNumbers(text: string, json: unknown): boolean {
  const left = numberLiterals(text);
  const right: string[] = [];
  serializedNumbers(json, right);
  return (
    left.length === right.length &&
    left.every((token, index) => token === right[index] || exact(token) === exact(right[index]))
  );
}

/** The numbers of a parsed JSON value as `JSON.stringify` writes them, in its order. */
function serializedNumbers(value: unknown, into: string[]): void {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) into.push(String(value));
  } else if (Array.isArray(value)) {
    for (const item of value) serializedNumbers(item, into);
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) serializedNumbers((value as Record<string, unknown>)[key], into);
  }
}

/** A number literal's exact decimal value, written canonically: `-2e3` and `-2000` → `-2e3`. */
function exact(literal: string): string {
  const [, sign, whole, fraction = '', exponent = '0'] =
    /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(literal) ?? [];
  const digits = `${whole}${fraction}`.replace(/^0+/, '');
  if (digits === '') return '0';
  const trimmed = digits.replace(/0+$/, '');
  const scale = Number(exponent) - fraction.length + (digits.length - trimmed.length);
  return `${sign}${trimmed}e${scale}`;
}

/** The largest byte count up to `maxBytes` that does not split a character in `encoding`. */
function cutPoint(body: Buffer, maxBytes: number, encoding: BufferEncoding): number {
  let end = Math.max(0, Math.floor(maxBytes));
  if (encoding === 'utf16le') {
    end -= end % 2;
    const last = end >= 2 ? body.readUInt16LE(end - 2) : 0;
    return last >= 0xd800 && last <= 0xdbff ? end - 2 : end;
  }
  if (encoding !== 'utf8') return end;
  // Step back over at most 3 continuation bytes (10xxxxxx) to the start of the character at `end`.
  for (let steps = 0; steps < 3 && end > 0 && (body[end] & 0xc0) === 0x80; steps++) end--;
  return end;
}

function binaryBlock(kind: Kind, mimeType: string, body: Buffer, uri: string): ContentBlock {
  const data = body.toString('base64');
  if (kind === 'image') return { type: 'image', data, mimeType };
  if (kind === 'audio') return { type: 'audio', data, mimeType };
  return { type: 'resource', resource: { uri, mimeType, blob: data } };
}
