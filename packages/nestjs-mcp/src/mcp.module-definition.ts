import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { McpModuleExtras, McpModuleOptions } from './mcp.options.js';

/**
 * `forRoot(options & extras)` / `forRootAsync({ useFactory, inject, imports } & extras)`. Extras shape the
 * module itself (the endpoint's path), so they are static even when the options are async.
 */
export const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN, OPTIONS_TYPE, ASYNC_OPTIONS_TYPE } =
  new ConfigurableModuleBuilder<McpModuleOptions>({ moduleName: 'Mcp' })
    .setClassMethodName('forRoot')
    .setExtras<McpModuleExtras>(
      { path: undefined, endpointDecorators: undefined, sse: undefined },
      (definition) => definition,
    )
    .build();
