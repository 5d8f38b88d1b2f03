import { Module } from '@nestjs/common';
import { AuthGuard, PassportModule } from '@nestjs/passport';
import { McpModule } from 'nestjs-mcp';

import { JwtStrategy } from './auth/jwt.strategy.js';
import { MeController } from './auth/me.controller.js';
import { ItemsRestModule } from './items-rest.module.js';

/**
 * Token passthrough, after FastAPI-MCP's `08_auth_example_token_passthrough.py`: the MCP endpoint is
 * guarded by the app's own `AuthGuard('jwt')` (no token → 401 with `WWW-Authenticate`), and the
 * client's `Authorization` header is forwarded to every tool call, so `GET /me` (guarded too) resolves
 * the caller from it.
 */
@Module({
  imports: [
    ItemsRestModule,
    PassportModule,
    McpModule.forRoot({
      name: 'Items MCP (token passthrough)',
      version: '1.0.0',
      excludeTags: ['admin'],
      auth: { guards: [AuthGuard('jwt')] },
    }),
  ],
  controllers: [MeController],
  providers: [JwtStrategy],
})
export class AuthExampleModule {}
