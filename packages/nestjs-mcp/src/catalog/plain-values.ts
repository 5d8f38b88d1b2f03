/** Helpers for the plain JSON values OpenAPI documents are made of. */

/** A plain object (not an array, a class instance or null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * What kind of JSON value `value` is, with its article, for error messages: `null`, `an array`, `an
 * object`, `a string`, `a number`, `a boolean`; `nothing` for `undefined`.
 */
export function jsonKind(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** JSON-ish deep copy: plain objects and arrays are copied, anything else is shared. */
export function cloneJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneJson);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, cloneJson(entry)]));
}

const JSON_MEDIA_TYPE = /^application\/([\w.+-]+\+)?json\b/i;

/** The first JSON media type (`application/json`, `application/*+json`) of an OpenAPI content map. */
export function jsonMediaType(content: Record<string, unknown> | undefined): string | undefined {
  return Object.keys(content ?? {}).find((type) => JSON_MEDIA_TYPE.test(type));
}
