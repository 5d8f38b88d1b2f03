import { randomBytes } from 'node:crypto';
import type { BodyEncoding } from '../catalog/tool.js';

/** One body field of a call: its HTTP name, value, and whether it is a base64-encoded file. */
export interface BodyField {
  readonly name: string;
  readonly value: unknown;
  readonly file?: boolean;
}

/** A body ready to send. */
export interface EncodedBody {
  readonly payload: string | Buffer;
  readonly contentType: string;
}

/**
 * Encodes a call's body in the encoding the route documents: JSON (the fields as an object, or a whole-body
 * value), `application/x-www-form-urlencoded`, or `multipart/form-data` (file fields decoded from base64).
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
  for (const { name, value, file } of fields) {
    for (const item of asList(value)) {
      const disposition = `form-data; name="${quoted(name)}"${file ? `; filename="${quoted(name)}"` : ''}`;
      const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${
        file ? 'Content-Type: application/octet-stream\r\n' : ''
      }\r\n`;
      const content = file ? Buffer.from(String(item), 'base64') : Buffer.from(fieldText(item), 'utf8');
      parts.push(Buffer.from(head, 'utf8'), content, Buffer.from('\r\n', 'utf8'));
    }
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function fieldText(value: unknown): string {
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function quoted(name: string): string {
  return name.replace(/["\r\n]/g, (char) => encodeURIComponent(char));
}
