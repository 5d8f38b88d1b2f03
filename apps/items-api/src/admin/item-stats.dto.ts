import { ApiProperty } from '@nestjs/swagger';

/** Figures about the whole inventory, as `GET /admin/stats` returns them. */
export class ItemStatsDto {
  @ApiProperty({ description: 'Number of items.', type: 'integer', example: 5 })
  count: number;

  @ApiProperty({ description: 'Sum of the unit prices, in euros, rounded to the cent.', example: 147.39 })
  totalValue: number;

  @ApiProperty({
    description: 'Number of items carrying each tag.',
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { tool: 5, 'hand-tool': 4, wood: 1, 'power-tool': 1 },
  })
  tags: Record<string, number>;
}
