import type { CanActivate, Type } from '@nestjs/common';
import { McpConfigurationError } from '../mcp.errors.js';

/** A guard as `@UseGuards()` takes it: a class (e.g. `AuthGuard('jwt')`) or an instance. */
export type McpGuard = Type<CanActivate> | CanActivate;

/** OAuth 2.0 authorization server metadata (RFC 8414) served as given; unset fields are omitted. */
export interface McpOAuthMetadata {
  /** The authorization server's issuer identifier (an absolute URL). Required. */
  issuer: string;
  /** Required when the authorization-code grant is offered (the default of `grant_types_supported`). */
  authorization_endpoint?: string;
  /** Required. */
  token_endpoint: string;
  registration_endpoint?: string;
  jwks_uri?: string;
  scopes_supported?: string[];
  response_types_supported?: string[];
  grant_types_supported?: string[];
  token_endpoint_auth_methods_supported?: string[];
  code_challenge_methods_supported?: string[];
  [field: string]: unknown;
}

/**
 * `McpModule.forRoot({ auth })`: who may use the MCP endpoint, and where MCP clients log in. Mirrors
 * FastAPI-MCP's `AuthConfig`. One of `guards`, `issuer` or `customOAuthMetadata` is required. Setting `auth`
 * also serves RFC 9728 protected-resource metadata and answers rejected requests with `WWW-Authenticate`.
 */
export interface McpAuthOptions {
  /**
   * Guards that protect every request to this module's MCP endpoint, run in order after the app's global
   * guards: classes (e.g. `AuthGuard('jwt')`) or instances. A class is taken from the app's container when
   * it is registered as a provider, else created at bootstrap like a `@UseGuards()` guard of a controller of
   * this module (its constructor dependencies come from global modules, and from `imports` with
   * `forRootAsync`; a guard that cannot be built stops the bootstrap). Their
   * `ExecutionContext` is the MCP HTTP request itself (`req.user` set by passport is visible to later guards).
   * An `UnauthorizedException` becomes a 401 with `WWW-Authenticate`; a `ForbiddenException` or `false`, a
   * 403. May come from a `forRootAsync` factory too.
   */
  guards?: McpGuard[];
  /**
   * The authorization server that issues the tokens these guards accept (an absolute URL, e.g.
   * `https://tenant.auth0.com/`), announced as `authorization_servers` in the protected-resource metadata.
   */
  issuer?: string;
  /**
   * Where the issuer's authorization server metadata is. Default: `issuer` + `/.well-known/oauth-authorization-server`;
   * an OpenID Connect discovery URL (`…/.well-known/openid-configuration`) is accepted. Read by the OAuth
   * proxy (`setupProxies`), once, with a 5-second timeout.
   */
  oauthMetadataUrl?: string;
  /** Where `GET /oauth/authorize` redirects to. Default: the `authorization_endpoint` of the provider's metadata. */
  authorizeUrl?: string;
  /** The `audience` added to authorization requests when the client sends none (e.g. Auth0's API identifier). */
  audience?: string;
  /** Scopes requested when the client sends none, and merged into what it sends. Default `"openid profile email"`. */
  defaultScope?: string;
  /** The client pre-registered with the provider, handed out by the proxy's fake dynamic registration. */
  clientId?: string;
  /** That client's secret; never logged. */
  clientSecret?: string;
  /** Authorization server metadata to serve as is, instead of proxying the provider's. */
  customOAuthMetadata?: McpOAuthMetadata;
  /**
   * Serve the provider's metadata, `GET /oauth/authorize` and `POST /oauth/register` from this app
   * (`OAuthProxyController`), filling the gaps of providers built for web apps. Default false.
   */
  setupProxies?: boolean;
  /** With `setupProxies`: answer dynamic client registration with `clientId`/`clientSecret`. Default true. */
  setupFakeDynamicRegistration?: boolean;
  /** Path of the served authorization server metadata. Default `/.well-known/oauth-authorization-server`. */
  metadataPath?: string;
  /**
   * Scopes this MCP server understands: `scopes_supported` in the protected-resource metadata, and the
   * `scope` of `WWW-Authenticate` on a 401 or 403.
   */
  scopesSupported?: string[];
  /**
   * The public URL of the MCP endpoint (e.g. `https://api.example.com/mcp`), the `resource` of the
   * protected-resource metadata. Set it behind a reverse proxy, and in production in general: by default
   * the URL is derived from the request's `Host` (and, when the app trusts proxies, `X-Forwarded-*`)
   * headers, which a client can set to anything.
   */
  resourceUrl?: string;
  /**
   * `tools/list` leaves out the tools whose routes' guards (global, controller, handler) reject this
   * caller, evaluated on a request carrying the caller's forwarded headers without running the handler.
   * Costs one guard run per guard and tool on every listing; calls are refused by the route's guards
   * either way. A guard returning `false` or throwing a 401/403 hides the tool; any other error leaves it
   * listed. Default true (without `auth`, every tool is listed).
   */
  hideUnauthorizedTools?: boolean;
  /**
   * Guards not run when a listing evaluates the routes' guards (they count as passing): guards with side
   * effects, such as rate limiters. Classes (a subclass matches too) or class names. Default
   * `['ThrottlerGuard']` (`@nestjs/throttler`'s guard and its subclasses); setting it replaces the default.
   * A guard can also tell a listing probe from a call with `isMcpListingProbe(context)`.
   */
  skipGuardsWhenListing?: Array<Type<CanActivate> | string>;
}

