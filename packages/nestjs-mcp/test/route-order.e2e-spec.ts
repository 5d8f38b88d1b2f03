import 'reflect-metadata';
import {
  Controller,
  Get,
  Injectable,
  Module,
  Param,
  Post,
  type MiddlewareConsumer,
  type NestMiddleware,
  type NestModule,
} from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { ADAPTERS, appsPerTest, callJson, jsonRpc, MCP_POST_HEADERS, rawRequest } from '@nestjs-mcp/testing';
import { McpModule } from 'nestjs-mcp';

/** Routes whose path parameter also matches `/mcp`: registered before the endpoint, they could shadow it. */
@Controller()
class SlugController {
  @Post(':slug')
  @ApiOperation({ operationId: 'post_slug' })
  post(@Param('slug') slug: string): { posted: string } {
    return { posted: slug };
  }

  @Get(':slug')
  @ApiOperation({ operationId: 'get_slug' })
  get(@Param('slug') slug: string): { got: string } {
    return { got: slug };
  }
}

/** Marks every response, so a test can see that the app's middleware ran. */
@Injectable()
class MarkMiddleware implements NestMiddleware {
  use(_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void): void {
    res.setHeader('x-app-middleware', 'ran');
    next();
  }
}

@Module({ controllers: [SlugController] })
class SlugModule {}

@Module({ imports: [SlugModule, McpModule.forRoot()] })
class RouteOrderModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(MarkMiddleware).forRoutes('*path');
  }
}

describe.each(ADAPTERS)('the endpoint among app routes that match its path on %s', (adapter) => {
  const { start } = appsPerTest(adapter);

  it('serves MCP at its path, after the app middleware, while the app routes serve the rest', async () => {
    const running = await start(RouteOrderModule);
    const mcp = await rawRequest(`${running.baseUrl}/mcp`, {
      headers: MCP_POST_HEADERS,
      body: jsonRpc('tools/list', {}, 5),
    });
    expect(mcp.status).toBe(200);
    expect(mcp.headers['x-app-middleware']).toBe('ran');
    const tools = (mcp.message().result as { tools: Array<{ name: string }> }).tools;
    expect(tools.map((tool) => tool.name).sort()).toEqual(['get_slug', 'post_slug']);

    const other = await fetch(`${running.baseUrl}/other`, { method: 'POST' });
    expect(await other.json()).toEqual({ posted: 'other' });
    const client = await running.connect();
    expect(await callJson(client, 'get_slug', { slug: 'x' })).toEqual({ got: 'x' });
  });
});
