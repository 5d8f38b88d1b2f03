import type { DispatchResponse } from '../dispatch/http.dispatcher.js';
import { bodySize, mapContent, type ContentOptions } from './content.mapper.js';
import { errorResult, type ToolResult } from './tool-result.js';

/** A tool result, with the parsed JSON body when the response was JSON and complete. */
export interface MappedResponse {
  readonly result: ToolResult;
  /** The route's HTTP status. */
  readonly status: number;
  readonly json?: unknown;
  /** The body was larger than the limit: cut (text) or left out (binary). */
  readonly truncated?: boolean;
  /** A success with no content: an empty body, or JSON `null` (what a handler returning nothing sends). */
  readonly empty?: boolean;
}

/**
 * Maps the route's HTTP response to a tool result. Success: JSON pretty-printed (2 spaces, non-ASCII kept),
 * text as is, images and audio as such, other binaries as an embedded resource; bodies over `maxBytes` are
 * cut with a note. An empty 2xx (an empty body or JSON `null`) says so in words. A status of 400 or more is
 * an error result that names the tool, the status and the body.
 */
export function mapResponse(
  toolName: string,
  response: DispatchResponse,
  options: ContentOptions,
): MappedResponse {
  const status = response.statusCode;
  if (status >= 400) {
    const text = errorBody(response, options.maxBytes);
    return {
      result: errorResult(`Error calling ${toolName}. Status code: ${status}. Response: ${text}`),
      status,
    };
  }
  const mapped = mapContent(response, options);
  const location = response.headers.location;
  if (status >= 300 && status < 400 && location !== undefined) {
    // A redirect is not followed (it may leave the app): the model gets where it points.
    const note = { type: 'text' as const, text: `Redirect: status ${status}, Location: ${String(location)}` };
    return {
      result: { content: [note, ...mapped.content.filter((block) => block.type !== 'text' || block.text)] },
      status,
    };
  }
  // A handler that returns null or undefined sends an empty body on Express and `null` on Fastify: both
  // mean the route ran and had nothing to say, and read the same whichever adapter served it.
  if (status < 300 && (response.body.length === 0 || ('json' in mapped && mapped.json === null))) {
    return { result: { content: [{ type: 'text', text: emptyText(status) }] }, status, empty: true };
  }
  return {
    result: { content: mapped.content },
    status,
    ...('json' in mapped ? { json: mapped.json } : {}),
    ...(mapped.truncated ? { truncated: true } : {}),
  };
}

/** The text of a successful response without content. */
export function emptyText(status: number): string {
  return `The route answered ${status} with an empty response (no content).`;
}

function errorBody(response: DispatchResponse, maxBytes: number): string {
  const text = response.body.subarray(0, maxBytes).toString('utf8');
  return response.body.length > maxBytes
    ? `${text} [cut at ${maxBytes} of ${bodySize(response)} bytes]`
    : text;
}
