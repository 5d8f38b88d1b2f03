export { ADAPTERS, createApp, type AdapterName } from './adapters.js';
export { connectClient, listen, type ConnectOptions, type RunningApp } from './test-app.js';
export { bearer, signToken, TEST_JWT_SECRET } from './tokens.js';
export { callJson, callRefused, callTool, type CallOutcome, type ProtocolRefusal } from './tool-results.js';
export { jsonRpc, MCP_POST_HEADERS, rawRequest, type RawRequest, type RawResponse } from './raw-http.js';
export { appsPerTest, type AppsPerTest } from './per-test.js';
export { followAuthorization, HeadlessOAuthClient } from './headless-oauth.js';
export { CapturingLogger } from './capturing-logger.js';
