import type { Tool } from '../catalog/tool.js';
import type { MappedResponse } from './result.mapper.js';
import { errorResult, type ToolResult } from './tool-result.js';

/** Checks a value against the tool's output schema: an error message, or undefined when it matches. */
export type OutputCheck = (tool: Tool, value: unknown) => string | undefined;

/**
 * Adds `structuredContent` to a successful result of a tool that declares an output schema. A response that
 * is not JSON, or does not match the documented schema, is not passed through as if it did: it is an error
 * result that names the route and the first mismatch.
 */
export function withStructuredOutput(
  tool: Tool,
  mapped: MappedResponse,
  check: OutputCheck,
  maxBytes: number,
): ToolResult {
  const output = tool.output;
  if (!output || mapped.result.isError) return mapped.result;
  if (mapped.truncated) {
    return errorResult(
      `Error calling ${tool.name}: the response of ${tool.source} is larger than the ${maxBytes}-byte limit, ` +
        `so it cannot be returned as the structured output its schema promises. Raise the McpModule ` +
        `"maxResponseBytes" option, or page the route's results.`,
    );
  }
  if (!('json' in mapped)) {
    return errorResult(
      `Error calling ${tool.name}: ${tool.source} documents a JSON response but did not return complete JSON. ` +
        `Fix the route or its response decorator, or turn structured output off (McpModule option structuredOutput: false).`,
    );
  }
  const structured = output.wrapped ? { items: mapped.json } : mapped.json;
  const mismatch = check(tool, structured);
  if (mismatch !== undefined) {
    return errorResult(
      `Error calling ${tool.name}: the response of ${tool.source} does not match its documented schema: ` +
        `${mismatch}. Fix the route or its response decorator (@ApiOkResponse, @ApiCreatedResponse), ` +
        `or turn structured output off (McpModule option structuredOutput: false).`,
    );
  }
  return { ...mapped.result, structuredContent: structured as Record<string, unknown> };
}
