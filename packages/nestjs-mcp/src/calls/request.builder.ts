import { compile, parse, type PathFunction } from 'path-to-regexp';
import type { ToolEndpoint } from '../catalog/tool.js';
import type { DispatchRequest } from '../dispatch/http.dispatcher.js';
import { encodeBody, type BodyField } from './body.encoder.js';
import type { CallerContext } from './caller.js';

const compiledPaths = new Map<
  string,
  { toPath: PathFunction<Record<string, string | string[]>>; wildcards: Set<string> }
>();

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
  const { toPath, wildcards } = pathCompiler(endpoint.pathTemplate);

  for (const binding of endpoint.bindings) {
    const value = args[binding.argument];
    if (binding.in === 'body') {
      hasBody = true;
      if (value === undefined) continue;
      if (binding.name === undefined) whole = { value };
      else bodyFields.push({ name: binding.name, value, file: binding.file });
    } else if (value === undefined || value === null) {
      continue;
    } else if (binding.in === 'path') {
      const text = scalarText(value);
      pathValues[binding.name!] = wildcards.has(binding.name!) ? text.split('/') : text;
    } else if (binding.in === 'header') {
      headerValues[binding.name!.toLowerCase()] = scalarText(value);
    } else {
      for (const item of Array.isArray(value) ? value : [value])
        query.append(binding.name!, scalarText(item));
    }
  }

  const headers = { ...headerValues, ...forwardedHeaders(caller, forwardHeaders) };
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

function pathCompiler(template: string) {
  let compiled = compiledPaths.get(template);
  if (!compiled) {
    const wildcards = new Set<string>();
    const collect = (tokens: ReturnType<typeof parse>['tokens']): void => {
      for (const token of tokens) {
        if (token.type === 'wildcard') wildcards.add(token.name);
        if (token.type === 'group') collect(token.tokens);
      }
    };
    collect(parse(template).tokens);
    compiled = { toPath: compile(template, { encode: encodeURIComponent }), wildcards };
    compiledPaths.set(template, compiled);
  }
  return compiled;
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
