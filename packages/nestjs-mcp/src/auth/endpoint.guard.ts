import {
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  type CanActivate,
  type ExecutionContext,
  type Type,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { isObservable, lastValueFrom } from 'rxjs';
import { MCP_RESOLVED_OPTIONS } from '../mcp.constants.js';
import type { McpResolvedOptions } from '../mcp.options.js';
import type { McpGuard } from './auth.options.js';

/** A request to the MCP endpoint refused by `auth.guards`; answered by `AuthRejectionFilter`. */
export class McpAuthRejection extends Error {
  constructor(
    readonly status: 401 | 403,
    /** The JSON body: the guard's own exception response when it gave one. */
    readonly body: object,
  ) {
    super(status === 401 ? 'Unauthorized' : 'Forbidden');
  }
}

/**
 * Runs `auth.guards` on every request to the endpoint, in order, with the real `ExecutionContext`. The
 * guards are read from the resolved options (so `forRootAsync` factories can supply them) and resolved on
 * first use; without `auth` this guard lets everything through and the app's filters see nothing new.
 */
@Injectable()
export class McpEndpointGuard implements CanActivate {
  private guards?: Promise<CanActivate[]>;

  constructor(
    @Inject(MCP_RESOLVED_OPTIONS) private readonly options: McpResolvedOptions,
    private readonly moduleRef: ModuleRef,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const configured = this.options.auth?.guards;
    if (!configured?.length) return true;
    this.guards ??= Promise.all(configured.map((guard) => this.instanceOf(guard)));
    for (const guard of await this.guards) {
      let allowed: boolean;
      try {
        const outcome = guard.canActivate(context);
        allowed = await (isObservable(outcome) ? lastValueFrom(outcome) : outcome);
      } catch (error) {
        throw rejectionOf(error) ?? error;
      }
      // As with @UseGuards(): a guard that answers false forbids.
      if (!allowed) throw new McpAuthRejection(403, defaultBody(HttpStatus.FORBIDDEN, 'Forbidden resource'));
    }
    return true;
  }

  /** A registered provider when there is one, else a new instance built like a `@UseGuards()` guard. */
  private async instanceOf(guard: McpGuard): Promise<CanActivate> {
    if (typeof guard !== 'function') return guard;
    try {
      return this.moduleRef.get(guard as Type<CanActivate>, { strict: false });
    } catch {
      return this.moduleRef.create(guard as Type<CanActivate>);
    }
  }
}

function rejectionOf(error: unknown): McpAuthRejection | undefined {
  if (!(error instanceof HttpException)) return undefined;
  const status = error.getStatus();
  if (status !== HttpStatus.UNAUTHORIZED && status !== HttpStatus.FORBIDDEN) return undefined;
  const response = error.getResponse();
  const body = typeof response === 'object' && response !== null ? response : defaultBody(status, response);
  return new McpAuthRejection(status, body);
}

function defaultBody(statusCode: number, message: string): object {
  return { statusCode, message };
}
