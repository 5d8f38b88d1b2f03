import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { McpResolvedAuth } from './auth.options.js';
import { EndpointAuth } from './endpoint-auth.js';
import { servesOAuthMetadata } from './oauth-proxy.controller.js';
import { PROTECTED_RESOURCE_WELL_KNOWN } from './www-authenticate.js';

/** RFC 9728 protected-resource metadata of an MCP endpoint. */
export interface ProtectedResourceMetadata {
  resource: string;
  authorization_servers?: string[];
  scopes_supported?: string[];
  bearer_methods_supported: string[];
}

/** Well-known paths already served per HTTP adapter instance (several MCP servers may share an app). */
const served = new WeakMap<object, Set<string>>();

const logger = new Logger('McpModule');

/** The metadata document for one endpoint and one request. */
export function protectedResourceMetadata(
  auth: McpResolvedAuth,
  resource: string,
): ProtectedResourceMetadata {
  // When this app serves the authorization server metadata (custom or proxied), clients discover it here,
  // at the origin they connect to; else they log in at the issuer itself.
  const issuer = servesOAuthMetadata(auth) ? new URL(resource).origin : auth.issuer;
  return {
    resource,
    ...(issuer ? { authorization_servers: [issuer] } : {}),
    ...(auth.scopesSupported ? { scopes_supported: [...auth.scopesSupported] } : {}),
    bearer_methods_supported: ['header'],
  };
}

/**
 * Serves the protected-resource metadata whenever `auth` is set, at
 * `/.well-known/oauth-protected-resource<endpoint path>` and at `/.well-known/oauth-protected-resource`.
 * Both sit at the origin root, outside the global prefix, where clients look for them: they are registered
 * on the HTTP adapter itself, which no prefix applies to (after the app's routes, before its 404 handler).
 */
@Injectable()
export class ProtectedResourceRoutes implements OnModuleInit {
  constructor(
    private readonly endpoint: EndpointAuth,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const auth = this.endpoint.auth;
    const adapter = this.adapterHost.httpAdapter;
    if (!auth || !adapter) return;
    const instance = adapter.getInstance() as object;
    const paths = served.get(instance) ?? new Set<string>();
    served.set(instance, paths);
    const endpoint = (request: unknown) => this.endpoint.resource(auth, request);
    this.serve(
      adapter,
      paths,
      `${PROTECTED_RESOURCE_WELL_KNOWN}${this.endpoint.endpointPath}`,
      auth,
      endpoint,
    );
    // The root document describes one endpoint: the first one configured with `auth`.
    if (!paths.has(PROTECTED_RESOURCE_WELL_KNOWN)) {
      this.serve(adapter, paths, PROTECTED_RESOURCE_WELL_KNOWN, auth, endpoint);
    }
    // The legacy SSE transport is a resource of its own: SDK clients check that the resource's URL is a
    // prefix of the URL they connect to, and `/sse` is not below `/mcp`.
    // Unless `resourceUrl` leaves its public URL unknown (a request only lends the resource its origin).
    const sse = this.endpoint.ssePath;
    if (sse && this.endpoint.sseResource(auth, {}) !== undefined) {
      const resource = (request: unknown) => this.endpoint.sseResource(auth, request) as string;
      this.serve(adapter, paths, `${PROTECTED_RESOURCE_WELL_KNOWN}${sse}`, auth, resource);
    }
  }

  private serve(
    adapter: HttpAdapterHost['httpAdapter'],
    paths: Set<string>,
    path: string,
    auth: McpResolvedAuth,
    resourceOf: (request: unknown) => string,
  ): void {
    if (paths.has(path)) {
      logger.warn(`${path} is already served; not replaced.`);
      return;
    }
    paths.add(path);
    adapter.get(path, (request: unknown, response: unknown) => {
      const document = protectedResourceMetadata(auth, resourceOf(request));
      adapter.setHeader(response, 'Content-Type', 'application/json; charset=utf-8');
      adapter.setHeader(response, 'Cache-Control', 'no-store');
      adapter.reply(response, document, 200);
    });
  }
}
