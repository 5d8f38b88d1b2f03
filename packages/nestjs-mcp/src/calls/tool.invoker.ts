import type { ToolCatalog } from '../catalog/tool.catalog.js';
import type { Tool } from '../catalog/tool.js';
import type { DispatchResponse, HttpDispatcher } from '../dispatch/http.dispatcher.js';
import { mapResponse } from '../results/result.mapper.js';
import { withStructuredOutput } from '../results/structured-output.js';
import { errorResult, type ToolResult } from '../results/tool-result.js';
import type { CallerContext } from './caller.js';
import { buildRequest } from './request.builder.js';
import { SchemaValidator } from './schema.validator.js';

/** Settings of a tool call. */
export interface InvokerSettings {
  readonly forwardHeaders: ReadonlySet<string>;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
}

/** Runs tool calls: look up, validate, dispatch through the app, map the response. */
export class ToolInvoker {
  private readonly validator: SchemaValidator;

  constructor(
    private readonly catalog: ToolCatalog,
    private readonly dispatcher: HttpDispatcher,
    private readonly settings: InvokerSettings,
  ) {
    this.validator = new SchemaValidator(catalog.list());
  }

  async call(
    name: string,
    args: Record<string, unknown> | undefined,
    caller: CallerContext,
  ): Promise<ToolResult> {
    const tool = this.catalog.get(name);
    if (!tool) {
      return errorResult(`Unknown tool: "${name}". Call tools/list for the tools this server offers.`);
    }
    const input = args ?? {};
    const checked = this.validator.validateArguments(tool, input);
    if (!checked.valid) return errorResult(`Input validation error: ${checked.message}`);

    const response = await this.dispatch(tool, input, caller);
    if (!('statusCode' in response)) return response;
    const mapped = mapResponse(name, response, {
      maxBytes: this.settings.maxResponseBytes,
      resourceUri: `nestjs-mcp://tools/${name}/response`,
    });
    return withStructuredOutput(tool, mapped, (target, value) => {
      const result = this.validator.validateOutput(target, value);
      return result.valid ? undefined : result.message;
    });
  }

  private async dispatch(
    tool: Tool,
    input: Record<string, unknown>,
    caller: CallerContext,
  ): Promise<DispatchResponse | ToolResult> {
    const request = buildRequest(tool.endpoint, input, caller, this.settings.forwardHeaders);
    try {
      const response = await withTimeout(this.dispatcher.dispatch(request), this.settings.timeoutMs);
      if (response !== TIMED_OUT) return response;
    } catch (error) {
      return errorResult(
        `Error calling ${tool.name}: the request to ${tool.source} failed: ${(error as Error).message}`,
      );
    }
    return errorResult(
      `Error calling ${tool.name}: the route did not answer within ${this.settings.timeoutMs} ms ` +
        `(${tool.source}). Raise the McpModule "timeoutMs" option if it needs longer.`,
    );
  }
}

const TIMED_OUT = Symbol('timed out');

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
