import { Module } from '@nestjs/common';
import { AuthGuard, PassportModule } from '@nestjs/passport';
import { McpModule, type McpModuleOptions } from 'nestjs-mcp';

import { JwtStrategy } from './auth/jwt.strategy.js';
import { MeController } from './auth/me.controller.js';
import { ItemsRestModule } from './items-rest.module.js';

/** The MCP options of the token-passthrough example (the tests serve them over every transport). */
export const AUTH_EXAMPLE_MCP_OPTIONS: McpModuleOptions = {
  name: 'Items MCP (token passthrough)',
  version: '1.0.0',
  excludeTags: ['admin'],
  auth: { guards: [AuthGuard('jwt')] },
};

/**
 * Token passthrough, after FastAPI-MCP's `08_auth_example_token_passthrough.py`: the MCP endpoint is
 * guarded by the app's own `AuthGuard('jwt')` (no token → 401 with `WWW-Authenticate`), and the
 * client's `Authorization` header is forwarded to every tool call, so `GET /me` (guarded too) resolves
 * the caller from it.
 */
@Module({
  imports: [ItemsRestModule, PassportModule, McpModule.forRoot(AUTH_EXAMPLE_MCP_OPTIONS)],
  controllers: [MeController],
  providers: [JwtStrategy],
})
export class AuthExampleModule {}
