import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** The static client pre-registered with the dev provider: what the app's OAuth proxy hands out. */
export const DEV_CLIENT_ID = 'items-mcp-client';
/** Its secret. Public (it is in this repository): the dev provider is for a local try-out only. */
export const DEV_CLIENT_SECRET = 'items-mcp-dev-secret';
/** The audience of the access tokens: the API's identifier, as with an Auth0 API. */
export const ITEMS_API_AUDIENCE = 'https://items.example.com/api';
/** The scope of the API that access tokens carry. */
export const ITEMS_SCOPE = 'items:read';
/** The user the dev login signs in when `OIDC_DEV_USER` is unset. */
export const DEV_OIDC_USER = 'dev-user';

/**
 * Redirect URIs the static client accepts by default: `mcp-remote` on the fixed callback port 8080 (it uses
 * `localhost`, or `127.0.0.1` on Windows) and the MCP Inspector's (`npx @modelcontextprotocol/inspector`,
 * on its default port 6274). A provider only redirects to URIs it knows, so every client must be listed.
 */
export const DEFAULT_REDIRECT_URIS: readonly string[] = [
  'http://localhost:8080/oauth/callback',
  'http://127.0.0.1:8080/oauth/callback',
  'http://localhost:6274/oauth/callback',
  'http://localhost:6274/oauth/callback/debug',
];

/** Options of {@link startDevOidcProvider}. */
export interface DevOidcOptions {
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** Interface to listen on; default every interface. */
  host?: string;
  /** Added to {@link DEFAULT_REDIRECT_URIS}. */
  redirectUris?: readonly string[];
  /** The user the dev login signs in; default {@link DEV_OIDC_USER}. */
  user?: string;
}

/** The running dev provider. */
export interface DevOidcProvider {
  /** `http://localhost:<port>`: the `iss` of its tokens. */
  readonly issuer: string;
  close(): Promise<void>;
}

/**
 * Starts a real OpenID provider (`oidc-provider`) for the OAuth example: one static client, no dynamic
 * registration, PKCE required, and JWT access tokens for {@link ITEMS_API_AUDIENCE} (resource indicators;
 * the audience is the same whatever `resource` the client names, as with Auth0). Its login is a dev
 * auto-login: opening the interaction page signs in the dev user and grants what the client asked for,
 * so a browser or a script completes it without typing anything.
 */
export async function startDevOidcProvider(options: DevOidcOptions): Promise<DevOidcProvider> {
  const user = options.user ?? DEV_OIDC_USER;
  let provider: Provider | undefined;
  let handle: ((req: IncomingMessage, res: ServerResponse) => unknown) | undefined;
  const server: Server = createServer((req, res) => {
    if (!provider || !handle) return void res.writeHead(503).end();
    if (new URL(req.url ?? '/', 'http://localhost').pathname.startsWith('/interaction/')) {
      autoLogin(provider, user, req, res).catch((error: Error) => {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(error.message);
      });
      return;
    }
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const issuer = `http://localhost:${(server.address() as AddressInfo).port}`;
  provider = new Provider(issuer, {
    clients: [
      {
        client_id: DEV_CLIENT_ID,
        client_secret: DEV_CLIENT_SECRET,
        redirect_uris: [...DEFAULT_REDIRECT_URIS, ...(options.redirectUris ?? [])],
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['authorization_code', 'refresh_token'],
      },
    ],
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'email', 'offline_access', ITEMS_SCOPE],
    claims: { profile: ['name'], email: ['email'] },
    findAccount: (_ctx: unknown, id: string) => ({ accountId: id, claims: () => ({ sub: id, name: id }) }),
    features: {
      devInteractions: { enabled: false },
      registration: { enabled: false },
      resourceIndicators: {
        enabled: true,
        // Clients that send no `resource` get an API token too, not an opaque one.
        defaultResource: () => ITEMS_API_AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          audience: ITEMS_API_AUDIENCE,
          scope: ITEMS_SCOPE,
          accessTokenFormat: 'jwt',
          accessTokenTTL: 3600,
        }),
      },
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
  });
  // Behind the app's OAuth proxy, clients see the app as the authorization server; an RFC 9207 `iss`
  // naming this provider in the redirect to the client would be refused (mcp-remote 0.15 checks it), so the
  // provider leaves it out, as providers without RFC 9207 support (Auth0) do.
  provider.on('authorization.success', (_ctx: unknown, out: { iss?: string }) => {
    delete out.iss;
  });
  handle = provider.callback() as typeof handle;
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * The dev login and consent: signs in `user`, then grants every scope, claim and resource scope the client
 * asked for. Each step answers with a redirect back into the authorization flow.
 */
async function autoLogin(provider: Provider, user: string, req: IncomingMessage, res: ServerResponse) {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === 'login') {
    await provider.interactionFinished(req, res, { login: { accountId: user } });
    return;
  }
  const missing = details.prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  const grant = new provider.Grant({
    accountId: details.session?.accountId ?? user,
    clientId: String(details.params.client_id),
  });
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
    grant.addResourceScope(resource, scopes.join(' '));
  }
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}
