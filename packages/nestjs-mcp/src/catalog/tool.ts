import type { JsonSchema } from './json-schema.js';

/** Where an argument of a tool goes in the HTTP request. */
export type ArgumentLocation = 'path' | 'query' | 'body';

/** Binds one tool argument to one part of the HTTP request. */
export interface ArgumentBinding {
  /** The argument's name in the tool's input schema. */
  readonly argument: string;
  readonly in: ArgumentLocation;
  /** The parameter's or body property's name on the HTTP side; absent for a whole-body argument. */
  readonly name?: string;
}

/** How a tool call becomes an HTTP request to the route. */
export interface ToolEndpoint {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** The served path in Nest's route syntax (`/api/v1/items/:id`), prefix and version included. */
  readonly pathTemplate: string;
  readonly bindings: readonly ArgumentBinding[];
}

/** One MCP tool made from one route operation. Immutable once in a catalog. */
export interface Tool {
  readonly name: string;
  readonly title?: string;
  readonly description: string;
  /** JSON Schema 2020-12 with `type: 'object'`. */
  readonly inputSchema: JsonSchema;
  readonly endpoint: ToolEndpoint;
  /** `Controller.method (GET /path)`, for messages. */
  readonly source: string;
}
