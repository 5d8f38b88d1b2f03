import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { AbstractHttpAdapter } from '@nestjs/core';
import type { McpResolvedAuth } from './auth.options.js';
import { authorizeRedirectUrl } from './authorize-redirect.js';
import { registerClient } from './client-registration.js';
import { EndpointAuth } from './endpoint-auth.js';
import { UpstreamMetadata, UpstreamMetadataError, upstreamMetadataUrl } from './upstream-metadata.js';

/** Paths of the proxy endpoints, at the origin root. */
export const OAUTH_AUTHORIZE_PATH = '/oauth/authorize';
export const OAUTH_REGISTER_PATH = '/oauth/register';

/** Paths already served per HTTP adapter instance (several MCP servers may share an app). */
const served = new WeakMap<object, Set<string>>();

const logger = new Logger('McpModule');

interface RequestLike {
  readonly originalUrl?: string;
  readonly url?: string;
  readonly body?: unknown;
}

/** Whether this app serves authorization server metadata itself (custom, or proxied from the provider). */
export function servesOAuthMetadata(auth: McpResolvedAuth): boolean {
  return auth.customOAuthMetadata !== undefined || auth.setupProxies;
}

/**
 * The OAuth endpoints that let MCP clients log in with providers built for web apps (FastAPI-MCP's
 * `setup_proxies`), at the origin root where 2025-03-26 clients look for them:
 * - `auth.metadataPath`: `customOAuthMetadata` as given, or the provider's metadata (fetched once, kept)
 *   with this app as `issuer`, pointing `authorization_endpoint` to `/oauth/authorize` and, with fake registration,
 *   `registration_endpoint` to `/oauth/register`; tokens are still exchanged at the provider;
 * - `GET /oauth/authorize` (with `setupProxies`): fills in scope, audience and client id, then redirects to
 *   the provider;
 * - `POST /oauth/register` (with `setupProxies` and `setupFakeDynamicRegistration`): hands out the client
 *   pre-registered with the provider.
 * Like the protected-resource metadata they are routes of the HTTP adapter, so no global prefix applies.
 */
@Injectable()
export class OAuthProxyController implements OnModuleInit {
  private upstream?: UpstreamMetadata;

  constructor(
    private readonly endpoint: EndpointAuth,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const auth = this.endpoint.auth;
    const adapter = this.adapterHost.httpAdapter;
    if (!auth || !adapter || !servesOAuthMetadata(auth)) return;
    const metadataUrl = upstreamMetadataUrl(auth);
    if (metadataUrl) this.upstream = new UpstreamMetadata(metadataUrl);
    this.route(adapter, 'get', auth.metadataPath, (request, response) =>
      this.metadata(auth, adapter, request, response),
    );
    if (!auth.setupProxies) return;
    this.route(adapter, 'get', OAUTH_AUTHORIZE_PATH, (request, response) =>
      this.authorize(auth, adapter, request, response),
    );
    if (!auth.setupFakeDynamicRegistration) return;
    this.route(adapter, 'post', OAUTH_REGISTER_PATH, (request, response) => {
      const outcome = registerClient((request as RequestLike).body, auth);
      reply(adapter, response, outcome.body, outcome.status);
    });
  }

  private async metadata(
    auth: McpResolvedAuth,
    adapter: AbstractHttpAdapter,
    request: unknown,
    response: unknown,
  ): Promise<void> {
    if (auth.customOAuthMetadata) {
      reply(adapter, response, auth.customOAuthMetadata, 200);
      return;
    }
    const upstream = await this.fetchUpstream(adapter, response);
    if (!upstream) return;
    const origin = this.origin(auth, request);
    // Clients check that the metadata's issuer is the authorization server they asked (RFC 8414 §3.3,
    // enforced by mcp-remote 0.15): this app. The provider's RFC 9207 `iss` in its redirects names the
    // provider, so support for it is not announced.
    const { authorization_response_iss_parameter_supported: _iss, ...kept } = upstream;
    reply(
      adapter,
      response,
      {
        ...kept,
        issuer: origin,
        authorization_endpoint: `${origin}${OAUTH_AUTHORIZE_PATH}`,
        ...(auth.setupFakeDynamicRegistration
          ? { registration_endpoint: `${origin}${OAUTH_REGISTER_PATH}` }
          : {}),
      },
      200,
    );
  }

