import type { OperationObject } from '@nestjs/swagger';
import { describeResponses, type ResponseDocsOptions } from './response-docs.js';

/**
 * The tool description, as markdown: the operation's summary (or `METHOD /path`), its description, then
 * its documented responses (`### Responses:`), as FastAPI-MCP writes them.
 */
export function describeOperation(
  operation: OperationObject,
  method: string,
  path: string,
  components: Record<string, unknown> | undefined,
  options: ResponseDocsOptions,
  /** One line saying a login is needed (see `describeSecurity`), placed before the responses. */
  security?: string,
): string {
  const heading = operation.summary?.trim() || `${method.toUpperCase()} ${path}`;
  const details = operation.description?.trim();
  const text = details && details !== heading ? `${heading}\n\n${details}` : heading;
  return text + (security ? `\n\n${security}` : '') + describeResponses(operation, components, options);
}
