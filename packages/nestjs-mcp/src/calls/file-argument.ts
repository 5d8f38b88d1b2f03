import mime from 'mime-types';
import { jsonKind } from '../catalog/plain-values.js';
import type { ArgumentBinding, ToolEndpoint } from '../catalog/tool.js';
import type { FileContent } from './body.encoder.js';
import { ArgumentValueError } from './request.builder.js';

/** The forms a file argument takes, for messages. */
export const FILE_ARGUMENT_FORMS =
  'base64 text, a data: URL ("data:image/png;base64,iVBOR…"), or an object ' +
  '{ "data": "<base64>", "filename": "chart.png", "contentType": "image/png" } (filename and contentType optional)';

const FALLBACK_TYPE = 'application/octet-stream';
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
/**
 * `type/subtype` with optional parameters, no control characters (it becomes a part header): only spaces
 * and tabs before `;`, as `\s` would let CR/LF end the part's headers early.
 */
const MEDIA_TYPE = /^[\w!#$&^.+-]+\/[\w!#$&^.+-]+([ \t]*;[\x20-\x7e]*)?$/;
const DATA_URL = /^data:([^,]*),(.*)$/s;

/** A file argument that cannot be read: the message names the argument and the accepted forms. */
export class FileArgumentError extends ArgumentValueError {
  constructor(argument: string, problem: string) {
    super(`${argument} ${problem}. A file argument is ${FILE_ARGUMENT_FORMS}.`);
  }
}

/**
 * Reads the file arguments of a multipart call into their bytes, file name and media type; other arguments
 * are returned as they are. A missing type is detected from the bytes (then from the file name's
 * extension), a missing name is `<field>.<extension of the type>`, so routes that filter uploads on their
 * extension or type (multer's `fileFilter`, `FileTypeValidator`) accept them.
 *
 * @throws FileArgumentError when a value is not valid base64, a valid data URL, or a file object.
 */
export async function readFileArguments(
  endpoint: ToolEndpoint,
  args: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const files = endpoint.bindings.filter((binding) => binding.file && Object.hasOwn(args, binding.argument));
  if (files.length === 0) return args;
  const read = { ...args };
  for (const binding of files) {
    const value = args[binding.argument];
    if (value === undefined || value === null) continue;
    read[binding.argument] = Array.isArray(value)
      ? await Promise.all(value.map((item, i) => readFile(binding, `${binding.argument}.${i}`, item)))
      : await readFile(binding, binding.argument, value);
  }
  return read;
}

async function readFile(binding: ArgumentBinding, argument: string, value: unknown): Promise<FileContent> {
  const given = parseFile(argument, value);
  const field = binding.name ?? binding.argument;
  const contentType = given.contentType ?? (await detectType(given.data, given.filename));
  const extension = mime.extension(contentType);
  const filename = given.filename ?? (extension ? `${field}.${extension}` : field);
  return { data: given.data, filename, contentType };
}

interface GivenFile {
  readonly data: Buffer;
  readonly filename?: string;
  readonly contentType?: string;
}

function parseFile(argument: string, value: unknown): GivenFile {
  if (typeof value === 'string') return parseContent(argument, value);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FileArgumentError(argument, `must be a string or an object, not ${jsonKind(value)}`);
  }
  const { data, filename, contentType, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) {
    throw new FileArgumentError(
      argument,
      `has unknown properties ${unknown.map((k) => `"${k}"`).join(', ')}`,
    );
  }
  if (data === undefined) {
    throw new FileArgumentError(argument, 'has no "data" (the file\'s content, base64-encoded)');
  }
  if (typeof data !== 'string') {
    throw new FileArgumentError(
      `${argument}.data`,
      `must be a string (the file's content), not ${jsonKind(data)}`,
    );
  }
  if (filename !== undefined && (typeof filename !== 'string' || filename === '' || hasControl(filename))) {
    throw new FileArgumentError(
      `${argument}.filename`,
      'must be a non-empty file name without control characters',
    );
  }
  if (contentType !== undefined && (typeof contentType !== 'string' || !MEDIA_TYPE.test(contentType))) {
    throw new FileArgumentError(
      `${argument}.contentType`,
      `must be a media type such as "image/png", not ${JSON.stringify(contentType)}`,
    );
  }
  const content = parseContent(`${argument}.data`, data);
  return {
    data: content.data,
    filename: (filename as string | undefined) ?? content.filename,
    contentType: (contentType as string | undefined) ?? content.contentType,
  };
}

