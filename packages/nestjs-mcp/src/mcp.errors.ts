/** An invalid `McpModule` configuration; the message says what to change. */
export class McpConfigurationError extends Error {
  override readonly name = 'McpConfigurationError';
}

/** Two routes would become tools with the same name. */
export class McpToolNameCollisionError extends Error {
  override readonly name = 'McpToolNameCollisionError';
}
