import { Controller, Get, Param, ParseIntPipe, StreamableFile } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';

import { itemColour, solidPng } from './item-image.js';
import { ITEM_ID_PARAM } from './item.dto.js';
import { ItemsService } from './items.service.js';

/**
 * Pictures of the items. A route documented as producing `image/png` becomes a tool whose result is an
 * MCP `image` content block, which image-capable clients show to the model.
 */
@ApiTags('items')
@Controller('items')
export class ItemImageController {
  constructor(private readonly items: ItemsService) {}

  @Get(':id/image')
  @ApiOperation({
    operationId: 'get_item_image',
    summary: 'Picture of an item',
    description: 'Returns a small PNG picture of one item, in a colour of its own.',
  })
  @ApiParam(ITEM_ID_PARAM)
  @ApiProduces('image/png')
  @ApiOkResponse({ description: 'A PNG picture.', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ description: 'No item has this id.' })
  image(@Param('id', ParseIntPipe) id: number): StreamableFile {
    // Looked up first, so that a missing item is a 404 like on the other item routes.
    const item = this.items.get(id);
    return new StreamableFile(solidPng(itemColour(item.id)), { type: 'image/png' });
  }
}
