import type { ToolCatalog } from '../catalog/tool.catalog.js';
import type { HttpDispatcher } from '../dispatch/http.dispatcher.js';
import { mapResponse } from '../results/result.mapper.js';
import { errorResult, type ToolResult } from '../results/tool-result.js';
import { ArgumentValidator } from './argument.validator.js';
import type { CallerContext } from './caller.js';
import { buildRequest } from './request.builder.js';

/** Settings of a tool call. */
export interface InvokerSettings {
  readonly forwardHeaders: ReadonlySet<string>;
  readonly timeoutMs: number;
}

/** Runs tool calls: look up, validate, dispatch through the app, map the response. */
export class ToolInvoker {
  private readonly validator: ArgumentValidator;

  constructor(
    private readonly catalog: ToolCatalog,
    private readonly dispatcher: HttpDispatcher,
    private readonly settings: InvokerSettings,
  ) {
    this.validator = new ArgumentValidator(catalog.list());
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
    const checked = this.validator.validate(tool, input);
    if (!checked.valid) return errorResult(`Input validation error: ${checked.message}`);

    const request = buildRequest(tool.endpoint, input, caller, this.settings.forwardHeaders);
    let response: Awaited<ReturnType<HttpDispatcher['dispatch']>> | typeof TIMED_OUT;
    try {
      response = await withTimeout(this.dispatcher.dispatch(request), this.settings.timeoutMs);
    } catch (error) {
      return errorResult(
        `Error calling ${name}: the request to ${tool.source} failed: ${(error as Error).message}`,
      );
    }
    if (response === TIMED_OUT) {
      return errorResult(
        `Error calling ${name}: the route did not answer within ${this.settings.timeoutMs} ms ` +
          `(${tool.source}). Raise the McpModule "timeoutMs" option if it needs longer.`,
      );
    }
    return mapResponse(name, response);
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
