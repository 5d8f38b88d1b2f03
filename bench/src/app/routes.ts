import {
  Body,
  Controller,
  Delete,
  Get,
  Param,
  ParseIntPipe,
  Patch,
  Post,
  Query,
  type Type,
} from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';

import { CreateItemDto, ItemDto, itemFor } from './item.js';

/** Routes per generated controller, as in an app with many mid-sized controllers. */
const ROUTES_PER_CONTROLLER = 10;

/** The measured route: `GET /items/{id}`, the tool `get_item`. */
function measuredController(): Type {
  @ApiTags('items')
  @Controller('items')
  class ItemsController {
    @Get(':id')
    @ApiOperation({ operationId: 'get_item', summary: 'Get an item', description: 'One item by its id.' })
    @ApiParam({ name: 'id', type: 'integer' })
    @ApiOkResponse({ type: ItemDto })
    get(@Param('id', ParseIntPipe) id: number): ItemDto {
      return itemFor(id);
    }
  }
  return ItemsController;
}

type RouteKind = 'list' | 'get' | 'create' | 'update' | 'delete';
const KINDS: readonly RouteKind[] = ['list', 'get', 'create', 'update', 'delete'];

/** One generated handler, with the decorators a hand-written route of its kind would carry. */
function defineRoute(proto: object, index: number): void {
  const kind = KINDS[index % KINDS.length];
  const key = `${kind}${index}`;
  const operationId = `${kind}_item_${index}`;
  const path = `r${index}/items`;
  const handlers: Record<RouteKind, (...args: unknown[]) => unknown> = {
    list: (limit) => [itemFor(Number(limit ?? 1))],
    get: (id) => itemFor(id as number),
    create: (body) => ({ ...itemFor(1), ...(body as object) }),
    update: (id, body) => ({ ...itemFor(id as number), ...(body as object) }),
    delete: () => undefined,
  };
  const descriptor: PropertyDescriptor = { value: handlers[kind], writable: true, configurable: true };
  Object.defineProperty(proto, key, descriptor);
  const docs = [
    ApiOperation({
      operationId,
      summary: `${kind} item (${index})`,
      description: `Generated ${kind} route.`,
    }),
  ];
  const decorators: MethodDecorator[] = [];
  let paramTypes: unknown[] = [];
  if (kind === 'list') {
    decorators.push(Get(path), ApiQuery({ name: 'limit', required: false, type: 'integer' }));
    decorators.push(ApiOkResponse({ type: [ItemDto] }));
    Query('limit')(proto, key, 0);
    paramTypes = [String];
  } else if (kind === 'create') {
    decorators.push(Post(path), ApiBody({ type: CreateItemDto }), ApiOkResponse({ type: ItemDto }));
    Body()(proto, key, 0);
    paramTypes = [CreateItemDto];
  } else {
    const verb = kind === 'get' ? Get : kind === 'update' ? Patch : Delete;
    decorators.push(verb(`${path}/:id`), ApiParam({ name: 'id', type: 'integer' }));
    Param('id', ParseIntPipe)(proto, key, 0);
    paramTypes = [Number];
    if (kind === 'update') {
      decorators.push(ApiBody({ type: CreateItemDto }), ApiOkResponse({ type: ItemDto }));
      Body()(proto, key, 1);
      paramTypes.push(CreateItemDto);
    } else if (kind === 'get') decorators.push(ApiOkResponse({ type: ItemDto }));
  }
  Reflect.defineMetadata('design:paramtypes', paramTypes, proto, key);
  Reflect.decorate([...docs, ...decorators], proto, key, Object.getOwnPropertyDescriptor(proto, key));
}

/** A controller class made at runtime holding routes `first` … `last - 1`. */
function generatedController(first: number, last: number): Type {
  const ControllerClass = class {};
  Object.defineProperty(ControllerClass, 'name', { value: `Generated${first}Controller` });
  for (let index = first; index < last; index++) defineRoute(ControllerClass.prototype, index);
  Reflect.decorate([ApiTags(`generated-${first}`), Controller()], ControllerClass);
  return ControllerClass;
}

/**
 * The controllers of an app with `routes` Swagger-documented routes: the measured `GET /items/{id}` and
 * `routes - 1` generated list/get/create/update/delete routes, ten to a controller.
 */
export function controllersFor(routes: number): Type[] {
  const controllers = [measuredController()];
  for (let first = 1; first < routes; first += ROUTES_PER_CONTROLLER) {
    controllers.push(generatedController(first, Math.min(routes, first + ROUTES_PER_CONTROLLER)));
  }
  return controllers;
}
