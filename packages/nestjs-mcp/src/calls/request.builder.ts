import type { ToolEndpoint } from '../catalog/tool.js';
import { parseRoutePath, type RoutePath } from '../discovery/route-paths.js';
import type { DispatchRequest } from '../dispatch/http.dispatcher.js';
import { encodeBody, type BodyField } from './body.encoder.js';
import type { CallerContext } from './caller.js';

const parsedPaths = new Map<string, RoutePath>();

/** An argument value that cannot be sent (a path value that would change the path). */
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

  for (const binding of endpoint.bindings) {
    const value = Object.hasOwn(args, binding.argument) ? args[binding.argument] : undefined;
    if (binding.in === 'body') {
      hasBody = true;
      if (value === undefined) continue;
      if (binding.name === undefined) whole = { value };
      else bodyFields.push({ name: binding.name, value, file: binding.file });
    } else if (value === undefined || value === null) {
      continue;
    } else if (binding.in === 'path') {
      pathValues[binding.name!] = pathValue(binding.argument, value, wildcards.has(binding.name!));
    } else if (binding.in === 'header') {
      headerValues[binding.name!.toLowerCase()] = scalarText(value);
    } else {
      for (const item of Array.isArray(value) ? value : [value])
        query.append(binding.name!, scalarText(item));
    }
  }

  const headers = { ...headerValues, ...endpoint.headers, ...forwardedHeaders(caller, forwardHeaders) };
  const body = hasBody ? encodeBody(endpoint.bodyEncoding, bodyFields, whole) : undefined;
  if (body) headers['content-type'] = body.contentType;
  const search = query.toString();
  return {
    method: endpoint.method,
    url: toPath(pathValues) + (search ? `?${search}` : ''),
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

/**
 * A path value, URL-encoded later. `.` and `..` are refused: URL parsing resolves them, so they would send
 * the call to another route (one kept out of the tools, say). A wildcard takes a list of segments, or a
 * string split on `/`.
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
  return wildcard ? segments : segments[0];
}

function scalarText(value: unknown): string {
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function forwardedHeaders(caller: CallerContext, allowList: ReadonlySet<string>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(caller.headers)) {
    if (value === undefined || !allowList.has(name.toLowerCase())) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
