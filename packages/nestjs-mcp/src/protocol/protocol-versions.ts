/**
 * The MCP revisions the endpoint can serve, newest first: 2026-07-28 (per-request, `server/discover`) and the
 * 2025-era revisions that open with `initialize`.
 */
export const PROTOCOL_VERSIONS = [
  '2026-07-28',
  '2025-11-25',
  '2025-06-18',
  '2025-03-26',
  '2024-11-05',
] as const;

/** A revision the endpoint can serve. */
export type McpProtocolVersion = (typeof PROTOCOL_VERSIONS)[number];

/** The first revision of the 2026 era (no `initialize`; protocol version and capabilities on each request). */
export const MODERN_ERA_START: McpProtocolVersion = '2026-07-28';

/** Whether the revisions include one of the 2025 era (served through the `initialize` flow). */
export function servesLegacyEra(versions: readonly string[]): boolean {
  return versions.some((version) => version < MODERN_ERA_START);
}

/**
 * Checks the `protocolVersions` option: a non-empty list of known revisions. Returns them newest first, or
 * the reason they are wrong.
 */
export function checkProtocolVersions(value: unknown): readonly McpProtocolVersion[] | string {
  const known = PROTOCOL_VERSIONS.map((version) => `'${version}'`).join(', ');
  if (!Array.isArray(value) || value.length === 0) {
    return `must be a non-empty array of protocol revisions (${known}), got ${JSON.stringify(value)}`;
  }
  const unknown = value.filter((version) => !(PROTOCOL_VERSIONS as readonly unknown[]).includes(version));
  if (unknown.length > 0) {
    return `has ${unknown.map((version) => JSON.stringify(version)).join(', ')}, which this version of nestjs-mcp does not serve; use some of ${known}`;
  }
  return PROTOCOL_VERSIONS.filter((version) => value.includes(version));
}
