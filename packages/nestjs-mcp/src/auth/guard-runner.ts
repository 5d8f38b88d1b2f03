import { HttpStatus, Logger, type CanActivate, type ExecutionContext, type Type } from '@nestjs/common';
import {
  ContextIdFactory,
  type ApplicationConfig,
  type ModuleRef,
  type ModulesContainer,
  type NestContainer,
} from '@nestjs/core';
import { GuardsConsumer, GuardsContextCreator, Injector } from '@nestjs/core/internal';
import type { DiscoveredRoute } from '../discovery/route.js';

/** Marks the synthetic request of a listing probe; read by `isMcpListingProbe`. */
const LISTING_PROBE = Symbol.for('nestjs-mcp.listingProbe');

/**
 * True when a guard runs for a `tools/list` probe (which only asks whether the caller would be let
 * through) rather than for a real request. A guard with side effects (counting, rate limiting, auditing)
 * can skip them then:
 * ```ts
 * if (isMcpListingProbe(context)) return this.wouldAllow(context);
 * ```
 */
export function isMcpListingProbe(context: ExecutionContext): boolean {
  if (context.getType() !== 'http') return false;
  const request = context.switchToHttp().getRequest<Record<symbol, unknown> | undefined>();
  return request?.[LISTING_PROBE] === true;
}

/** What a listing probe's request carries. */
export interface ProbeRequest {
  readonly method: string;
  /** The route's path as served (`/api/items/:id`): no argument values exist at listing time. */
  readonly url: string;
  /** The caller's forwarded headers (and the tool's fixed headers), names in lower case. */
  readonly headers: Record<string, string>;
  readonly ip?: string;
}

/** How the route's guards answered a probe. */
export type ProbeOutcome = 'allowed' | 'refused' | 'failed';

/**
 * Runs a route's own guards (the app's global guards, the controller's, the handler's, as Nest's router
 * resolves them) on a synthetic request, without the handler. Guards resolve once per route; nothing
 * about a caller is kept.
 */
export class RouteGuardRunner {
  private readonly contexts: GuardsContextCreator;
  private readonly consumer = new GuardsConsumer();
  private readonly resolved = new WeakMap<DiscoveredRoute, CanActivate[]>();
  private readonly warned = new WeakSet<DiscoveredRoute>();
  private readonly logger = new Logger('McpModule');
  private readonly injector = new Injector();

  constructor(
    private readonly modules: ModulesContainer,
    config: ApplicationConfig,
    private readonly moduleRef: ModuleRef,
    private readonly skipped: ReadonlyArray<Type<CanActivate> | string>,
  ) {
    // The creator only asks the container for its modules.
    const container = { getModules: () => modules } as unknown as NestContainer;
    this.contexts = new GuardsContextCreator(container, config);
  }

  /** `allowed`, `refused` (false, or a 401/403), or `failed` (any other error: the caller may still pass). */
  async probe(route: DiscoveredRoute, request: ProbeRequest): Promise<ProbeOutcome> {
    const req = probeRequest(request);
    try {
      // Inside the try: a guard Nest cannot resolve here fails this probe, not the whole listing.
      const { guards, instance } = (await this.scopedGuardsOf(route, req)) ?? {
        guards: this.guardsOf(route),
        instance: instanceOf(route),
      };
      if (guards.length === 0) return 'allowed';
      const allowed = await this.consumer.tryActivate(
        guards,
        [req, probeResponse(), () => undefined],
        instance,
        route.handler as (...args: unknown[]) => unknown,
        'http',
      );
      return allowed ? 'allowed' : 'refused';
    } catch (error) {
      if (isAuthRejection(error)) return 'refused';
      this.warnOnce(route, error);
      return 'failed';
    }
  }

  /** Once per route: a guard that fails on every listing would otherwise flood the log. */
  private warnOnce(route: DiscoveredRoute, error: unknown): void {
    if (this.warned.has(route)) return;
    this.warned.add(route);
    this.logger.warn(
      `A guard of ${route.label} failed while tools/list checked whether to list it ` +
        `(${(error as Error)?.message ?? String(error)}), so its tool stays listed; calls still run its guards. ` +
        'A guard can tell listing probes apart with isMcpListingProbe(context), or be left out of listings ' +
        'with auth.skipGuardsWhenListing.',
    );
  }

