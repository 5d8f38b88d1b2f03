import type { DispatchResponse } from '../dispatch/http.dispatcher.js';
import { mapContent, type ContentOptions } from './content.mapper.js';
import { errorResult, type ToolResult } from './tool-result.js';

/** A tool result, with the parsed JSON body when the response was JSON and complete. */
export interface MappedResponse {
  readonly result: ToolResult;
  readonly json?: unknown;
  /** The body was larger than the limit: cut (text) or left out (binary). */
  readonly truncated?: boolean;
}

/**
 * Maps the route's HTTP response to a tool result. Success: JSON pretty-printed (2 spaces, non-ASCII kept),
 * text as is, images and audio as such, other binaries as an embedded resource, an empty body as empty
 * text; bodies over `maxBytes` are cut with a note. A status of 400 or more is an error result that names
 * the tool, the status and the body.
 */
export function mapResponse(
  toolName: string,
  response: DispatchResponse,
  options: ContentOptions,
): MappedResponse {
  if (response.statusCode >= 400) {
    const text = errorBody(response, options.maxBytes);
    return {
      result: errorResult(
        `Error calling ${toolName}. Status code: ${response.statusCode}. Response: ${text}`,
      ),
    };
  }
  const mapped = mapContent(response, options);
  const location = response.headers.location;
  if (response.statusCode >= 300 && response.statusCode < 400 && location !== undefined) {
    // A redirect is not followed (it may leave the app): the model gets where it points.
    const note = {
      type: 'text' as const,
      text: `Redirect: status ${response.statusCode}, Location: ${String(location)}`,
    };
    return {
      result: { content: [note, ...mapped.content.filter((block) => block.type !== 'text' || block.text)] },
    };
  }
  return {
    result: { content: mapped.content },
    ...('json' in mapped ? { json: mapped.json } : {}),
    ...(mapped.truncated ? { truncated: true } : {}),
  };
}

function errorBody(response: DispatchResponse, maxBytes: number): string {
  const text = response.body.subarray(0, maxBytes).toString('utf8');
  return response.body.length > maxBytes
    ? `${text} [cut at ${maxBytes} of ${response.body.length} bytes]`
    : text;
}
