/** Who is calling a tool: what the MCP HTTP request carried. */
export interface CallerContext {
  /** Headers of the MCP HTTP request, names in lower case. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The MCP client's IP address. */
  readonly remoteAddress?: string;
}