  /**
   * A route whose controller or guards depend on request-scoped providers gets them built for the probe
   * request, as Nest's router builds them per request; `undefined` for a static route.
   */
  private async scopedGuardsOf(
    route: DiscoveredRoute,
    req: object,
  ): Promise<{ guards: CanActivate[]; instance: object } | undefined> {
    const module = route.moduleKey === undefined ? undefined : this.modules.get(route.moduleKey);
    const wrapper = module?.controllers.get(route.controller);
    if (!module || !wrapper || wrapper.isDependencyTreeStatic()) return undefined;
    const contextId = ContextIdFactory.create();
    this.moduleRef.registerRequestByContextId(req, contextId);
    const instance = (await this.injector.loadPerContext(
      wrapper.instance,
      module,
      module.controllers,
      contextId,
    )) as object;
    const handler = route.handler as (...args: unknown[]) => unknown;
    const guards = this.contexts.create(
      instance,
      handler,
      module.token,
      contextId,
      wrapper.id,
    ) as CanActivate[];
    return { guards: guards.filter((guard) => !this.isSkipped(guard)), instance };
  }

  private guardsOf(route: DiscoveredRoute): CanActivate[] {
    let guards = this.resolved.get(route);
    if (!guards) {
      const handler = route.handler as (...args: unknown[]) => unknown;
      guards = (
        this.contexts.create(
          instanceOf(route),
          handler,
          route.moduleKey ?? '',
          undefined,
          undefined,
        ) as CanActivate[]
      ).filter((guard) => !this.isSkipped(guard));
      this.resolved.set(route, guards);
    }
    return guards;
  }

  private isSkipped(guard: CanActivate): boolean {
    return this.skipped.some((entry) =>
      typeof entry === 'string' ? hasClassNamed(guard, entry) : guard instanceof entry,
    );
  }
}

/** The controller instance (its class is what `context.getClass()` answers). */
function instanceOf(route: DiscoveredRoute): object {
  return route.instance ?? (Object.create(route.controller.prototype as object) as object);
}

/** The guard's class or one of its ancestors is called `name` (a `ThrottlerGuard` subclass, say). */
function hasClassNamed(guard: object, name: string): boolean {
  for (let proto = Object.getPrototypeOf(guard); proto; proto = Object.getPrototypeOf(proto)) {
    if ((proto as { constructor?: { name?: string } }).constructor?.name === name) return true;
  }
  return false;
}

/** An `UnauthorizedException` or `ForbiddenException`, or any HTTP exception with status 401 or 403. */
function isAuthRejection(error: unknown): boolean {
  const status = (error as { getStatus?: () => unknown } | null)?.getStatus?.();
  return status === HttpStatus.UNAUTHORIZED || status === HttpStatus.FORBIDDEN;
}

/**
 * A request object that reads like an Express request and a Fastify request (`raw` points to itself), so
 * guards written for either adapter find what they read: headers, method, url, ip. There is no body,
 * no path parameter values and no socket beyond the remote address.
 */
function probeRequest({ method, url, headers, ip }: ProbeRequest): Record<string | symbol, unknown> {
  const path = url.split('?')[0];
  const request: Record<string | symbol, unknown> = {
    [LISTING_PROBE]: true,
    method,
    url,
    originalUrl: url,
    path,
    headers,
    query: {},
    params: {},
    ip,
    ips: [],
    hostname: headers.host ?? 'localhost',
    socket: { remoteAddress: ip },
    connection: { remoteAddress: ip },
    get(name: string) {
      return headers[name.toLowerCase()];
    },
    header(name: string) {
      return headers[name.toLowerCase()];
    },
  };
  request.raw = request;
  return request;
}

/** A response that accepts what guards commonly do to one (set headers or a status) and sends nothing. */
function probeResponse(): Record<string, unknown> {
  const headers: Record<string, unknown> = {};
  const response: Record<string, unknown> = {
    statusCode: 200,
    headersSent: false,
    setHeader(name: string, value: unknown) {
      headers[name.toLowerCase()] = value;
      return response;
    },
    getHeader: (name: string) => headers[name.toLowerCase()],
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
    header(name: string, value: unknown) {
      headers[name.toLowerCase()] = value;
      return response;
    },
    status(code: number) {
      response.statusCode = code;
      return response;
    },
    code(code: number) {
      response.statusCode = code;
      return response;
    },
    end: () => undefined,
    send: () => response,
  };
  response.raw = response;
  return response;
}