/** `auth` after defaults and validation. */
export interface McpResolvedAuth {
  readonly guards: readonly McpGuard[];
  readonly issuer?: string;
  readonly oauthMetadataUrl?: string;
  readonly authorizeUrl?: string;
  readonly audience?: string;
  readonly defaultScope: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly customOAuthMetadata?: McpOAuthMetadata;
  readonly setupProxies: boolean;
  readonly setupFakeDynamicRegistration: boolean;
  readonly metadataPath: string;
  readonly scopesSupported?: readonly string[];
  /** `resourceUrl` without a trailing slash. */
  readonly resourceUrl?: string;
  readonly hideUnauthorizedTools: boolean;
  readonly skipGuardsWhenListing: ReadonlyArray<Type<CanActivate> | string>;
}

export const DEFAULT_OAUTH_METADATA_PATH = '/.well-known/oauth-authorization-server';
export const DEFAULT_SCOPE = 'openid profile email';
/** Guards a listing does not run by default: `@nestjs/throttler`'s, matched by name (no dependency on it). */
export const DEFAULT_SKIPPED_LISTING_GUARDS: readonly string[] = ['ThrottlerGuard'];

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

/** Validates `auth` with FastAPI-MCP's rules; messages name the option to fix. `undefined` when unset. */
export function resolveAuthOptions(auth: McpAuthOptions | undefined): McpResolvedAuth | undefined {
  if (auth === undefined || auth === null) return undefined;
  if (typeof auth !== 'object' || Array.isArray(auth)) {
    fail('auth', `must be an object such as { guards: [AuthGuard('jwt')] }, got ${JSON.stringify(auth)}.`);
  }
  const guards = guardsOf(auth.guards);
  const custom = customMetadataOf(auth.customOAuthMetadata);
  if (auth.issuer === undefined && custom === undefined && guards.length === 0) {
    fail(
      'auth',
      'needs one of "auth.issuer", "auth.customOAuthMetadata" or "auth.guards": with none of them, nothing ' +
        'protects the endpoint and clients have nowhere to log in.',
    );
  }
  const setupProxies = flag('setupProxies', auth.setupProxies, false);
  const setupFakeDynamicRegistration = flag(
    'setupFakeDynamicRegistration',
    auth.setupFakeDynamicRegistration,
    true,
  );
  const clientId = text('clientId', auth.clientId);
  const clientSecret = text('clientSecret', auth.clientSecret);
  if (setupProxies && clientId === undefined) {
    fail('clientId', 'is required with "auth.setupProxies": it is the client registered with your provider.');
  }
  if (setupProxies && setupFakeDynamicRegistration && clientSecret === undefined) {
    fail(
      'clientSecret',
      'is required with "auth.setupProxies" while "auth.setupFakeDynamicRegistration" is on (the default): ' +
        'registration hands it to clients. Set it, or set setupFakeDynamicRegistration: false.',
    );
  }
  if (
    setupProxies &&
    auth.issuer === undefined &&
    auth.oauthMetadataUrl === undefined &&
    (custom === undefined || auth.authorizeUrl === undefined)
  ) {
    fail(
      'setupProxies',
      'needs "auth.issuer" or "auth.oauthMetadataUrl": the proxy serves and follows the metadata of your provider.',
    );
  }
  return {
    guards,
    issuer: url('issuer', auth.issuer),
    oauthMetadataUrl: url('oauthMetadataUrl', auth.oauthMetadataUrl),
    authorizeUrl: url('authorizeUrl', auth.authorizeUrl),
    audience: text('audience', auth.audience),
    defaultScope: text('defaultScope', auth.defaultScope) ?? DEFAULT_SCOPE,
    clientId,
    clientSecret,
    customOAuthMetadata: custom,
    setupProxies,
    setupFakeDynamicRegistration,
    metadataPath: metadataPathOf(auth.metadataPath),
    scopesSupported: list('scopesSupported', auth.scopesSupported),
    resourceUrl: url('resourceUrl', auth.resourceUrl)?.replace(/\/+$/, ''),
    hideUnauthorizedTools: flag('hideUnauthorizedTools', auth.hideUnauthorizedTools, true),
    skipGuardsWhenListing: skippedGuardsOf(auth.skipGuardsWhenListing),
  };
}

