import { isPlainObject } from '../catalog/plain-values.js';

/** The `_meta` key in which a 2026-07-28 request names its protocol version. */
const ENVELOPE_VERSION_KEY = 'io.modelcontextprotocol/protocolVersion';
/** Where a request carries its metadata (MCP names it with a leading underscore). */
const META = '_meta';
/** The 2026-07-28 error for a protocol version the server does not serve. */
const UNSUPPORTED_VERSION_CODE = -32022;
/** The 2025-era answer to an unsupported `MCP-Protocol-Version` header (the SDK transport's). */
const LEGACY_BAD_REQUEST_CODE = -32000;

/** A request in a protocol version the endpoint does not serve, answered with the error of its era. */
export interface VersionRefusal {
  readonly code: number;
  readonly message: string;
  readonly id: string | number | null;
  readonly data?: { readonly supported: readonly string[]; readonly requested: string };
}

/**
 * Refuses a request whose protocol version (its `MCP-Protocol-Version` header, or the version its 2026-07-28
 * `_meta` names) is not one the endpoint serves, listing every version it does serve, so that a client can
 * pick one (including one of the other era). A request naming its version in `_meta` gets the 2026-07-28
 * error (`-32022` with `data.supported`); any other gets the 2025-era answer. Both echo the request's id.
 * `initialize` without the header is left to the SDK, which negotiates.
 *
 * @param body one JSON-RPC message (batches are checked by `checkEnvelope`)
 */
export function versionRefusal(
  headerVersion: string | undefined,
  body: unknown,
  served: readonly string[],
): VersionRefusal | undefined {
  const message = isPlainObject(body) ? body : {};
  const envelopeVersion = envelopeVersionOf(message);
  const requested = [headerVersion, envelopeVersion].find(
    (version) => version !== undefined && !served.includes(version),
  );
  if (requested === undefined) return undefined;
  const id =
    typeof message.id === 'string' || Number.isSafeInteger(message.id)
      ? (message.id as string | number)
      : null;
  const list = served.join(', ');
  if (envelopeVersion !== undefined) {
    return {
      code: UNSUPPORTED_VERSION_CODE,
      message: `Unsupported protocol version: ${requested}. This server supports ${list}.`,
      id,
      data: { supported: served, requested },
    };
  }
  return {
    code: LEGACY_BAD_REQUEST_CODE,
    message: `Bad Request: Unsupported protocol version: ${requested} (supported versions: ${list})`,
    id,
  };
}

function envelopeVersionOf(message: Record<string, unknown>): string | undefined {
  const params = isPlainObject(message.params) ? message.params : {};
  const meta = isPlainObject(params[META]) ? params[META] : {};
  const version = meta[ENVELOPE_VERSION_KEY];
  return typeof version === 'string' ? version : undefined;
}