  private async authorize(
    auth: McpResolvedAuth,
    adapter: AbstractHttpAdapter,
    request: unknown,
    response: unknown,
  ): Promise<void> {
    let target = auth.authorizeUrl;
    if (!target) {
      const upstream = await this.fetchUpstream(adapter, response);
      if (!upstream) return;
      target =
        typeof upstream.authorization_endpoint === 'string' ? upstream.authorization_endpoint : undefined;
      if (!target) {
        badGateway(
          adapter,
          response,
          `The OAuth provider's metadata at ${this.upstream?.url} has no authorization_endpoint; set auth.authorizeUrl.`,
        );
        return;
      }
    }
    const req = request as RequestLike;
    const query = new URL(req.originalUrl ?? req.url ?? '/', 'http://localhost').searchParams;
    adapter.setHeader(response, 'Cache-Control', 'no-store');
    adapter.redirect(response, 302, authorizeRedirectUrl(target, query, auth));
  }

  /** The provider's metadata, or `undefined` after answering 502. */
  private async fetchUpstream(
    adapter: AbstractHttpAdapter,
    response: unknown,
  ): Promise<Record<string, unknown> | undefined> {
    if (!this.upstream) {
      badGateway(
        adapter,
        response,
        'No OAuth provider metadata to proxy: set auth.issuer or auth.oauthMetadataUrl.',
      );
      return undefined;
    }
    try {
      return await this.upstream.get();
    } catch (error) {
      const message =
        error instanceof UpstreamMetadataError ? error.message : `Could not read ${this.upstream.shownUrl}.`;
      logger.warn(message);
      badGateway(adapter, response, message, this.upstream.shownUrl);
      return undefined;
    }
  }

  /** This app's origin, by the rule of the protected-resource `resource`: `resourceUrl`'s, else the request's. */
  private origin(auth: McpResolvedAuth, request: unknown): string {
    return new URL(this.endpoint.resource(auth, request)).origin;
  }

  private route(
    adapter: AbstractHttpAdapter,
    method: 'get' | 'post',
    path: string,
    handler: (request: unknown, response: unknown) => void | Promise<void>,
  ): void {
    const instance = adapter.getInstance() as object;
    const paths = served.get(instance) ?? new Set<string>();
    served.set(instance, paths);
    const key = `${method} ${path}`;
    if (paths.has(key)) {
      logger.warn(`${method.toUpperCase()} ${path} is already served by another MCP server; not replaced.`);
      return;
    }
    paths.add(key);
    adapter[method](path, (request: unknown, response: unknown) => {
      Promise.resolve(handler(request, response)).catch((error: unknown) => {
        logger.error(`${method.toUpperCase()} ${path} failed: ${(error as Error).message}`);
        reply(adapter, response, { statusCode: 500, message: 'Internal server error' }, 500);
      });
    });
  }
}

function reply(adapter: AbstractHttpAdapter, response: unknown, body: object, status: number): void {
  adapter.setHeader(response, 'Content-Type', 'application/json; charset=utf-8');
  adapter.setHeader(response, 'Cache-Control', 'no-store');
  adapter.reply(response, body, status);
}

function badGateway(
  adapter: AbstractHttpAdapter,
  response: unknown,
  message: string,
  upstream?: string,
): void {
  reply(
    adapter,
    response,
    { statusCode: 502, error: 'Bad Gateway', message, ...(upstream ? { upstream } : {}) },
    502,
  );
}
