/** Defaults and validation of the `McpModule` options: what `resolveOptions` makes of what the app passed. */
import {
  DEFAULT_FORWARD_HEADERS,
  DEFAULT_PATH,
  DEFAULT_SERVER_NAME,
  DEFAULT_SERVER_VERSION,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
} from './mcp.constants.js';
import { validateFilters, type ToolFilterOptions } from './catalog/filters.js';
import { McpConfigurationError } from './mcp.errors.js';
import { resolveAuthOptions, type McpResolvedAuth } from './auth/auth.options.js';
import { rejectUnknownOptions } from './mcp.option-names.js';
import { baseUrlOption } from './dispatch/base-url.js';
import { resolveSecurityOptions } from './http/security.options.js';
import {
  checkProtocolVersions,
  PROTOCOL_VERSIONS,
  servesLegacyEra,
  type McpProtocolVersion,
} from './protocol/protocol-versions.js';
import { resolveSessionOptions } from './protocol/sessions/session.options.js';
import type { McpModuleOptions, McpResolvedOptions } from './mcp.options.js';

/** Headers of the MCP request that must not be copied onto a tool call. */
const TRANSPORT_HEADERS = new Set([
  'content-length',
  'content-type',
  'content-encoding',
  'transfer-encoding',
  'host',
  'connection',
  'expect',
  'accept',
  'mcp-session-id',
  'mcp-protocol-version',
]);

/** The longest delay `setTimeout` honours. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Applies defaults and rejects invalid values with a message that says how to fix them. */
export function resolveOptions(options: McpModuleOptions = {}): McpResolvedOptions {
  rejectUnknownOptions(options);
  const exposure = options.exposure ?? 'all';
  if (exposure !== 'all' && exposure !== 'decorated') {
    throw new McpConfigurationError(
      `McpModule option "exposure" must be 'all' or 'decorated', got ${JSON.stringify(exposure)}.`,
    );
  }
  const toolNames = options.toolNames ?? 'readable';
  if (toolNames !== 'readable' && toolNames !== 'operationId') {
    throw new McpConfigurationError(
      `McpModule option "toolNames" must be 'readable' or 'operationId', got ${JSON.stringify(toolNames)}.`,
    );
  }
  const timeoutMs = positiveNumber('timeoutMs', options.timeoutMs, DEFAULT_TIMEOUT_MS, 'milliseconds');
  const maxResponseBytes = positiveNumber(
    'maxResponseBytes',
    options.maxResponseBytes,
    DEFAULT_MAX_RESPONSE_BYTES,
    'bytes',
  );
  const forwardHeaders = options.forwardHeaders ?? DEFAULT_FORWARD_HEADERS;
  if (!Array.isArray(forwardHeaders) || forwardHeaders.some((header) => typeof header !== 'string')) {
    throw new McpConfigurationError(
      'McpModule option "forwardHeaders" must be an array of header names, e.g. ["authorization"].',
    );
  }
  const transport = forwardHeaders.filter((header) => TRANSPORT_HEADERS.has(header.toLowerCase()));
  if (transport.length > 0) {
    throw new McpConfigurationError(
      `McpModule option "forwardHeaders" cannot include ${transport.join(', ')}: they describe the MCP ` +
        `request itself, and each tool call sets its own.`,
    );
  }
  for (const key of ['name', 'version', 'instructions'] as const) {
    if (options[key] !== undefined && options[key] !== null && typeof options[key] !== 'string') {
      throw new McpConfigurationError(
        `McpModule option "${key}" must be a string, got ${JSON.stringify(options[key])}.`,
      );
    }
  }
  const protocolVersions = protocolVersionsOf(options.protocolVersions);
  return {
    name: options.name,
    version: options.version,
    instructions: options.instructions,
    exposure,
    forwardHeaders: new Set(forwardHeaders.map((header) => header.toLowerCase())),
    timeoutMs,
    swagger: options.swagger ?? {},
    filters: filtersOf(options),
    describeAllResponses: flag('describeAllResponses', options.describeAllResponses, false),
    describeFullResponseSchema: flag('describeFullResponseSchema', options.describeFullResponseSchema, false),
    structuredOutput: flag('structuredOutput', options.structuredOutput, true),
    strictOutputSchemas: flag('strictOutputSchemas', options.strictOutputSchemas, false),
    headerArguments: flag('headerArguments', options.headerArguments, false),
    strictArguments: flag('strictArguments', options.strictArguments, false),
    maxResponseBytes,
    toolNames,
    protocolVersions,
    security: resolveSecurityOptions(options, forwardHeaders),
    ...withAuth(resolveAuthOptions(options.auth)),
    ...baseUrlOption(options.baseUrl),
    ...resolveSessionOptions(options, servesLegacyEra(protocolVersions)),
  };
}

function protocolVersionsOf(value: unknown): readonly McpProtocolVersion[] {
  if (value === undefined || value === null) return PROTOCOL_VERSIONS;
  const checked = checkProtocolVersions(value);
  if (typeof checked === 'string') {
    throw new McpConfigurationError(`McpModule option "protocolVersions" ${checked}.`);
  }
  return checked;
}

function withAuth(auth: McpResolvedAuth | undefined): { auth?: McpResolvedAuth } {
  return auth ? { auth } : {};
}

function filtersOf(options: McpModuleOptions): ToolFilterOptions {
  const { includeOperations, excludeOperations, includeTags, excludeTags } = options;
  const filters = { includeOperations, excludeOperations, includeTags, excludeTags };
  validateFilters(filters);
  return filters;
}

function flag(name: string, value: boolean | undefined, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') {
    throw new McpConfigurationError(
      `McpModule option "${name}" must be true or false, got ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

function positiveNumber(name: string, value: number | undefined, fallback: number, unit: string): number {
  const resolved = value ?? fallback;
  // Node clamps longer timers to 1 ms, which would time every call out at once.
  if (
    typeof resolved !== 'number' ||
    !Number.isFinite(resolved) ||
    resolved <= 0 ||
    resolved > MAX_TIMER_MS
  ) {
    throw new McpConfigurationError(
      `McpModule option "${name}" must be a positive number of ${unit} up to ${MAX_TIMER_MS}, ` +
        `got ${JSON.stringify(resolved)}.`,
    );
  }
  return resolved;
}

/** Server name and version: the options, else the OpenAPI document's info, else the defaults. */
export function serverIdentity(
  options: McpResolvedOptions,
  info: { title?: string; version?: string } | undefined,
): { name: string; version: string } {
  return {
    name: options.name || info?.title || DEFAULT_SERVER_NAME,
    version: options.version || info?.version || DEFAULT_SERVER_VERSION,
  };
}

/** `"mcp/"` → `/mcp`, `"//a//b"` → `/a/b`. */
export function normalizePath(path: string | undefined): string {
  const raw = path ?? DEFAULT_PATH;
  if (typeof raw !== 'string') {
    throw new McpConfigurationError(`McpModule option "path" must be a string such as "/mcp".`);
  }
  const segments = raw.split('/').filter((segment) => segment.length > 0);
  if (segments.length === 0) {
    throw new McpConfigurationError(
      `McpModule option "path" must name a path such as "/mcp", got ${JSON.stringify(raw)}.`,
    );
  }
  return `/${segments.join('/')}`;
}
