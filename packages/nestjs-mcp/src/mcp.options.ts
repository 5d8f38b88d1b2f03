import type { OpenAPIObject, SwaggerDocumentOptions } from '@nestjs/swagger';
import {
  DEFAULT_FORWARD_HEADERS,
  DEFAULT_PATH,
  DEFAULT_SERVER_NAME,
  DEFAULT_SERVER_VERSION,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
} from './mcp.constants.js';
import { validateFilters, type ToolFilterOptions } from './catalog/filters.js';
import type { ToolNaming } from './catalog/tool-name.js';
import { McpConfigurationError } from './mcp.errors.js';
import { resolveAuthOptions, type McpAuthOptions, type McpResolvedAuth } from './auth/auth.options.js';
import { rejectUnknownOptions } from './mcp.option-names.js';
import { baseUrlOption } from './dispatch/base-url.js';
import {
  resolveSecurityOptions,
  type McpSecurityOptions,
  type McpResolvedSecurity,
} from './http/security.options.js';
import {
  checkProtocolVersions,
  PROTOCOL_VERSIONS,
  type McpProtocolVersion,
} from './protocol/protocol-versions.js';

/** Which routes become tools: every documented route, or only those marked with `@McpTool()`. */
export type McpExposure = 'all' | 'decorated';

/** How the OpenAPI document that describes the tools is obtained. */
export interface McpSwaggerOptions {
  /**
   * The `DocumentBuilder().build()` result to build the document with (title, version, security schemes).
   * Its title is the default server name.
   */
  config?: Omit<OpenAPIObject, 'paths'>;
  /** Options for `SwaggerModule.createDocument`, e.g. `operationIdFactory` (which then names the tools). */
  options?: SwaggerDocumentOptions;
  /**
   * A complete OpenAPI document to take operations from (e.g. one you post-process). Routes are matched to
   * its operations by method and path; routes it does not describe are not tools.
   */
  document?: OpenAPIObject;
}

/** Options of `McpModule.forRoot()` / `forRootAsync()`; all optional. */
export interface McpModuleOptions extends ToolFilterOptions, McpSecurityOptions {
  /** Server name sent to clients. Default: the Swagger document title, else `"Nest MCP"`. */
  name?: string;
  /** Server version sent to clients. Default: the Swagger document version, else `"1.0.0"`. */
  version?: string;
  /** Guidance for the model, sent as `instructions` in the initialize result. */
  instructions?: string;
  /** `'all'` (default): every Swagger-documented route; `'decorated'`: only routes marked `@McpTool()`. */
  exposure?: McpExposure;
  /** Headers of the MCP HTTP request forwarded to every tool call (case-insensitive). Default `['authorization']`. */
  forwardHeaders?: string[];
  /** Time limit of one tool call in milliseconds. Default 10 000. */
  timeoutMs?: number;
  /** Control over the OpenAPI document the tools are described from. */
  swagger?: McpSwaggerOptions;
  /** List every documented response in tool descriptions, not only the success one. Default false. */
  describeAllResponses?: boolean;
  /** Add each listed response's JSON schema to tool descriptions. Default false. */
  describeFullResponseSchema?: boolean;
  /**
   * Declare documented JSON success responses as the tool's `outputSchema` and return them as
   * `structuredContent` (a response that does not match is an error result). Default true.
   */
  structuredOutput?: boolean;
  /**
   * Keep output schemas exactly as documented. By default they describe what real responses look like:
   * `@ApiProperty()` marks a property required unless told otherwise, so documented `required` lists are
   * dropped, every property also accepts `null`, `oneOf` is relaxed to `anyOf`, and a bare
   * `{ type: 'object' }` (Swagger's schema for union types) accepts any value. With `true`, a response
   * that lacks a documented-required property or has a `null` where none is documented is an error result.
   * Default false.
   */
  strictOutputSchemas?: boolean;
  /** Offer header parameters declared with `@ApiHeader()` as tool arguments, sent as headers. Default false. */
  headerArguments?: boolean;
  /** Largest response body passed to the client, in bytes; larger ones are cut with a note. Default 1 MiB. */
  maxResponseBytes?: number;
  /**
   * `'readable'` (default): a route whose operationId is `@nestjs/swagger`'s default
   * (`UsersController_findAll`) becomes the tool `users_find_all`; `'operationId'`: tools keep operationIds
   * as written. Explicit operationIds and `@McpTool({ name })` are never changed.
   */
  toolNames?: ToolNaming;
  /**
   * Take tool arguments exactly as documented: no numbers for string parameters (or numeric strings for
   * numeric ones), a bare `{ type: 'object' }` only takes objects, and unknown arguments are refused even
   * when the body is undocumented. Default false (tolerant of how real apps document themselves).
   */
  strictArguments?: boolean;
  /**
   * Protects the MCP endpoint with guards, answers rejected requests with a 401 and `WWW-Authenticate`, and
   * serves RFC 9728 protected-resource metadata. See `McpAuthOptions`.
   */
  auth?: McpAuthOptions;
  /**
   * The MCP protocol revisions the endpoint serves; default all of them: `'2026-07-28'` (clients send their
   * version and capabilities with each request and start with `server/discover`) and `'2025-11-25'`,
   * `'2025-06-18'`, `'2025-03-26'`, `'2024-11-05'` (clients start with `initialize`). Leave out the 2025
   * revisions to serve only 2026-07-28 clients, or `'2026-07-28'` to serve only the 2025 era.
   */
  protocolVersions?: McpProtocolVersion[];
  /**
   * Separate deployment: the `http(s)` URL of a running copy of the API (`'https://api.internal:8443/prefix'`).
   * Tool calls go over HTTP to it (route paths, global prefix included, appended to its path) instead of
   * in-process, with the same forwarding, limits and results; tools are still described from this app.
   */
  baseUrl?: string;
}

/** Options that shape the module itself, so they are static even with `forRootAsync()`. */
export interface McpModuleExtras {
  /** Path of the MCP endpoint. Default `/mcp`; the app's global prefix applies as to any route. */
  path?: string;
  /**
   * Class decorators applied to the generated endpoint controller, e.g. your `Public()` (`SetMetadata`) so a
   * global `APP_GUARD` lets MCP requests through while every route keeps its own guards.
   */
  endpointDecorators?: ClassDecorator[];
}

/** Options after defaults and validation: what the rest of the library reads. */
export interface McpResolvedOptions {
  name?: string;
  version?: string;
  instructions?: string;
  exposure: McpExposure;
  forwardHeaders: ReadonlySet<string>;
  timeoutMs: number;
  swagger: McpSwaggerOptions;
  filters: ToolFilterOptions;
  describeAllResponses: boolean;
  describeFullResponseSchema: boolean;
  structuredOutput: boolean;
  strictOutputSchemas: boolean;
  headerArguments: boolean;
  maxResponseBytes: number;
  toolNames: ToolNaming;
  strictArguments: boolean;
  /** Newest first. */
  protocolVersions: readonly McpProtocolVersion[];
  /** Set when `auth` is configured. */
  auth?: McpResolvedAuth;
  /** Origin/Host checks, body limit and CORS of the endpoint. */
  security: McpResolvedSecurity;
  /** Set for a separate deployment: the API's URL, without a trailing slash. */
  baseUrl?: string;
}

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
    protocolVersions: protocolVersionsOf(options.protocolVersions),
    security: resolveSecurityOptions(options, forwardHeaders),
    ...withAuth(resolveAuthOptions(options.auth)),
    ...baseUrlOption(options.baseUrl),
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
