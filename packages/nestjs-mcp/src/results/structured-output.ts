import type { Tool } from '../catalog/tool.js';
import type { MappedResponse } from './result.mapper.js';
import { errorResult, type ToolResult } from './tool-result.js';

/** Checks a value against the tool's output schema: an error message, or undefined when it matches. */
export type OutputCheck = (tool: Tool, value: unknown) => string | undefined;

const FIX =
  'Fix the route or its response decorator (@ApiOkResponse, @ApiCreatedResponse), or turn structured ' +
  'output off (McpModule option structuredOutput: false).';

/**
 * Adds `structuredContent` to a successful result of a tool that declares an output schema; an empty
 * response is `{}` (output schemas are tolerant by default, so `{}` matches them). A response that cannot
 * be given as structured content matching the schema (not JSON, too large, a mismatch) is an `isError`
 * result: the SDK client rejects a success without matching structured content. Such a result says the
 * route answered, what did not match, and the response; for a write it also says that the operation ran and
 * must not be repeated (a read may be repeated or paged).
 */
export function withStructuredOutput(
  tool: Tool,
  mapped: MappedResponse,
  check: OutputCheck,
  maxBytes: number,
): ToolResult {
  const output = tool.output;
  if (!output || mapped.result.isError) return mapped.result;
  if (mapped.empty) {
    const mismatch = check(tool, {});
    if (mismatch === undefined) return { ...mapped.result, structuredContent: {} };
    return ranButFailed(tool, mapped, `its empty response does not match the output schema: ${mismatch}`);
  }
  if (mapped.truncated) {
    return ranButFailed(
      tool,
      mapped,
      `its response is larger than the ${maxBytes}-byte limit, so it cannot be returned as the ` +
        `structured output its schema promises`,
      'Raise the McpModule "maxResponseBytes" option, or page the route\'s results.',
    );
  }
  if (!('json' in mapped)) {
    return ranButFailed(tool, mapped, 'it documents a JSON response but did not return JSON');
  }
  const structured = output.wrapped ? { items: mapped.json } : mapped.json;
  const mismatch = check(tool, structured);
  if (mismatch !== undefined) {
    return ranButFailed(tool, mapped, `its response does not match the output schema: ${mismatch}`);
  }
  return { ...mapped.result, structuredContent: structured as Record<string, unknown> };
}

/** An error result for a route that answered with a success status the tool cannot pass on as is. */
function ranButFailed(tool: Tool, mapped: MappedResponse, what: string, fix = FIX): ToolResult {
  const body = mapped.result.content
    .map((block) => (block.type === 'text' ? block.text : `[${block.type} content]`))
    .join('\n');
  const answered = `Error calling ${tool.name}: ${tool.source} answered ${mapped.status}`;
  const lead = isRead(tool)
    ? `${answered}, but this is an error result because ${what}.`
    : `${answered}, so the operation ran: do not repeat the call. This is an error result only because ${what}.`;
  return errorResult(`${lead} ${fix} Response: ${body}`);
}

/** A route that changes nothing: repeating it (or paging it) is safe, unlike repeating a write. */
function isRead(tool: Tool): boolean {
  return ['GET', 'HEAD'].includes(tool.endpoint.method) || tool.annotations.readOnlyHint === true;
}
