import {
  type DynamicModule,
  HttpStatus,
  Inject,
  Injectable,
  type MiddlewareConsumer,
  Module,
  type NestMiddleware,
  type NestModule,
  type Type,
} from '@nestjs/common';
import { MODULE_METADATA } from '@nestjs/common/constants.js';
import { McpModule } from 'nestjs-mcp';

import { ITEMS_MCP_OPTIONS } from './app.module.js';
import { ItemsRestModule } from './items-rest.module.js';

/** Where the separately running items API answers (set by `remoteExampleModule`). */
export const ITEMS_API_URL = Symbol('ITEMS_API_URL');

interface NodeResponse {
  statusCode: number;
  setHeader(name: string, value: string): void;
  end(body: string): void;
}

/**
 * Answers requests for the API's own routes in the MCP process with `421 Misdirected Request`, pointing at
 * the API: this process has the routes only so that their metadata describes the tools, and its copy of
 * the state (the in-memory items) is not the API's.
 */
@Injectable()
class ServedByTheApi implements NestMiddleware {
  constructor(@Inject(ITEMS_API_URL) private readonly apiUrl: string) {}

  use(_req: unknown, res: NodeResponse): void {
    res.statusCode = HttpStatus.MISDIRECTED;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(
      JSON.stringify({
        statusCode: HttpStatus.MISDIRECTED,
        message: `This process is the MCP server only (at /mcp). The items API answers at ${this.apiUrl}.`,
      }),
    );
  }
}

/**
 * The MCP server of a separate deployment: the items API's routes and metadata (to describe the tools)
 * and the same MCP options as `AppModule`, with tool calls sent over HTTP to the API at `apiUrl`. The
 * routes themselves are not served here (see {@link ServedByTheApi}).
 */
export function remoteExampleModule(apiUrl: string): DynamicModule {
  const controllers = (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, ItemsRestModule) ?? []) as Type[];

  @Module({})
  class RemoteExampleModule implements NestModule {
    configure(consumer: MiddlewareConsumer): void {
      consumer.apply(ServedByTheApi).forRoutes(...controllers);
    }
  }

  return {
    module: RemoteExampleModule,
    imports: [ItemsRestModule, McpModule.forRoot({ ...ITEMS_MCP_OPTIONS, baseUrl: apiUrl })],
    providers: [{ provide: ITEMS_API_URL, useValue: apiUrl }],
  };
}
