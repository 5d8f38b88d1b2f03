import { Injectable, RequestMethod, type Type } from '@nestjs/common';
import type { VersionValue } from '@nestjs/common/internal';
import { METHOD_METADATA, MODULE_PATH, PATH_METADATA, VERSION_METADATA } from '@nestjs/common/constants.js';
import { ApplicationConfig, DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper.js';
import { RoutePathFactory } from '@nestjs/core/router/route-path-factory.js';
import type { McpToolOptions } from '../decorators/mcp-tool.decorator.js';
import {
  MCP_ENDPOINT_METADATA,
  MCP_EXCLUDE_METADATA,
  MCP_LEGACY_SSE_METADATA,
  MCP_TOOL_METADATA,
} from '../mcp.constants.js';
import type { DiscoveredRoute } from './route.js';

/**
 * Lists every controller route of the app with the full paths the router serves it at. Paths come from
 * Nest's own `RoutePathFactory`, so the global prefix (and its exclusions), URI versioning and
 * `RouterModule` paths are applied exactly as the router applies them.
 */
@Injectable()
export class RouteExplorer {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly config: ApplicationConfig,
    private readonly modules: ModulesContainer,
  ) {}

  /** The app's routes, MCP endpoints left out. */
  explore(): DiscoveredRoute[] {
    return this.routesOf((controller) => !Reflect.getMetadata(MCP_ENDPOINT_METADATA, controller));
  }

  /** The paths every MCP endpoint of the app (or only the one `endpoint` serves) accepts POSTs at. */
  endpointPaths(endpoint?: Type): string[] {
    return this.routesOf(
      (controller) =>
        Reflect.getMetadata(MCP_ENDPOINT_METADATA, controller) === true &&
        (endpoint === undefined || controller === endpoint),
    )
      .filter((route) => route.requestMethod === RequestMethod.POST)
      .flatMap((route) => route.paths);
  }

  /** The paths the legacy SSE transports of the app take their POSTed messages at. */
  legacySsePaths(): string[] {
    return this.routesOf((controller) => Reflect.getMetadata(MCP_LEGACY_SSE_METADATA, controller) === true)
      .filter((route) => route.requestMethod === RequestMethod.POST)
      .flatMap((route) => route.paths);
  }

  /** Every path `controller` serves, whatever the method: the routes of an MCP transport. */
  controllerPaths(controller: Type): string[] {
    return [
      ...new Set(this.routesOf((candidate) => candidate === controller).flatMap((route) => route.paths)),
    ];
  }

  private routesOf(wanted: (controller: Type) => boolean): DiscoveredRoute[] {
    const pathFactory = new RoutePathFactory(this.config);
    const routes: DiscoveredRoute[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const controller = wrapper.metatype as Type | undefined;
      if (controller && wanted(controller))
        routes.push(...this.exploreController(wrapper, controller, pathFactory));
    }
    return routes;
  }

  private exploreController(
    wrapper: InstanceWrapper,
    controller: Type,
    pathFactory: RoutePathFactory,
  ): DiscoveredRoute[] {
    const prototype = controller.prototype as Record<string, Function>;
    const controllerPaths = asArray<string>(Reflect.getMetadata(PATH_METADATA, controller) ?? '/');
    const modulePath = this.modulePath(wrapper);
    const versioningOptions = this.config.getVersioning();
    const controllerVersion: VersionValue | undefined = versioningOptions
      ? (Reflect.getMetadata(VERSION_METADATA, controller) ?? versioningOptions.defaultVersion)
      : undefined;
    const prefix = this.config.getGlobalPrefix();
    const globalPrefix = prefix ? `/${prefix.replace(/^\/+/, '')}` : undefined;

    return this.scanner.getAllMethodNames(prototype).flatMap((methodName) => {
      const handler = prototype[methodName];
      const methodPaths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (methodPaths === undefined) return [];
      const requestMethod: RequestMethod = Reflect.getMetadata(METHOD_METADATA, handler) ?? RequestMethod.GET;
      const methodVersion: VersionValue | undefined = Reflect.getMetadata(VERSION_METADATA, handler);
      const paths = controllerPaths.flatMap((ctrlPath) =>
        asArray(methodPaths).flatMap((methodPath) =>
          pathFactory.create(
            {
              ctrlPath,
              methodPath,
              modulePath,
              globalPrefix,
              versioningOptions,
              controllerVersion,
              methodVersion,
            },
            requestMethod,
          ),
        ),
      );
      const label = `${controller.name}.${methodName}`;
      return [
        {
          id: `${label}#${wrapper.id}`,
          controller,
          methodName,
          handler,
          requestMethod,
          version: methodVersion ?? controllerVersion,
          paths: [...new Set(paths)],
          toolOptions: toolOptionsOf(controller, handler),
          excluded: Boolean(
            Reflect.getMetadata(MCP_EXCLUDE_METADATA, controller) ||
            Reflect.getMetadata(MCP_EXCLUDE_METADATA, handler),
          ),
          label,
          instance: wrapper.instance as object | undefined,
          moduleKey: wrapper.host?.token,
        },
      ];
    });
  }

  private modulePath(wrapper: InstanceWrapper): string | undefined {
    const metatype = wrapper.host?.metatype;
    if (!metatype) return undefined;
    // `RouterModule` stores module paths under a key suffixed with the container's application id.
    return (
      Reflect.getMetadata(MODULE_PATH + this.modules.applicationId, metatype) ??
      Reflect.getMetadata(MODULE_PATH, metatype)
    );
  }
}

function toolOptionsOf(controller: Type, handler: Function): McpToolOptions | undefined {
  const onController = Reflect.getMetadata(MCP_TOOL_METADATA, controller) as McpToolOptions | undefined;
  const onHandler = Reflect.getMetadata(MCP_TOOL_METADATA, handler) as McpToolOptions | undefined;
  if (!onController && !onHandler) return undefined;
  // A name on a controller would give every route the same name: only a handler's name counts.
  const { name: _ignored, ...inherited } = onController ?? {};
  return { ...inherited, ...onHandler };
}

function asArray<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}
