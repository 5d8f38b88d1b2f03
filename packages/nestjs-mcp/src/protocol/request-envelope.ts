import { isPlainObject } from '../catalog/plain-values.js';

/** The `_meta` key in which a 2026-07-28 request names its protocol version (what marks it as one). */
const ENVELOPE_VERSION_KEY = 'io.modelcontextprotocol/protocolVersion';
/** Where a request carries its metadata (MCP names it with a leading underscore). */
export const META = '_meta';

/**
 * The protocol version a request's params name in their 2026-07-28 envelope (`_meta`): a string, `null` when
 * the key is there but not a string, `undefined` when the request has no envelope (a 2025-era request).
 */
export function envelopeVersion(params: unknown): string | null | undefined {
  const meta = isPlainObject(params) ? params[META] : undefined;
  if (!isPlainObject(meta) || !(ENVELOPE_VERSION_KEY in meta)) return undefined;
  const version = meta[ENVELOPE_VERSION_KEY];
  return typeof version === 'string' ? version : null;
}
