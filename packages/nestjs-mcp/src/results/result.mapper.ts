import type { DispatchResponse } from '../dispatch/http.dispatcher.js';
import { errorResult, type ToolResult } from './tool-result.js';

const JSON_CONTENT_TYPE = /^application\/([\w.+-]+\+)?json\b/i;

/**
 * Maps the route's HTTP response to a tool result: JSON pretty-printed (2 spaces, non-ASCII kept),
 * other text as is, an empty body as empty text; a status of 400 or more is an error result that names
 * the tool, the status and the body.
 */
export function mapResponse(toolName: string, response: DispatchResponse): ToolResult {
  const text = responseText(response);
  if (response.statusCode >= 400) {
    return errorResult(`Error calling ${toolName}. Status code: ${response.statusCode}. Response: ${text}`);
  }
  return { content: [{ type: 'text', text: prettyIfJson(text, response) }] };
}

function responseText(response: DispatchResponse): string {
  return response.body.toString('utf8');
}

function prettyIfJson(text: string, response: DispatchResponse): string {
  const contentType = String(response.headers['content-type'] ?? '');
  if (!text || !JSON_CONTENT_TYPE.test(contentType)) return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