function guardsOf(guards: unknown): McpGuard[] {
  if (guards === undefined || guards === null) return [];
  if (!Array.isArray(guards) || guards.length === 0) {
    fail('guards', "must be a non-empty array of guard classes or instances, e.g. [AuthGuard('jwt')].");
  }
  guards.forEach((guard, index) => {
    const isClass = typeof guard === 'function';
    const isInstance = typeof (guard as CanActivate | null)?.canActivate === 'function';
    if (!isClass && !isInstance) {
      fail(
        'guards',
        `has an entry at index ${index} that is neither a guard class nor an object with canActivate(); ` +
          `got ${describe(guard)}.`,
      );
    }
  });
  return guards as McpGuard[];
}

function skippedGuardsOf(skipped: unknown): ReadonlyArray<Type<CanActivate> | string> {
  if (skipped === undefined || skipped === null) return DEFAULT_SKIPPED_LISTING_GUARDS;
  // An empty list is meaningful here: run every guard, the throttler's included.
  if (
    !Array.isArray(skipped) ||
    skipped.some((entry) => typeof entry !== 'function' && (typeof entry !== 'string' || entry === ''))
  ) {
    fail(
      'skipGuardsWhenListing',
      `must be an array of guard classes or class names, e.g. [ThrottlerGuard] or ['ThrottlerGuard'], ` +
        `got ${describe(skipped)}.`,
    );
  }
  return skipped as Array<Type<CanActivate> | string>;
}

function customMetadataOf(metadata: unknown): McpOAuthMetadata | undefined {
  if (metadata === undefined || metadata === null) return undefined;
  if (typeof metadata !== 'object' || Array.isArray(metadata)) {
    fail('customOAuthMetadata', 'must be an OAuth authorization server metadata object (RFC 8414).');
  }
  const fields = metadata as Record<string, unknown>;
  for (const field of ['issuer', 'token_endpoint'] as const) {
    if (fields[field] === undefined) {
      fail(`customOAuthMetadata.${field}`, 'is required in OAuth authorization server metadata (RFC 8414).');
    }
  }
  const grants = fields.grant_types_supported;
  // RFC 8414: omitted grant_types_supported means ["authorization_code", "implicit"].
  const offersCode = grants === undefined || (Array.isArray(grants) && grants.includes('authorization_code'));
  if (offersCode && fields.authorization_endpoint === undefined) {
    fail(
      'customOAuthMetadata.authorization_endpoint',
      'is required when the authorization-code grant is offered (it is unless grant_types_supported ' +
        'leaves out "authorization_code").',
    );
  }
  for (const [field, value] of Object.entries(fields)) {
    if (field === 'issuer' || field.endsWith('_endpoint') || field.endsWith('_uri')) {
      if (value !== undefined) url(`customOAuthMetadata.${field}`, value);
    } else if (field.endsWith('_supported') && value !== undefined) {
      list(`customOAuthMetadata.${field}`, value);
    }
  }
  return metadata as McpOAuthMetadata;
}

function metadataPathOf(path: unknown): string {
  if (path === undefined || path === null) return DEFAULT_OAUTH_METADATA_PATH;
  if (typeof path !== 'string' || !/^\/[^\s?#]*$/.test(path) || path === '/') {
    fail('metadataPath', `must be a path starting with "/", such as "${DEFAULT_OAUTH_METADATA_PATH}".`);
  }
  return path;
}

/** An absolute http(s) URL; plain http only for loopback hosts, since tokens travel to or from it. */
function url(option: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  let parsed: URL | undefined;
  try {
    parsed = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
    fail(option, `must be an absolute URL such as "https://auth.example.com", got ${describe(value)}.`);
  }
  if (parsed.protocol === 'http:' && !isLoopback(parsed.hostname)) {
    fail(
      option,
      `must use https (http is accepted only for localhost and 127.0.0.1 during development), got ` +
        `${JSON.stringify(value)}.`,
    );
  }
  return value as string;
}

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function list(option: string, value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    value.some((item) => typeof item !== 'string' || !item)
  ) {
    fail(
      option,
      `must be a non-empty array of non-empty strings, got ${describe(value)}; leave it out instead.`,
    );
  }
  return value as string[];
}

function text(option: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    fail(option, 'must be a non-empty string (leave it out to use the default).');
  }
  return value;
}

function flag(option: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') fail(option, `must be true or false, got ${describe(value)}.`);
  return value;
}

function describe(value: unknown): string {
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function fail(option: string, problem: string): never {
  const name = option === 'auth' ? 'auth' : `auth.${option}`;
  throw new McpConfigurationError(`McpModule option "${name}" ${problem}`);
}
