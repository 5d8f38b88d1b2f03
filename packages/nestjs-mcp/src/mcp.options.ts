import type { OpenAPIObject, SwaggerDocumentOptions } from '@nestjs/swagger';
import type { ToolFilterOptions } from './catalog/filters.js';
import type { ToolNaming } from './catalog/tool-name.js';
import type { McpAuthOptions, McpResolvedAuth } from './auth/auth.options.js';
import type { McpSecurityOptions, McpResolvedSecurity } from './http/security.options.js';
import type { McpProtocolVersion } from './protocol/protocol-versions.js';
import type { McpSessionMode } from './protocol/sessions/session.options.js';
import type { McpSseOption } from './http/sse.options.js';

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
  /**
   * `'stateless'` (default): every request stands alone, so any number of replicas can serve the endpoint
   * behind a plain load balancer. `'stateful'`: 2025-era clients get an `Mcp-Session-Id` at `initialize`,
   * may open a `GET` stream for server notifications (`tools/list_changed`, log records) and end the session
   * with `DELETE`; sessions live in this process, so several replicas need sticky routing. 2026-07-28
   * requests are served per request in both modes.
   */
  session?: McpSessionMode;
  /** `session: 'stateful'`: a session without a request for this long is ended. Default 30 minutes. */
  sessionIdleTimeoutMs?: number;
  /**
   * `session: 'stateful'`: the most sessions open at once; a further `initialize` is refused (503) until
   * one ends. Default 1000.
   */
  maxSessions?: number;
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
  /**
   * Also serve the legacy HTTP+SSE transport (protocol 2024-11-05, for clients that predate Streamable
   * HTTP): `GET /sse` opens a session's event stream, its `endpoint` event names
   * `/sse/messages?session_id=…` for the client's POSTs. `true` serves it beside the endpoint (its last path
   * segment becomes `sse`); `{ path }` chooses the path. Same tools, guards and limits as the endpoint;
   * bounded by `maxSessions` and `sessionIdleTimeoutMs`. Default off.
   */
  sse?: McpSseOption;
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
  session: McpSessionMode;
  sessionIdleTimeoutMs: number;
  maxSessions: number;
}
