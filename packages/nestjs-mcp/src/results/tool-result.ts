/** A text block of a tool result. */
export interface TextContent {
  readonly type: 'text';
  readonly text: string;
}

/** What a tool call returns to the protocol layer (the shape MCP's `CallToolResult` has). */
export interface ToolResult {
  readonly content: TextContent[];
  readonly isError?: boolean;
}

/** An `isError` result with one text block. */
export function errorResult(text: string): ToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}
