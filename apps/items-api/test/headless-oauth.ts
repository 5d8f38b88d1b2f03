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
    const cookies = new Map<string, string>();
    let next = url.toString();
    for (let hop = 0; hop < 12; hop++) {
      this.visited.push(next);
      if (next.startsWith(this.redirectUrl)) {
        const code = new URL(next).searchParams.get('code');
        if (!code) throw new Error(`the provider answered ${next}`);
        this.code = code;
        return;
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
    throw new Error(`too many redirects: ${this.visited.join(' → ')}`);
  }
}
