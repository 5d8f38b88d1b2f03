import type { ContentBlock } from './content.mapper.js';

/** What a tool call returns to the protocol layer (the shape of MCP's `CallToolResult`). */
export interface ToolResult {
  readonly content: ContentBlock[];
  /** The JSON response, for tools that declare an output schema. */
  readonly structuredContent?: Record<string, unknown>;
  readonly isError?: boolean;
}

/** An `isError` result with one text block. */
export function errorResult(text: string): ToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}
