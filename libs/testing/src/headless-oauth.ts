import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js';

/**
 * An MCP client's OAuth side without a browser: "opening" the authorization URL follows its redirects, with
 * the provider's cookies, through the dev provider's auto-login until the redirect to `redirectUrl`, and
 * keeps the code. The SDK does everything else (discovery, registration, PKCE, the token request).
 */
export class HeadlessOAuthClient implements OAuthClientProvider {
  code?: string;
  registered?: OAuthClientInformationMixed;
  saved?: OAuthTokens;
  /** Every URL the "browser" opened, in order. */
  readonly visited: string[] = [];
  private verifier = '';

  constructor(readonly redirectUrl: string) {}

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: 'headless test client',
      redirect_uris: [this.redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    };
  }

  clientInformation() {
    return this.registered;
  }
  saveClientInformation(information: OAuthClientInformationMixed) {
    this.registered = information;
  }
  tokens() {
    return this.saved;
  }
  saveTokens(tokens: OAuthTokens) {
    this.saved = tokens;
  }
  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }
  codeVerifier() {
    return this.verifier;
  }

  async redirectToAuthorization(url: URL): Promise<void> {
    const callback = await followAuthorization(url.toString(), this.redirectUrl, this.visited);
    const code = new URL(callback).searchParams.get('code');
    if (!code) throw new Error(`the provider answered ${callback}`);
    this.code = code;
  }
}

/**
 * What a browser does with an authorization URL: follows the redirects, with the provider's cookies,
 * through its (auto-)login until one starts with `callbackPrefix`, which is returned without being opened
 * unless `openCallback` (a client's callback server then receives the code). `visited` collects the URLs.
 */
export async function followAuthorization(
  url: string,
  callbackPrefix: string,
  visited: string[] = [],
  openCallback = false,
): Promise<string> {
  const cookies = new Map<string, string>();
  let next = url;
  for (let hop = 0; hop < 12; hop++) {
    visited.push(next);
    if (next.startsWith(callbackPrefix)) {
      if (openCallback) await fetch(next).then((response) => response.text());
      return next;
    }
    const response = await fetch(next, {
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const location = response.headers.get('location');
    if (!location) throw new Error(`${next} answered ${response.status}: ${await response.text()}`);
    next = new URL(location, next).toString();
  }
  throw new Error(`too many redirects: ${visited.join(' → ')}`);
}
