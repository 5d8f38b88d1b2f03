import type { OperationObject } from '@nestjs/swagger';

/**
 * The tool description: the operation's summary (or `METHOD /path`), then its description, as markdown.
 * Response documentation is appended here in a later step.
 */
export function describeOperation(operation: OperationObject, method: string, path: string): string {
  const heading = operation.summary?.trim() || `${method.toUpperCase()} ${path}`;
  const details = operation.description?.trim();
  return details && details !== heading ? `${heading}\n\n${details}` : heading;
}
