import { McpConfigurationError } from './mcp.errors.js';
import type { McpModuleExtras, McpModuleOptions } from './mcp.options.js';

/** Every option name; typed so that adding an option without listing it here does not compile. */
const OPTION_NAMES: Record<keyof (McpModuleOptions & McpModuleExtras), true> = {
  name: true,
  version: true,
  instructions: true,
  exposure: true,
  includeOperations: true,
  excludeOperations: true,
  includeTags: true,
  excludeTags: true,
  forwardHeaders: true,
  timeoutMs: true,
  swagger: true,
  describeAllResponses: true,
  describeFullResponseSchema: true,
  structuredOutput: true,
  strictOutputSchemas: true,
  headerArguments: true,
  maxResponseBytes: true,
  toolNames: true,
  strictArguments: true,
  auth: true,
  protocolVersions: true,
  allowedOrigins: true,
  allowedHosts: true,
  maxRequestBytes: true,
  cors: true,
  baseUrl: true,
  session: true,
  sessionIdleTimeoutMs: true,
  maxSessions: true,
  path: true,
  endpointDecorators: true,
  sse: true,
};
const KNOWN = Object.keys(OPTION_NAMES);

/**
 * Refuses option names the module does not know: a typo (`exludeTags`) would otherwise be ignored in
 * silence, which TypeScript does not catch in `forRootAsync` factories or plain JavaScript.
 */
export function rejectUnknownOptions(options: object): void {
  const unknown = Object.keys(options).filter((key) => !Object.hasOwn(OPTION_NAMES, key));
  if (unknown.length === 0) return;
  const described = unknown.map((key) => {
    const guess = closestName(key);
    return guess ? `"${key}" (did you mean "${guess}"?)` : `"${key}"`;
  });
  throw new McpConfigurationError(
    `McpModule does not know the option${unknown.length > 1 ? 's' : ''} ${described.join(', ')}. ` +
      `Its options are: ${KNOWN.join(', ')}.`,
  );
}

/** The known name within a few edits of `key`, case aside, if there is one. */
function closestName(key: string): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of KNOWN) {
    const distance = editDistance(key.toLowerCase(), name.toLowerCase());
    if (distance <= Math.max(2, Math.floor(name.length / 4)) && (!best || distance < best.distance)) {
      best = { name, distance };
    }
  }
  return best?.name;
}

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}
