import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ItemsService } from '../items/items.service.js';
import { ItemStatsDto } from './item-stats.dto.js';

/**
 * Routes for the people who run the inventory. Tagged `admin`, so an `McpModule` can leave them out of its
 * tools with `excludeTags: ['admin']` (as `AppModule` does) while REST clients keep them.
 */
@ApiTags('admin')
@Controller('admin')
export class AdminController {
  constructor(private readonly items: ItemsService) {}

  @Get('stats')
  @ApiOperation({
    operationId: 'item_stats',
    summary: 'Inventory statistics',
    description: 'Counts the items, sums their prices and counts the items carrying each tag.',
  })
  @ApiOkResponse({ type: ItemStatsDto })
  stats(): ItemStatsDto {
    // A search without filters returns every item, where list() would stop at a page.
    const items = this.items.search({});
    const tags: Record<string, number> = {};
    for (const tag of items.flatMap((item) => item.tags)) tags[tag] = (tags[tag] ?? 0) + 1;
    // Summed in whole cents, so that prices of 0.1 and 0.2 total 0.3 rather than 0.30000000000000004.
    const cents = items.reduce((sum, item) => sum + Math.round(item.price * 100), 0);
    return { count: items.length, totalValue: cents / 100, tags };
  }
}
