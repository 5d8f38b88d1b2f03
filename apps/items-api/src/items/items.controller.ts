import {
  Body,
  Controller,
  DefaultValuePipe,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseFloatPipe,
  ParseIntPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { McpExclude, McpTool } from 'nestjs-mcp';

import { CreateItemDto } from './create-item.dto.js';
import { ITEM_ID_PARAM, ItemDto } from './item.dto.js';
import { ItemsService } from './items.service.js';
import { ParseTagsPipe } from './parse-tags.pipe.js';
import { UpdateItemDto } from './update-item.dto.js';

/** REST routes of the inventory; each documented route is also an MCP tool named after its operationId. */
@ApiTags('items')
@Controller('items')
export class ItemsController {
  constructor(private readonly items: ItemsService) {}

  @Get()
  @ApiOperation({
    operationId: 'list_items',
    summary: 'List items',
    description: 'Lists the items of the inventory in id order, one page at a time.',
  })
  @ApiQuery({ name: 'skip', required: false, type: 'integer', minimum: 0, description: 'Items to skip.' })
  @ApiQuery({ name: 'limit', required: false, type: 'integer', minimum: 1, description: 'Page size.' })
  @ApiOkResponse({ type: [ItemDto] })
  @ApiBadRequestResponse({ description: 'skip or limit is not a valid integer.' })
  list(
    // Parsed before the default is applied: the global ValidationPipe has already turned `abc` into NaN,
    // which DefaultValuePipe would quietly replace by the default instead of rejecting.
    @Query('skip', new ParseIntPipe({ optional: true }), new DefaultValuePipe(0)) skip: number,
    @Query('limit', new ParseIntPipe({ optional: true }), new DefaultValuePipe(10)) limit: number,
  ): ItemDto[] {
    return this.items.list(skip, limit);
  }

  // Declared before `:id` so that "search" is not taken for an item id.
  @Get('search')
  @ApiOperation({
    operationId: 'search_items',
    summary: 'Search items',
    description: 'Finds items by text, price range and tags; every filter that is given must match.',
  })
  // Renamed for the MCP tool: agents see `find_items` rather than the operationId `search_items`.
  @McpTool({
    name: 'find_items',
    description:
      'Find inventory items whose name or description contains `q`, priced between `min_price` and ' +
      '`max_price`, carrying at least one of `tags`. All filters are optional.',
  })
  @ApiQuery({ name: 'q', required: false, type: String, description: 'Text in the name or description.' })
  @ApiQuery({ name: 'min_price', required: false, type: Number, description: 'Lowest price, inclusive.' })
  @ApiQuery({ name: 'max_price', required: false, type: Number, description: 'Highest price, inclusive.' })
  @ApiQuery({ name: 'tags', required: false, type: [String], description: 'Item has any of these tags.' })
  @ApiOkResponse({ type: [ItemDto] })
  @ApiBadRequestResponse({ description: 'A price is not a number.' })
  search(
    @Query('q') q?: string,
    @Query('min_price', new ParseFloatPipe({ optional: true })) minPrice?: number,
    @Query('max_price', new ParseFloatPipe({ optional: true })) maxPrice?: number,
    @Query('tags', ParseTagsPipe) tags?: string[],
  ): ItemDto[] {
    return this.items.search({ q, minPrice, maxPrice, tags });
  }

  @Get(':id')
  @ApiOperation({
    operationId: 'get_item',
    summary: 'Get an item',
    description: 'Returns one item by its id.',
  })
  @ApiParam(ITEM_ID_PARAM)
  @ApiOkResponse({ type: ItemDto })
  @ApiNotFoundResponse({ description: 'No item has this id.' })
  get(@Param('id', ParseIntPipe) id: number): ItemDto {
    return this.items.get(id);
  }

  @Post()
  @ApiOperation({
    operationId: 'create_item',
    summary: 'Create an item',
    description: 'Adds an item to the inventory and returns it with its new id.',
  })
  @ApiCreatedResponse({ type: ItemDto })
  @ApiBadRequestResponse({ description: 'The body is not a valid item.' })
  create(@Body() body: CreateItemDto): ItemDto {
    return this.items.create(body);
  }

  // An admin action: agents must not wipe the inventory, so it is kept out of the MCP tools.
  @Post('reset')
  @McpExclude()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    operationId: 'reset_items',
    summary: 'Reset the inventory',
    description: 'Restores the seed data, dropping every change. Admin only.',
  })
  @ApiOkResponse({ type: [ItemDto] })
  reset(): ItemDto[] {
    return this.items.reset();
  }

  @Put(':id')
  @ApiOperation({
    operationId: 'update_item',
    summary: 'Update an item',
    description: 'Changes the given fields of an item; fields left out keep their value.',
  })
  @ApiParam(ITEM_ID_PARAM)
  @ApiOkResponse({ type: ItemDto })
  @ApiNotFoundResponse({ description: 'No item has this id.' })
  @ApiBadRequestResponse({ description: 'The body is not a valid change.' })
  update(@Param('id', ParseIntPipe) id: number, @Body() body: UpdateItemDto): ItemDto {
    return this.items.update(id, body);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ operationId: 'delete_item', summary: 'Delete an item', description: 'Removes an item.' })
  @ApiParam(ITEM_ID_PARAM)
  @ApiNoContentResponse({ description: 'The item was deleted.' })
  @ApiNotFoundResponse({ description: 'No item has this id.' })
  remove(@Param('id', ParseIntPipe) id: number): void {
    this.items.remove(id);
  }
}
