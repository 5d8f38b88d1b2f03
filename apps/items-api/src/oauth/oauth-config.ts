import { DEV_CLIENT_ID, DEV_CLIENT_SECRET, ITEMS_API_AUDIENCE } from './dev-oidc-provider.js';

/** Where the OAuth example logs in and what its tokens must say. */
export interface OAuthExampleConfig {
  /** The provider's issuer URL, given to `auth.issuer`. */
  issuer: string;
  /** Its metadata (OpenID Connect discovery) URL, given to `auth.oauthMetadataUrl`. */
  metadataUrl: string;
  /** The `aud` the API's access tokens carry. */
  audience: string;
  /** The static client the proxy hands out. */
  clientId: string;
  clientSecret: string;
}

/** What the provider's discovery document says about its tokens. */
export interface ProviderKeys {
  /** The exact `iss` of its tokens (Auth0's ends with a slash). */
  tokenIssuer: string;
  jwksUri: string;
}

/** `name` from `env`, or an error naming the variable to set. */
function required(env: NodeJS.ProcessEnv, name: string, why: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set: ${why}`);
  return value;
}

/**
 * The provider named by the environment, or undefined for the local dev provider:
 * - Auth0, with FastAPI-MCP's variables: `AUTH0_DOMAIN`, `AUTH0_AUDIENCE`, `AUTH0_CLIENT_ID`,
 *   `AUTH0_CLIENT_SECRET`;
 * - any other OpenID provider (Keycloak: the realm URL): `OAUTH_ISSUER`, `OAUTH_AUDIENCE`,
 *   `OAUTH_CLIENT_ID`, `OAUTH_CLIENT_SECRET`.
 */
export function externalProviderFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): OAuthExampleConfig | undefined {
  if (env.AUTH0_DOMAIN) {
    const origin = `https://${env.AUTH0_DOMAIN.replace(/^https?:\/\//, '').replace(/\/+$/, '')}`;
    return {
      issuer: origin,
      metadataUrl: `${origin}/.well-known/openid-configuration`,
      audience: required(env, 'AUTH0_AUDIENCE', "set it to your Auth0 API's identifier"),
      clientId: required(env, 'AUTH0_CLIENT_ID', 'set it to the client ID of your Auth0 application'),
      clientSecret: required(
        env,
        'AUTH0_CLIENT_SECRET',
        'set it to the client secret of your Auth0 application',
      ),
    };
  }
  if (env.OAUTH_ISSUER) {
    const issuer = env.OAUTH_ISSUER.replace(/\/+$/, '');
    return {
      issuer,
      metadataUrl: `${issuer}/.well-known/openid-configuration`,
      audience: required(env, 'OAUTH_AUDIENCE', 'set it to the audience (aud claim) of your access tokens'),
      clientId: required(env, 'OAUTH_CLIENT_ID', 'set it to the client ID registered with your provider'),
      clientSecret: required(env, 'OAUTH_CLIENT_SECRET', "set it to that client's secret"),
    };
  }
  return undefined;
}

/** The local dev provider's configuration, at `issuer`. */
export function devProviderConfig(issuer: string): OAuthExampleConfig {
  return {
    issuer,
    metadataUrl: `${issuer}/.well-known/openid-configuration`,
    audience: ITEMS_API_AUDIENCE,
    clientId: DEV_CLIENT_ID,
    clientSecret: DEV_CLIENT_SECRET,
  };
}

/** Reads the provider's discovery document once, at start-up: the tokens' issuer and the JWKS URL. */
export async function discoverKeys(config: OAuthExampleConfig): Promise<ProviderKeys> {
  const response = await fetch(config.metadataUrl, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) {
    throw new Error(`${config.metadataUrl} answered ${response.status}: is the provider's issuer URL right?`);
  }
  const document = (await response.json()) as { issuer?: string; jwks_uri?: string };
  if (!document.issuer || !document.jwks_uri) {
    throw new Error(
      `${config.metadataUrl} has no issuer or jwks_uri: is it an OpenID Connect discovery document?`,
    );
  }
  return { tokenIssuer: document.issuer, jwksUri: document.jwks_uri };
}