/** Base64 (or base64url) text, or a data URL. */
function parseContent(argument: string, text: string): GivenFile {
  if (/^data:/i.test(text)) return parseDataUrl(argument, text);
  const compact = text.replace(/\s+/g, '');
  const valid =
    compact.length % 4 !== 1 && (BASE64.test(compact) || BASE64URL.test(compact)) && paddedRight(compact);
  if (!valid) throw new FileArgumentError(argument, 'is not valid base64');
  return { data: Buffer.from(compact, BASE64.test(compact) ? 'base64' : 'base64url') };
}

/** Padding, when present, completes the last group of four. */
function paddedRight(text: string): boolean {
  return !text.includes('=') || text.length % 4 === 0;
}

/** `data:[<type>][;name=<file name>][;<parameter>]*[;base64],<data>` (RFC 2397). */
function parseDataUrl(argument: string, url: string): GivenFile {
  const match = DATA_URL.exec(url);
  if (!match) throw new FileArgumentError(argument, 'is a data: URL without a "," before its data');
  const [type, ...parameters] = match[1].split(';').map((part) => part.trim());
  const base64 = parameters.at(-1)?.toLowerCase() === 'base64';
  if (base64) parameters.pop();
  const name = parameters.find((parameter) => /^name=/i.test(parameter));
  const kept = parameters.filter((parameter) => parameter !== name && parameter !== '');
  const contentType = type ? [type, ...kept].join(';') : undefined;
  if (contentType !== undefined && !MEDIA_TYPE.test(contentType)) {
    throw new FileArgumentError(argument, `is a data: URL with an invalid media type "${contentType}"`);
  }
  const data = base64 ? parseContent(argument, match[2]).data : percentDecoded(match[2]);
  const filename = name ? decodedName(argument, name.slice('name='.length)) : undefined;
  return { data, ...(filename ? { filename } : {}), ...(contentType ? { contentType } : {}) };
}

/** RFC 2397's percent-encoded data, as bytes (a `%` not followed by two hex digits is kept). */
function percentDecoded(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === '%' ? text.slice(i + 1, i + 3) : '';
    if (/^[0-9a-f]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i], 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

function decodedName(argument: string, encoded: string): string {
  let name: string;
  try {
    name = decodeURIComponent(encoded);
  } catch {
    throw new FileArgumentError(
      argument,
      `is a data: URL whose name "${encoded}" is not valid percent-encoding`,
    );
  }
  if (name === '' || hasControl(name)) {
    throw new FileArgumentError(
      argument,
      `is a data: URL whose name "${encoded}" is empty or has control characters`,
    );
  }
  return name;
}

/** The media type of some bytes: detected from their signature, else from the file name, else text or binary. */
async function detectType(data: Buffer, filename: string | undefined): Promise<string> {
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = await fileTypeFromBuffer(data);
  if (detected) return detected.mime;
  const byName = filename ? mime.lookup(filename) : false;
  if (byName) return byName;
  return isText(data) ? 'text/plain' : FALLBACK_TYPE;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 without control characters other than tab, line breaks and form feed. */
function isText(data: Buffer): boolean {
  if (data.length === 0) return false;
  try {
    return !hasControl(UTF8.decode(data), TEXT_SPACING);
  } catch {
    return false;
  }
}

/** Tab, line feed, form feed, carriage return: control characters that text has. */
const TEXT_SPACING = new Set([0x09, 0x0a, 0x0c, 0x0d]);

function hasControl(text: string, allowed: ReadonlySet<number> = new Set()): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 || code === 0x7f) && !allowed.has(code)) return true;
  }
  return false;
}
