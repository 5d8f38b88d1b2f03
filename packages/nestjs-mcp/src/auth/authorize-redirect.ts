import type { McpResolvedAuth } from './auth.options.js';

/**
 * Where `GET /oauth/authorize` sends the browser: the provider's authorization endpoint with the client's
 * parameters (state, PKCE challenge, redirect URI, resource …) kept, and the gaps of MCP clients filled:
 * the default scopes merged into the requested ones (all of them when the client asks for none), and
 * `audience`, `client_id` and `response_type=code` added when absent. Empty parameters are left out.
 */
export function authorizeRedirectUrl(
  target: string,
  query: URLSearchParams,
  auth: Pick<McpResolvedAuth, 'defaultScope' | 'audience' | 'clientId'>,
): string {
  const url = new URL(target);
  const sent = new URLSearchParams();
  for (const [name, value] of query) {
    if (value.trim() !== '') sent.append(name, value);
  }
  for (const [name, value] of sent) {
    if (name !== 'scope' && !url.searchParams.has(name)) url.searchParams.append(name, value);
  }
  url.searchParams.set('scope', mergeScopes(sent.getAll('scope').join(' '), auth.defaultScope));
  const defaults: Array<[string, string | undefined]> = [
    ['response_type', 'code'],
    ['client_id', auth.clientId],
    ['audience', auth.audience],
  ];
  for (const [name, value] of defaults) {
    if (value !== undefined && !url.searchParams.has(name)) url.searchParams.set(name, value);
  }
  return url.toString();
}

/** The requested scopes in their order, then the default ones not requested; no duplicates. */
export function mergeScopes(requested: string, defaults: string): string {
  const scopes = new Set([...requested.split(/\s+/), ...defaults.split(/\s+/)]);
  scopes.delete('');
  return [...scopes].join(' ');
}
