import type { ToolCatalog } from '../catalog/tool.catalog.js';
import type { Tool } from '../catalog/tool.js';
import type { DispatchRequest, DispatchResponse, HttpDispatcher } from '../dispatch/http.dispatcher.js';
import { mapResponse } from '../results/result.mapper.js';
import { withStructuredOutput } from '../results/structured-output.js';
import { errorResult, type ToolResult } from '../results/tool-result.js';
import type { Cancellation } from '../dispatch/cancellation.js';
import { CallAbort } from './call-abort.js';
import type { CallEvents } from './call-events.js';
import { normalizeArguments } from './argument-normalizer.js';
import type { CallerContext } from './caller.js';
import { readFileArguments } from './file-argument.js';
import { ArgumentValueError, buildRequest } from './request.builder.js';
import { SchemaValidator } from './schema.validator.js';

/** Settings of a tool call. */
export interface InvokerSettings {
  readonly forwardHeaders: ReadonlySet<string>;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  /** No conversion of parameter values before validation. */
  readonly strictArguments?: boolean;
}

/** Runs tool calls: look up, validate, dispatch through the app, map the response. */
export class ToolInvoker {
  private readonly validator: SchemaValidator;

  constructor(
    private readonly catalog: ToolCatalog,
    private readonly dispatcher: HttpDispatcher,
    private readonly settings: InvokerSettings,
  ) {
    this.validator = new SchemaValidator();
  }

  /**
   * Runs one call; `cancelled` is the client's cancellation (it aborts the route's request too); `events`
   * hears of the dispatched request and the route's answer.
   */
  async call(
    name: string,
    args: Record<string, unknown> | undefined,
    caller: CallerContext,
    cancelled?: Cancellation,
    events?: CallEvents,
  ): Promise<ToolResult> {
    const tool = this.catalog.get(name);
    if (!tool) {
      return errorResult(`Unknown tool: "${name}". Call tools/list for the tools this server offers.`);
    }
    const input = this.settings.strictArguments ? (args ?? {}) : normalizeArguments(tool, args ?? {});
    const checked = this.validator.validateArguments(tool, input);
    if (!checked.valid) return errorResult(`Input validation error: ${checked.message}`);

    const response = await this.dispatch(tool, input, caller, cancelled, events);
    if (!('statusCode' in response)) return response;
    const mapped = mapResponse(name, response, {
      maxBytes: this.settings.maxResponseBytes,
      resourceUri: `nestjs-mcp://tools/${name}/response`,
    });
    const check = (target: Tool, value: unknown): string | undefined => {
      const result = this.validator.validateOutput(target, value);
      return result.valid ? undefined : result.message;
    };
    return withStructuredOutput(tool, mapped, check, this.settings.maxResponseBytes);
  }

  private async dispatch(
    tool: Tool,
    input: Record<string, unknown>,
    caller: CallerContext,
    cancelled?: Cancellation,
    events?: CallEvents,
  ): Promise<DispatchResponse | ToolResult> {
    let request: DispatchRequest;
    try {
      // A FileArgumentError is an ArgumentValueError: an input validation error below.
      const args = await readFileArguments(tool.endpoint, input);
      request = buildRequest(tool.endpoint, args, caller, this.settings.forwardHeaders);
    } catch (error) {
      if (error instanceof ArgumentValueError) return errorResult(`Input validation error: ${error.message}`);
      return errorResult(
        `Error calling ${tool.name}: could not build the request: ${(error as Error).message}`,
      );
    }
    // Aborting the injected request ends the route's work (an SSE stream, a slow handler's response)
    // when the call times out or the client cancels it.
    const abort = new CallAbort(this.settings.timeoutMs, cancelled);
    events?.dispatching?.({ method: request.method, url: request.url });
    const started = performance.now();
    try {
      // A disconnected request may still resolve, with whatever the route had written by then.
      const response = await this.dispatcher.dispatch({ ...request, cancellation: abort });
      events?.answered?.(response.statusCode, Math.round(performance.now() - started));
      if (!abort.timedOut) return response;
    } catch (error) {
      if (!abort.timedOut) {
        return errorResult(
          `Error calling ${tool.name}: the request to ${tool.source} failed: ${(error as Error).message}`,
        );
      }
    } finally {
      abort.release();
    }
    return errorResult(
      `Error calling ${tool.name}: the route did not answer within ${this.settings.timeoutMs} ms ` +
        `(${tool.source}). Raise the McpModule "timeoutMs" option if it needs longer.`,
    );
  }
}
