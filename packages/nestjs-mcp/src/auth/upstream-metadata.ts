import type { McpResolvedAuth } from './auth.options.js';
import { DEFAULT_OAUTH_METADATA_PATH } from './auth.options.js';

/** How long the provider may take to answer a metadata request. */
export const UPSTREAM_TIMEOUT_MS = 5_000;

/** The provider's authorization server metadata could not be read. */
export class UpstreamMetadataError extends Error {
  constructor(
    readonly url: string,
    reason: string,
  ) {
    super(`Could not read the OAuth provider's metadata at ${url}: ${reason}`);
    this.name = 'UpstreamMetadataError';
  }
}

/** Where the provider's metadata is: `oauthMetadataUrl`, else the issuer's RFC 8414 well-known URL. */
export function upstreamMetadataUrl(auth: McpResolvedAuth): string | undefined {
  if (auth.oauthMetadataUrl) return auth.oauthMetadataUrl;
  if (!auth.issuer) return undefined;
  return `${auth.issuer.replace(/\/+$/, '')}${DEFAULT_OAUTH_METADATA_PATH}`;
}

/**
 * The provider's metadata (RFC 8414, or OpenID Connect discovery), fetched once and kept: the proxy serves it
 * on every discovery, and the provider should not pay for each. A failed fetch is not kept, so the next
 * request tries again; concurrent requests share one fetch.
 */
export class UpstreamMetadata {
  private pending?: Promise<Record<string, unknown>>;
  /** `url` as shown in answers and logs: without credentials or query, which may carry secrets. */
  readonly shownUrl: string;

  constructor(
    readonly url: string,
    private readonly timeoutMs = UPSTREAM_TIMEOUT_MS,
  ) {
    const shown = new URL(url);
    shown.username = '';
    shown.password = '';
    shown.search = '';
    this.shownUrl = shown.toString();
  }

  get(): Promise<Record<string, unknown>> {
    this.pending ??= this.fetchOnce().catch((error: unknown) => {
      this.pending = undefined;
      throw error;
    });
    return this.pending;
  }

  private async fetchOnce(): Promise<Record<string, unknown>> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        headers: { accept: 'application/json' },
        // The URL was checked (https, or http on loopback); a redirect must not lead somewhere unchecked.
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const cause =
        (error as Error).name === 'TimeoutError'
          ? `no answer within ${this.timeoutMs} ms`
          : errorText(error).replaceAll(this.url, this.shownUrl);
      throw new UpstreamMetadataError(this.shownUrl, cause);
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new UpstreamMetadataError(this.shownUrl, `HTTP ${response.status}`);
    }
    let document: unknown;
    try {
      document = await response.json();
    } catch {
      throw new UpstreamMetadataError(this.shownUrl, 'the answer is not JSON');
    }
    if (!document || typeof document !== 'object' || Array.isArray(document)) {
      throw new UpstreamMetadataError(this.shownUrl, 'the answer is not a metadata object');
    }
    return document as Record<string, unknown>;
  }
}

function errorText(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}
