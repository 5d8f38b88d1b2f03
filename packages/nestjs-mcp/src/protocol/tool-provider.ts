import type { Tool } from '../catalog/tool.js';
import type { CallerContext } from '../calls/caller.js';
import type { CallEvents } from '../calls/call-events.js';
import type { Cancellation } from '../dispatch/cancellation.js';
import type { ServerDescription } from '../mcp.tools.service.js';
import type { ToolResult } from '../results/tool-result.js';

/** What the protocol layer needs from the rest of the library: the server's identity and its tools. */
export interface ToolProvider {
  readonly server: ServerDescription;
  list(): readonly Tool[];
  /** Whether a tool of this name exists (an unknown name is a protocol error, not a tool result). */
  has(name: string): boolean;
  /** The tools listed to this caller, when they depend on it (`auth.hideUnauthorizedTools`); else `list()`. */
  listFor?(caller: CallerContext): Promise<readonly Tool[]>;
  call(
    name: string,
    args: Record<string, unknown> | undefined,
    caller: CallerContext,
    cancelled?: Cancellation,
    events?: CallEvents,
  ): Promise<ToolResult>;
}
