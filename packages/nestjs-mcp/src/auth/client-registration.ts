import type { McpResolvedAuth } from './auth.options.js';

/** An answer of `POST /oauth/register`: 201 with the client, or 400 with an RFC 7591 error. */
export interface RegistrationOutcome {
  readonly status: 201 | 400;
  readonly body: Record<string, unknown>;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * Fake dynamic client registration (RFC 7591) for providers without it: every MCP client gets the one
 * client pre-registered with the provider (`clientId`, `clientSecret`), with its own redirect URIs echoed.
 * Those URIs must be listed at the provider too; only https and loopback http URIs are accepted.
 */
export function registerClient(
  body: unknown,
  auth: Pick<McpResolvedAuth, 'clientId' | 'clientSecret'>,
  now = Date.now(),
): RegistrationOutcome {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return refuse('invalid_client_metadata', 'The body must be a JSON object of client metadata (RFC 7591).');
  }
  const metadata = body as Record<string, unknown>;
  const uris = metadata.redirect_uris;
  if (!Array.isArray(uris) || uris.length === 0) {
    return refuse('invalid_redirect_uri', 'redirect_uris must be a non-empty array of URLs.');
  }
  for (const uri of uris) {
    const problem = redirectUriProblem(uri);
    if (problem) return refuse('invalid_redirect_uri', problem);
  }
  const clientName =
    typeof metadata.client_name === 'string' && metadata.client_name ? metadata.client_name : 'MCP client';
  return {
    status: 201,
    body: {
      client_id: auth.clientId,
      ...(auth.clientSecret !== undefined ? { client_secret: auth.clientSecret } : {}),
      client_id_issued_at: Math.floor(now / 1000),
      ...(auth.clientSecret !== undefined ? { client_secret_expires_at: 0 } : {}),
      redirect_uris: [...uris],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: auth.clientSecret !== undefined ? 'client_secret_post' : 'none',
      client_name: clientName,
    },
  };
}

function redirectUriProblem(uri: unknown): string | undefined {
  let url: URL;
  try {
    url = new URL(String(uri));
  } catch {
    return `redirect_uris has ${JSON.stringify(uri)}, which is not an absolute URL.`;
  }
  if (typeof uri !== 'string') return `redirect_uris has ${JSON.stringify(uri)}, which is not a string.`;
  if (url.hash) return `redirect_uris has ${uri}, which has a fragment (RFC 6749 §3.1.2 forbids it).`;
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && LOOPBACK.test(url.hostname)) return undefined;
  return `redirect_uris has ${uri}: use an https URL, or http only on a loopback host (127.0.0.1, localhost, [::1]).`;
}

function refuse(error: string, description: string): RegistrationOutcome {
  return { status: 400, body: { error, error_description: description } };
}
