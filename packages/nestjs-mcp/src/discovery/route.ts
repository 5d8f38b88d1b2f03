import type { RequestMethod, Type } from '@nestjs/common';
import type { VersionValue } from '@nestjs/common/internal';
import type { McpToolOptions } from '../decorators/mcp-tool.decorator.js';

/** A controller route as the Nest router serves it. */
export interface DiscoveredRoute {
  /** Unique across the app; joins the route to its OpenAPI operations. */
  readonly id: string;
  readonly controller: Type;
  readonly methodName: string;
  /** The handler function (the controller prototype's method). */
  readonly handler: Function;
  readonly requestMethod: RequestMethod;
  /** The route's version (method's, else controller's, else the app default), when versioning is on. */
  readonly version?: VersionValue;
  /** Every path the router serves the handler at (global prefix, versions, `RouterModule` paths applied). */
  readonly paths: readonly string[];
  /** `@McpTool()` options of the controller and the handler, the handler's winning. */
  readonly toolOptions?: McpToolOptions;
  /** `@McpExclude()` on the controller or the handler. */
  readonly excluded: boolean;
  /** `Controller.method`, for messages. */
  readonly label: string;
  /** The controller instance and its module's key, with which Nest resolves the route's guards. */
  readonly instance?: object;
  readonly moduleKey?: string;
}
