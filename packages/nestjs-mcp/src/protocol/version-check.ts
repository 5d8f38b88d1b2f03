import { isPlainObject } from '../catalog/plain-values.js';
import { MODERN_ERA_START } from './protocol-versions.js';
import { envelopeVersion } from './request-envelope.js';

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
 * `_meta` names) is not one the endpoint serves. A request naming its version in `_meta` gets the 2026-07-28
 * error (`-32022`): `data.supported` lists the 2026-era versions served (those `server/discover` offers; the
 * 2025 ones only when no 2026 one is served, so that a client knows to fall back to `initialize`), and the
 * message names every served version. Any other request gets the 2025-era answer listing every served
 * version. Both echo the request's id. A header that is missing or disagrees with `_meta` is left to the SDK
 * (`-32020`, checked first), and `initialize` without the header too (it negotiates).
 *
 * @param body one JSON-RPC message (batches are checked by `checkEnvelope`)
 */
export function versionRefusal(
  headerVersion: string | undefined,
  body: unknown,
  served: readonly string[],
): VersionRefusal | undefined {
  const message = isPlainObject(body) ? body : {};
  const claimed = envelopeVersion(message.params);
  // A malformed envelope is the SDK's to answer (-32602 naming the key).
  if (claimed === null) return undefined;
  if (claimed !== undefined && headerVersion !== claimed) return undefined;
  const requested = claimed ?? headerVersion;
  if (requested === undefined || served.includes(requested)) return undefined;
  const id =
    typeof message.id === 'string' || Number.isSafeInteger(message.id)
      ? (message.id as string | number)
      : null;
  if (claimed !== undefined) {
    const modern = served.filter((version) => version >= MODERN_ERA_START);
    const legacy = served.filter((version) => version < MODERN_ERA_START);
    const supported = modern.length > 0 ? modern : legacy;
    const others =
      modern.length > 0 && legacy.length > 0 ? ` (and ${legacy.join(', ')} through initialize)` : '';
    return {
      code: UNSUPPORTED_VERSION_CODE,
      message: `Unsupported protocol version: ${requested}. This server supports ${supported.join(', ')}${others}.`,
      id,
      data: { supported, requested },
    };
  }
  return {
    code: LEGACY_BAD_REQUEST_CODE,
    message: `Bad Request: Unsupported protocol version: ${requested} (supported versions: ${served.join(', ')})`,
    id,
  };
}
