import 'reflect-metadata';

import { Logger } from '@nestjs/common';

import { adapterFromEnv, createItemsApp, listenFromEnv } from './bootstrap.js';
import { startDevOidcProvider } from './oauth/dev-oidc-provider.js';
import { devProviderConfig, discoverKeys, externalProviderFromEnv } from './oauth/oauth-config.js';
import { OAuthExampleModule } from './oauth-example.module.js';

// The OAuth example on port 3003 by default. Without AUTH0_* or OAUTH_* variables it also starts a local
// OpenID provider on OIDC_PORT (default 3004), so that it runs without internet.
const logger = new Logger('ItemsApiOAuth');
let config = externalProviderFromEnv();
let devProvider: Awaited<ReturnType<typeof startDevOidcProvider>> | undefined;
if (!config) {
  devProvider = await startDevOidcProvider({
    port: Number(process.env.OIDC_PORT ?? 3004),
    host: process.env.HOST,
    redirectUris: process.env.OIDC_REDIRECT_URIS?.split(',').filter(Boolean),
    user: process.env.OIDC_DEV_USER || undefined,
  });
  config = devProviderConfig(devProvider.issuer);
  logger.log(`Local OpenID provider (dev auto-login, static client ${config.clientId}) at ${config.issuer}`);
}
const keys = await discoverKeys(config);
const adapter = adapterFromEnv();
const app = await createItemsApp(adapter, {}, OAuthExampleModule.forProvider(config, keys));
// The provider stops with the app (SIGINT/SIGTERM run the shutdown hooks).
if (devProvider) {
  const provider = devProvider;
  app.getHttpServer().once('close', () => void provider.close());
}
const base = await listenFromEnv(app, 3003);
logger.log(`Items API OAuth example (${adapter}) listening on ${base}, logging in at ${config.issuer}`);
logger.log(`MCP endpoint (OAuth): ${base}/mcp`);
logger.log(`Authorization-server metadata (proxied): ${base}/.well-known/oauth-authorization-server`);
