import { LegacyRouteConverter } from '@nestjs/core/internal';
import { compile, parse, type PathFunction, type Token } from 'path-to-regexp';

/** A served route path, parsed once: its `{param}` form, its parameters, and a URL builder. */
export interface RoutePath {
  /** The path as the router serves it, in Nest's syntax (`/files/*path`, `/opt{/:maybe}`). */
  readonly template: string;
  /** The path as `@nestjs/swagger` documents it (`/files/{path}`, `/opt/{maybe}`). */
  readonly openApiPath: string;
  /** Every named parameter (`:id`, `*path`), wildcards included. */
  readonly params: ReadonlySet<string>;
  /** The wildcard parameters: their values are lists of path segments. */
  readonly wildcards: ReadonlySet<string>;
  /** Builds the URL path from parameter values (URL-encoded). */
  readonly toPath: PathFunction<Record<string, string | string[]>>;
}

/**
 * Parses a served path the way `@nestjs/swagger` does: legacy wildcards (`/files/*`, which Fastify routes
 * use) become named ones (`/files/{*path}`) first, so this path and the document's agree.
 */
export function parseRoutePath(template: string): RoutePath {
  const normalized = LegacyRouteConverter.tryConvert(template, { logs: false });
  const tokens = parse(normalized).tokens;
  const params = new Set<string>();
  const wildcards = new Set<string>();
  const collect = (list: Token[]): void => {
    for (const token of list) {
      if (token.type === 'param') params.add(token.name);
      if (token.type === 'wildcard') {
        params.add(token.name);
        wildcards.add(token.name);
      }
      if (token.type === 'group') collect(token.tokens);
    }
  };
  collect(tokens);
  const openApiPath = renderOpenApi(tokens);
  return {
    template,
    openApiPath: openApiPath === '/' || openApiPath === '' ? '/' : openApiPath,
    params,
    wildcards,
    toPath: compile(normalized, { encode: encodeURIComponent }),
  };
}

/** The `{param}` form of a served path, or undefined when path-to-regexp cannot read it. */
export function toOpenApiPath(template: string): string | undefined {
  try {
    return parseRoutePath(template).openApiPath;
  } catch {
    return undefined;
  }
}

function renderOpenApi(tokens: Token[]): string {
  return tokens
    .map((token) => {
      if (token.type === 'text') return token.value;
      if (token.type === 'group') return renderOpenApi(token.tokens);
      return `{${token.name}}`;
    })
    .join('');
}
