import { randomBytes } from 'node:crypto';
import { validateHeaderValue } from 'node:http';
import type { BodyEncoding } from '../catalog/tool.js';
import { ArgumentValueError } from './request.builder.js';

/**
 * One body field of a call: its HTTP name, value, whether it is a file (see {@link FileContent}), and the
 * tool argument it comes from, for messages (its name when not given).
 */
export interface BodyField {
  readonly name: string;
  readonly argument?: string;
  readonly value: unknown;
  readonly file?: boolean;
}

/** A file to upload, as `readFileArguments()` reads it from a file argument. */
export interface FileContent {
  readonly data: Buffer;
  readonly filename: string;
  readonly contentType: string;
}

/** A body ready to send. */
export interface EncodedBody {
  readonly payload: string | Buffer;
  readonly contentType: string;
}

/**
 * Encodes a call's body in the encoding the route documents: JSON (the fields as an object, or a whole-body
 * value), `application/x-www-form-urlencoded`, or `multipart/form-data` (file fields as parts with their file
 * name and media type; a bare string is taken as base64 content).
 *
 * @throws ArgumentValueError when a multipart field name, file name or media type cannot be a header value.
 */
export function encodeBody(
  encoding: BodyEncoding,
  fields: readonly BodyField[],
  whole?: { value: unknown },
): EncodedBody {
  if (encoding === 'form') return encodeForm(fields);
  if (encoding === 'multipart') return encodeMultipart(fields);
  const value = whole ? whole.value : Object.fromEntries(fields.map((field) => [field.name, field.value]));
  return { payload: JSON.stringify(value === undefined ? {} : value), contentType: 'application/json' };
}

/**
 * URL-encoded: a list repeats its key, an object is written in bracket notation (`address[city]=Paris`),
 * which Express's extended parser (Nest's default) reads back into an object.
 */
function encodeForm(fields: readonly BodyField[]): EncodedBody {
  const form = new URLSearchParams();
  const append = (key: string, value: unknown): void => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) for (const item of value) append(key, item);
    else if (typeof value === 'object') {
      for (const [name, entry] of Object.entries(value)) append(`${key}[${name}]`, entry);
    } else form.append(key, String(value));
  };
  for (const { name, value } of fields) append(name, value);
  return { payload: form.toString(), contentType: 'application/x-www-form-urlencoded' };
}

function encodeMultipart(fields: readonly BodyField[]): EncodedBody {
  const boundary = `nestjs-mcp-${randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const { name, argument = name, value, file } of fields) {
    for (const [i, item] of asList(value).entries()) {
      const field = quoted(partHeaderText(name, JSON.stringify(name), 'field name'));
      let head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"`;
      let content: Buffer;
      if (file) {
        const upload = fileContent(name, item);
        const label = Array.isArray(value) ? `${argument}.${i}` : argument;
        const filename = partHeaderText(upload.filename, `${label}.filename`, 'file name');
        const contentType = partHeaderText(upload.contentType, `${label}.contentType`, 'media type');
        head += `${filenameParameters(filename)}\r\nContent-Type: ${contentType}`;
        content = upload.data;
      } else {
        content = Buffer.from(fieldText(item), 'utf8');
      }
      parts.push(Buffer.from(`${head}\r\n\r\n`, 'utf8'), content, Buffer.from('\r\n', 'utf8'));
    }
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

function fileContent(name: string, item: unknown): FileContent {
  if (typeof item === 'object' && item !== null && Buffer.isBuffer((item as FileContent).data)) {
    return item as FileContent;
  }
  return {
    data: Buffer.from(String(item), 'base64'),
    filename: name,
    contentType: 'application/octet-stream',
  };
}

/**
 * `; filename="…"`, plus RFC 5987's `filename*` for a name that is not ASCII: multer and busboy read plain
 * `filename` as latin1, and prefer `filename*` when it is there.
 */
function filenameParameters(filename: string): string {
  if (/^[\x20-\x7e]*$/.test(filename)) return `; filename="${quoted(filename)}"`;
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `; filename="${quoted(ascii)}"; filename*=UTF-8''${encoded}`;
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function fieldText(value: unknown): string {
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * A part header's value (field name, file name, media type), refused by node:http's rule for header values
 * applied to the UTF-8 bytes written: a line break would end the part's headers early (header injection),
 * and NUL or another control character is no header text. Non-ASCII text passes, as browsers send it.
 */
function partHeaderText(text: string, argument: string, what: string): string {
  try {
    validateHeaderValue('Content-Disposition', Buffer.from(text, 'utf8').toString('latin1'));
  } catch {
    throw new ArgumentValueError(
      `${argument} cannot be sent as a multipart/form-data ${what}: it must not contain line breaks, NUL or ` +
        'other control characters',
    );
  }
  return text;
}

/** A quoted parameter's text: `"` escaped as browsers do (control characters are refused before). */
function quoted(name: string): string {
  return name.replaceAll('"', '%22');
}
