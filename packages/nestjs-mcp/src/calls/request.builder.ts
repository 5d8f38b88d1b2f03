import { validateHeaderValue } from 'node:http';
import type { ToolEndpoint } from '../catalog/tool.js';
import { parseRoutePath, type RoutePath } from '../discovery/route-paths.js';
import type { DispatchRequest } from '../dispatch/http.dispatcher.js';
import { encodeBody, type BodyField } from './body.encoder.js';
import type { CallerContext } from './caller.js';

const parsedPaths = new Map<string, RoutePath>();
/** With the `u` flag a surrogate pair is one code point, so only a lone surrogate matches. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** An argument value that cannot be sent (a path value that would change the path, a header with CR/LF). */
export class ArgumentValueError extends Error {
  override readonly name = 'ArgumentValueError';
}

/**
 * Turns validated tool arguments into the HTTP request the route expects: path values URL-encoded into
 * the served path, query values in the query string, header arguments as headers, the rest as the body in
 * the route's encoding, and the allow-listed headers of the MCP request forwarded.
 */
export function buildRequest(
  endpoint: ToolEndpoint,
  args: Record<string, unknown>,
  caller: CallerContext,
  forwardHeaders: ReadonlySet<string>,
): DispatchRequest {
  const pathValues: Record<string, string | string[]> = {};
  const query = new URLSearchParams();
  const headerValues: Record<string, string> = {};
  const bodyFields: BodyField[] = [];
  let whole: { value: unknown } | undefined;
  let hasBody = false;
  const { toPath, wildcards } = routePath(endpoint.pathTemplate);

  const bound = new Set<string>();
  for (const binding of endpoint.bindings) {
    bound.add(binding.argument);
    const value = Object.hasOwn(args, binding.argument) ? args[binding.argument] : undefined;
    if (binding.in === 'body') {
      hasBody = true;
      if (value === undefined) continue;
      if (binding.name === undefined) whole = { value };
      else bodyFields.push({ name: binding.name, argument: binding.argument, value, file: binding.file });
    } else if (value === undefined || value === null) {
      continue;
    } else if (binding.in === 'path') {
      pathValues[binding.name!] = pathValue(binding.argument, value, wildcards.has(binding.name!));
    } else if (binding.in === 'header') {
      headerValues[binding.name!.toLowerCase()] = headerValue(binding.argument, binding.name!, value);
    } else {
      for (const item of Array.isArray(value) ? value : [value])
        query.append(binding.name!, wellFormed(binding.argument, scalarText(item)));
    }
  }
  if (endpoint.openBody) {
    // An undocumented or open body: arguments no binding names are body properties.
    hasBody = true;
    for (const [name, value] of Object.entries(args)) {
      if (!bound.has(name) && value !== undefined) bodyFields.push({ name, value });
    }
  }

  const headers = { ...headerValues, ...endpoint.headers, ...forwardedHeaders(caller, forwardHeaders) };
  const body = hasBody ? encodeBody(endpoint.bodyEncoding, bodyFields, whole) : undefined;
  if (body) headers['content-type'] = body.contentType;
  const search = query.toString();
  return {
    method: endpoint.method,
    url: fillPath(endpoint, toPath, pathValues) + (search ? `?${search}` : ''),
    headers,
    payload: body?.payload,
    remoteAddress: caller.remoteAddress,
  };
}

function routePath(template: string): RoutePath {
  let parsed = parsedPaths.get(template);
  if (!parsed) {
    parsed = parseRoutePath(template);
    parsedPaths.set(template, parsed);
  }
  return parsed;
}

/** The URL path; a required parameter left without a value (`null`) is the argument's fault. */
function fillPath(
  endpoint: ToolEndpoint,
  toPath: RoutePath['toPath'],
  values: Record<string, string | string[]>,
): string {
  try {
    return toPath(values);
  } catch (error) {
    const missing = endpoint.bindings.find(
      (binding) => binding.in === 'path' && !Object.hasOwn(values, binding.name!),
    );
    if (!missing) throw error;
    throw new ArgumentValueError(`${missing.argument} must be given a value (it is part of the path)`);
  }
}

/**
 * A path value, URL-encoded later. Values that change the path's shape are refused, as they would send the
 * call to another route (one kept out of the tools, say): `.` and `..`, which URL parsing resolves, and an
 * empty value or segment, which leaves `/things/` that non-strict routers serve as `/things`. A wildcard
 * takes a list of segments, or a string split on `/`.
 */
function pathValue(argument: string, value: unknown, wildcard: boolean): string | string[] {
  const segments = wildcard
    ? Array.isArray(value)
      ? value.map(scalarText)
      : scalarText(value).split('/')
    : [scalarText(value)];
  if (segments.some((segment) => segment === '.' || segment === '..')) {
    throw new ArgumentValueError(
      `${argument} must not be "." or ".." (it would change the path of the request)`,
    );
  }
  if (segments.length === 0 || segments.some((segment) => segment === '')) {
    throw new ArgumentValueError(
      wildcard
        ? `${argument} must be one or more non-empty path segments (an empty segment would change the path of the request)`
        : `${argument} must not be empty (it would change the path of the request)`,
    );
  }
  for (const segment of segments) wellFormed(argument, segment);
  return wildcard ? segments : segments[0];
}

/** A string with a lone surrogate has no UTF-8 form: it cannot be URL-encoded faithfully. */
function wellFormed(argument: string, text: string): string {
  if (LONE_SURROGATE.test(text)) {
    throw new ArgumentValueError(`${argument} must be valid Unicode text (it has a lone surrogate)`);
  }
  return text;
}

/** A header argument's text, refused when an HTTP request could not carry it (CR, LF, NUL …). */
function headerValue(argument: string, header: string, value: unknown): string {
  const text = scalarText(value);
  try {
    validateHeaderValue(header, text);
  } catch {
    throw new ArgumentValueError(
      `${argument} is not a valid header value: it must not contain line breaks, NUL or other control ` +
        `characters, or characters beyond Latin-1`,
    );
  }
  return text;
}

function scalarText(value: unknown): string {
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The allow-listed headers of the MCP request, names in lower case. */
export function forwardedHeaders(
  caller: CallerContext,
  allowList: ReadonlySet<string>,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(caller.headers)) {
    if (value === undefined || !allowList.has(name.toLowerCase())) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
