import type { Type } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { McpController, Tool } from '@rekog/mcp-nest';
import { z } from 'zod';

import { itemFor } from './item.js';

/** Tools per generated controller, as in routes.ts. */
const TOOLS_PER_CONTROLLER = 10;

const createItem = z.object({
  name: z.string().min(1).max(100),
  price: z.number().min(0),
  tags: z.array(z.string()).optional(),
  description: z.string().max(500).optional(),
});

/** The same answer nestjs-mcp gives for `GET /items/{id}`: the JSON as text and as structured content. */
function toolResult(body: unknown) {
  return { content: [{ type: 'text' as const, text: JSON.stringify(body) }], structuredContent: body };
}

/** The schema and handler of generated tool `index`, mirroring routes.ts's route of the same index. */
function toolShape(index: number): { parameters: z.ZodType; handler: (args: never) => unknown } {
  switch (index % 5) {
    case 0:
      return {
        parameters: z.object({ limit: z.number().int().optional() }),
        handler: (args: { limit?: number }) => toolResult({ items: [itemFor(args.limit ?? 1)] }),
      };
    case 1:
      return {
        parameters: z.object({ id: z.number().int() }),
        handler: (args: { id: number }) => toolResult(itemFor(args.id)),
      };
    case 2:
      return {
        parameters: z.object({ body: createItem }),
        handler: (args: { body: object }) => toolResult({ ...itemFor(1), ...args.body }),
      };
    case 3:
      return {
        parameters: z.object({ id: z.number().int(), body: createItem }),
        handler: (args: { id: number; body: object }) => toolResult({ ...itemFor(args.id), ...args.body }),
      };
    default:
      return { parameters: z.object({ id: z.number().int() }), handler: () => toolResult({}) };
  }
}

/** The measured tool, hand-written as @rekog/mcp-nest's docs show. */
function measuredController(): Type {
  @McpController()
  class ItemsTools {
    @Tool({
      name: 'get_item',
      description: 'Get an item. One item by its id.',
      parameters: z.object({ id: z.number().int() }),
    })
    get(@Payload() { id }: { id: number }) {
      return toolResult(itemFor(id));
    }
  }
  return ItemsTools;
}

function generatedController(first: number, last: number): Type {
  const ToolsClass = class {};
  Object.defineProperty(ToolsClass, 'name', { value: `Generated${first}Tools` });
  const proto = ToolsClass.prototype as Record<string, unknown>;
  for (let index = first; index < last; index++) {
    const { parameters, handler } = toolShape(index);
    const key = `tool${index}`;
    Object.defineProperty(proto, key, { value: handler, writable: true, configurable: true });
    Payload()(proto, key, 0);
    Reflect.defineMetadata('design:paramtypes', [Object], proto, key);
    const kind = ['list', 'get', 'create', 'update', 'delete'][index % 5];
    Reflect.decorate(
      [
        Tool({
          name: `${kind}_item_${index}`,
          description: `${kind} item (${index}). Generated.`,
          parameters,
        }),
      ],
      proto,
      key,
      Object.getOwnPropertyDescriptor(proto, key),
    );
  }
  Reflect.decorate([McpController()], ToolsClass);
  return ToolsClass;
}

/** `tools` hand-written tools: `get_item` and `tools - 1` generated ones, ten to a controller. */
export function rekogControllersFor(tools: number): Type[] {
  const controllers = [measuredController()];
  for (let first = 1; first < tools; first += TOOLS_PER_CONTROLLER) {
    controllers.push(generatedController(first, Math.min(tools, first + TOOLS_PER_CONTROLLER)));
  }
  return controllers;
}
