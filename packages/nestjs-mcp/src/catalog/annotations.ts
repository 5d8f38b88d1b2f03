import type { McpToolAnnotations } from '../decorators/mcp-tool.decorator.js';

/**
 * Annotations from HTTP semantics: GET/HEAD read-only; PUT idempotent; DELETE destructive and idempotent;
 * POST/PATCH neither; every tool acts on this app only (`openWorldHint: false`). Overrides win key by key.
 */
export function deriveAnnotations(method: string, overrides: McpToolAnnotations = {}): McpToolAnnotations {
  const upper = method.toUpperCase();
  const derived: McpToolAnnotations =
    upper === 'GET' || upper === 'HEAD'
      ? { readOnlyHint: true }
      : upper === 'PUT'
        ? { readOnlyHint: false, idempotentHint: true }
        : upper === 'DELETE'
          ? { readOnlyHint: false, destructiveHint: true, idempotentHint: true }
          : { readOnlyHint: false };
  return { ...derived, openWorldHint: false, ...overrides };
}
