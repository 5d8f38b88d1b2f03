import type { Client } from '@modelcontextprotocol/sdk/client/index.js';

/** The text of a tool result's first text block, with its error flag. */
export interface CallOutcome {
  readonly text: string;
  readonly isError: boolean;
}

/** Calls a tool and returns the text of its first block and whether it is an error result. */
export async function callTool(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<CallOutcome> {
  const result = await client.callTool({ name, arguments: args });
  const content = result.content as Array<{ type: string; text?: string }>;
  const text = content.find((block) => block.type === 'text')?.text ?? '';
  return { text, isError: result.isError === true };
}

/** Calls a tool that must succeed with JSON, and returns the parsed JSON. */
export async function callJson<T = unknown>(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<T> {
  const { text, isError } = await callTool(client, name, args);
  if (isError) throw new Error(`Tool ${name} failed: ${text}`);
  return JSON.parse(text) as T;
}

/** A protocol error (JSON-RPC `error`) that a request was answered with. */
export interface ProtocolRefusal {
  readonly code: number;
  readonly message: string;
}

/**
 * Calls a tool that the server must refuse with a protocol error (an unknown tool: `-32602`), not with a
 * tool result; returns the error's code and message.
 */
export async function callRefused(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<ProtocolRefusal> {
  try {
    const result = await client.callTool({ name, arguments: args });
    throw new Error(`Tool ${name} was answered with a result, not refused: ${JSON.stringify(result)}`);
  } catch (error) {
    const { code, message } = error as { code?: unknown; message: string };
    if (typeof code !== 'number') throw error;
    return { code, message };
  }
}
