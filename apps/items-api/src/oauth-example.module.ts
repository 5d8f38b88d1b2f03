import { type DynamicModule, Module } from '@nestjs/common';
import { AuthGuard, PassportModule } from '@nestjs/passport';
import { McpModule } from 'nestjs-mcp';

import { MeController } from './auth/me.controller.js';
import { ItemsRestModule } from './items-rest.module.js';
import { ITEMS_SCOPE } from './oauth/dev-oidc-provider.js';
import type { OAuthExampleConfig, ProviderKeys } from './oauth/oauth-config.js';
import { providerJwtStrategy } from './oauth/provider-jwt.strategy.js';

/**
 * The OAuth example, after FastAPI-MCP's `09_auth_example_auth0.py`: the MCP endpoint is guarded by
 * `AuthGuard('jwt')` checking the provider's JWTs, and the OAuth proxy (`setupProxies`) lets MCP clients log
 * in at a provider that has no dynamic client registration, handing them the pre-registered client.
 */
@Module({})
export class OAuthExampleModule {
  /** The example for `config`'s provider, whose discovery document gave `keys`. */
  static forProvider(config: OAuthExampleConfig, keys: ProviderKeys): DynamicModule {
    return {
      module: OAuthExampleModule,
      imports: [
        ItemsRestModule,
        PassportModule,
        McpModule.forRoot({
          name: 'Items MCP (OAuth)',
          version: '1.0.0',
          excludeTags: ['admin'],
          auth: {
            issuer: config.issuer,
            oauthMetadataUrl: config.metadataUrl,
            setupProxies: true,
            clientId: config.clientId,
            clientSecret: config.clientSecret,
            audience: config.audience,
            scopesSupported: [ITEMS_SCOPE],
            guards: [AuthGuard('jwt')],
          },
        }),
      ],
      controllers: [MeController],
      providers: [providerJwtStrategy(keys, config.audience)],
    };
  }
}
