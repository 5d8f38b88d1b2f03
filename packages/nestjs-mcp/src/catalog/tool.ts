import type { McpToolAnnotations } from '../decorators/mcp-tool.decorator.js';
import type { JsonSchema } from './json-schema.js';

/** Where an argument of a tool goes in the HTTP request. */
export type ArgumentLocation = 'path' | 'query' | 'header' | 'body';

/** How the body is encoded: JSON, `application/x-www-form-urlencoded` or `multipart/form-data`. */
export type BodyEncoding = 'json' | 'form' | 'multipart';

/** Binds one tool argument to one part of the HTTP request. */
export interface ArgumentBinding {
  /** The argument's name in the tool's input schema. */
  readonly argument: string;
  readonly in: ArgumentLocation;
  /** The parameter's or body property's name on the HTTP side; absent for a whole-body argument. */
  readonly name?: string;
  /** A multipart file field: the argument carries the file's content, base64-encoded. */
  readonly file?: boolean;
}

/** How a tool call becomes an HTTP request to the route. */
export interface ToolEndpoint {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** The served path in Nest's route syntax (`/api/v1/items/:id`), prefix and version included. */
  readonly pathTemplate: string;
  readonly bindings: readonly ArgumentBinding[];
  /** How body arguments are encoded (JSON when the operation takes no body). */
  readonly bodyEncoding: BodyEncoding;
  /**
   * The body is undocumented or open (no properties, or `additionalProperties` allowed): arguments no
   * binding names are sent as body properties instead of being refused.
   */
  readonly openBody?: boolean;
  /** Headers every call sends, e.g. the version header that selects the route under header versioning. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The tool's structured output: the documented success response as an object schema. */
export interface ToolOutput {
  /** JSON Schema 2020-12 with `type: 'object'` at the root. */
  readonly schema: JsonSchema;
  /** An array response is returned wrapped as `{ items: [...] }`: the output root must be an object. */
  readonly wrapped: boolean;
}

/** One MCP tool made from one route operation. Immutable once in a catalog. */
export interface Tool {
  readonly name: string;
  readonly title?: string;
  readonly description: string;
  /** JSON Schema 2020-12 with `type: 'object'`. */
  readonly inputSchema: JsonSchema;
  readonly annotations: McpToolAnnotations;
  readonly output?: ToolOutput;
  readonly endpoint: ToolEndpoint;
  /** Sent as the tool's `_meta`, e.g. the route's security requirements. */
  readonly meta?: Readonly<Record<string, unknown>>;
  /** `Controller.method (GET /path)`, for messages. */
  readonly source: string;
  /**
   * The route reads a body whose fields its docs do not describe: extra arguments go in the body, or
   * (with `strictArguments`) the body is one `body` argument. Messages then say how to document it.
   */
  readonly undocumentedBody?: boolean;
}
