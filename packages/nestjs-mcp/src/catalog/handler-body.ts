import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/internal';
import type { DiscoveredRoute } from '../discovery/route.js';
import type { Tool } from './tool.js';

/**
 * Whether the route's handler takes the request body (`@Body()` or `@Body('name')`). When the document
 * describes no body for it (an untyped `@Body()`), the body is undocumented rather than absent.
 */
export function readsBody(route: DiscoveredRoute): boolean {
  const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, route.controller, route.methodName) as
    Record<string, unknown> | undefined;
  return Object.keys(args ?? {}).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY));
}

/** A tool whose route reads a body that documents no property at all: its app should describe it. */
export function hasUndocumentedBody(tool: Tool): boolean {
  return tool.undocumentedBody === true;
}
