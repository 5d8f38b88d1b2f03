import {
  HttpException,
  HttpStatus,
  Injectable,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { isObservable, lastValueFrom } from 'rxjs';
import { EndpointAuth } from './endpoint-auth.js';

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
 * guards come from the resolved options (so a `forRootAsync` factory can supply them); without `auth` this
 * guard lets everything through and the app's filters see nothing new.
 */
@Injectable()
export class McpEndpointGuard implements CanActivate {
  constructor(private readonly endpoint: EndpointAuth) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Without `auth` there is nothing to run, and the context copy below is not free (it turns the
    // request's context into a prototype): skip it on every MCP request of an endpoint without guards.
    if (this.endpoint.guards.length === 0) return true;
    const unmarked = withoutEndpointMetadata(context);
    for (const guard of this.endpoint.guards) {
      let allowed: boolean;
      try {
        const outcome = guard.canActivate(unmarked);
        allowed = await (isObservable(outcome) ? lastValueFrom(outcome) : outcome);
      } catch (error) {
        throw rejectionOf(error) ?? error;
      }
      // As with @UseGuards(): a guard that answers false forbids.
      if (!allowed) throw new McpAuthRejection(403, defaultBody(HttpStatus.FORBIDDEN, 'Forbidden resource'));
    }
    return true;
  }
}

/** A class and handler that carry no metadata: what `auth.guards` see as the endpoint. */
class McpEndpoint {
  handle(): void {}
}

/**
 * The request's context, but with a class and handler free of the endpoint's own decorators:
 * `endpointDecorators` (e.g. `Public()`) open the endpoint to the app's global guards, and must not also
 * open it to `auth.guards` when one of them is the same `@Public()`-aware guard.
 */
function withoutEndpointMetadata(context: ExecutionContext): ExecutionContext {
  return Object.assign(Object.create(context) as ExecutionContext, {
    getClass: () => McpEndpoint,
    getHandler: () => McpEndpoint.prototype.handle,
  });
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
