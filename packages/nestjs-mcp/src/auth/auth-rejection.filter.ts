import type { ServerResponse } from 'node:http';
import { Catch, Injectable, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { EndpointAuth } from './endpoint-auth.js';
import { McpAuthRejection } from './endpoint.guard.js';
import { wwwAuthenticate } from './www-authenticate.js';

/**
 * Answers requests refused by `auth.guards` with 401/403 and the `WWW-Authenticate` header MCP clients
 * start their OAuth flow from. Scoped to the endpoint controller, and it catches only `McpAuthRejection`,
 * so the app's other routes and its own filters are untouched.
 */
@Catch(McpAuthRejection)
@Injectable()
export class AuthRejectionFilter implements ExceptionFilter<McpAuthRejection> {
  constructor(
    private readonly endpoint: EndpointAuth,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  catch(rejection: McpAuthRejection, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<{ headers?: Record<string, unknown> }>();
    const response = http.getResponse<unknown>();
    const adapter = this.adapterHost.httpAdapter;
    const auth = this.endpoint.auth;
    if (auth) {
      const header = wwwAuthenticate({
        status: rejection.status,
        credentialsSent: Boolean(request.headers?.authorization),
        resourceMetadataUrl: this.endpoint.metadataUrl(auth, request),
        scopes: auth.scopesSupported,
      });
      adapter.setHeader(response, 'WWW-Authenticate', header);
      // A browser-based client reads the header only when CORS exposes it (the app's CORS setup, if any,
      // decides whether the response is readable at all).
      if (request.headers?.origin && !exposesWwwAuthenticate(response)) {
        adapter.appendHeader(response, 'Access-Control-Expose-Headers', 'WWW-Authenticate');
      }
    }
    adapter.setHeader(response, 'Content-Type', 'application/json; charset=utf-8');
    adapter.reply(response, rejection.body, rejection.status);
  }
}

/** Whether the endpoint's own CORS (option `cors`) already exposes the header on the Node response. */
function exposesWwwAuthenticate(response: unknown): boolean {
  const raw = (response as { raw?: ServerResponse }).raw ?? (response as ServerResponse);
  const exposed = typeof raw.getHeader === 'function' ? raw.getHeader('access-control-expose-headers') : '';
  return /(^|,)\s*www-authenticate\s*(,|$)/i.test(String(exposed ?? ''));
}
