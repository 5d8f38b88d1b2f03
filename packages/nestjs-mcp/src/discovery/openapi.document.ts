import { Injectable, Logger } from '@nestjs/common';
import { GLOBAL_MODULE_METADATA } from '@nestjs/common/constants.js';
import { ApplicationConfig, HttpAdapterHost, ModulesContainer } from '@nestjs/core';
import {
  DECORATORS,
  SwaggerModule,
  type OpenAPIObject,
  type OperationObject,
  type PathItemObject,
} from '@nestjs/swagger';

import type { McpSwaggerOptions } from '../mcp.options.js';
import { toOpenApiPath } from './route-paths.js';
import type { DiscoveredRoute } from './route.js';

/** Temporary extension naming the route an operation was generated from; never left in any document. */
const HANDLER_EXTENSION = 'x-nestjs-mcp-route';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace', 'search', 'query'];

/** One OpenAPI operation joined to the route that serves it. */
export interface RouteOperation {
  readonly route: DiscoveredRoute;
  /** The served path (Nest syntax, prefix and version included) the operation's path stands for. */
  readonly servedPath: string;
  /** Lower-case HTTP method of the operation (`@All()` routes have one operation per method). */
  readonly method: string;
  /** The operation's path in the document (`/items/{id}`). */
  readonly path: string;
  readonly operation: OperationObject;
}

/** The OpenAPI document of the app, and each of its operations joined to its route. */
export interface JoinedDocument {
  readonly document: OpenAPIObject;
  readonly operations: RouteOperation[];
}

/**
 * Builds the app's OpenAPI document with `@nestjs/swagger` and joins every operation to its handler.
 * Operation ids are not a safe key (two controllers may share a class name, `@All()` fans out), so each
 * handler is tagged with a temporary extension while the document is built, then the metadata is restored.
 */
@Injectable()
export class OpenApiDocumentFactory {
  private readonly logger = new Logger('McpModule');

  constructor(
    private readonly modules: ModulesContainer,
    private readonly config: ApplicationConfig,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  create(routes: readonly DiscoveredRoute[], swagger: McpSwaggerOptions): JoinedDocument {
    const routesByHandler = groupByHandler(routes);
    const generated = this.withHandlerTags(routesByHandler, () =>
      SwaggerModule.createDocument(this.appShape(), swagger.config ?? defaultConfig(), {
        ...swagger.options,
        // The paths must be the served ones: tools are dispatched to them.
        ignoreGlobalPrefix: false,
      }),
    );
    const operations: RouteOperation[] = [];
    for (const [path, method, operation] of operationsOf(generated)) {
      const tagged = operation as OperationObject & Record<string, unknown>;
      const sharing = routesByHandler.get(handlerTagged(routesByHandler, tagged[HANDLER_EXTENSION]));
      delete tagged[HANDLER_EXTENSION];
      const served = sharing && servedBy(sharing, path);
      if (!served) {
        if (sharing) this.warnUnmatched(sharing, method, path);
        continue;
      }
      const described = swagger.document ? swagger.document.paths?.[path]?.[method as 'get'] : operation;
      if (!described) {
        this.logger.warn(
          `${served.route.label} (${method.toUpperCase()} ${path}) is not in the OpenAPI document given as ` +
            `"swagger.document", so it is not an MCP tool.`,
        );
        continue;
      }
      operations.push({ ...served, method, path, operation: described });
    }
    return { document: swagger.document ?? generated, operations };
  }

  private warnUnmatched(routes: readonly DiscoveredRoute[], method: string, path: string): void {
    this.logger.warn(
      `${method.toUpperCase()} ${path} matches none of the paths of ${routes.map((route) => route.label).join(', ')}, ` +
        `so it is not an MCP tool.`,
    );
  }

  /**
   * Tags each handler function with the id of its first route while `build` runs. A handler shared by
   * several routes (a base controller's method inherited by subclasses) gets one tag; the document's path
   * then tells its routes apart.
   */
  private withHandlerTags<T>(
    routesByHandler: ReadonlyMap<Function, readonly DiscoveredRoute[]>,
    build: () => T,
  ): T {
    const handlers = [...routesByHandler.keys()];
    const saved = handlers.map((handler) => ({
      handler,
      had: Reflect.hasOwnMetadata(DECORATORS.API_EXTENSION, handler),
      value: Reflect.getOwnMetadata(DECORATORS.API_EXTENSION, handler),
    }));
    try {
      for (const [handler, [first]] of routesByHandler) {
        const current = Reflect.getMetadata(DECORATORS.API_EXTENSION, handler) ?? {};
        Reflect.defineMetadata(
          DECORATORS.API_EXTENSION,
          { ...current, [HANDLER_EXTENSION]: first.id },
          handler,
        );
      }
      return build();
    } finally {
      for (const { handler, had, value } of saved) {
        if (had) Reflect.defineMetadata(DECORATORS.API_EXTENSION, value, handler);
        else Reflect.deleteMetadata(DECORATORS.API_EXTENSION, handler);
      }
    }
  }

  /** What `SwaggerModule.createDocument` reads of an application. */
  private appShape(): Parameters<typeof SwaggerModule.createDocument>[0] {
    const modules = this.modules;
    const shape = {
      container: {
        getModules: () => modules,
        isGlobalModule: (metatype: Function) =>
          Boolean(Reflect.getMetadata(GLOBAL_MODULE_METADATA, metatype)),
      },
      config: this.config,
      getHttpAdapter: () => this.adapterHost.httpAdapter,
    };
    return shape as unknown as Parameters<typeof SwaggerModule.createDocument>[0];
  }
}

function groupByHandler(routes: readonly DiscoveredRoute[]): Map<Function, DiscoveredRoute[]> {
  const groups = new Map<Function, DiscoveredRoute[]>();
  for (const route of routes) groups.set(route.handler, [...(groups.get(route.handler) ?? []), route]);
  return groups;
}

function handlerTagged(groups: ReadonlyMap<Function, readonly DiscoveredRoute[]>, tag: unknown): Function {
  for (const [handler, [first]] of groups) if (first.id === tag) return handler;
  return () => undefined;
}

/** The route, among those sharing a handler, that serves the document's path, and its served path. */
function servedBy(
  routes: readonly DiscoveredRoute[],
  openApiPath: string,
): { route: DiscoveredRoute; servedPath: string } | undefined {
  for (const route of routes) {
    const servedPath = route.paths.find((candidate) => toOpenApiPath(candidate) === openApiPath);
    if (servedPath) return { route, servedPath };
  }
  return undefined;
}

function defaultConfig(): Omit<OpenAPIObject, 'paths'> {
  return { openapi: '3.0.0', info: { title: '', version: '' } };
}

function* operationsOf(document: OpenAPIObject): Generator<[string, string, OperationObject]> {
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = (item as PathItemObject)[method as 'get'];
      if (operation) yield [path, method, operation];
    }
  }
}
