import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The `:id` path parameter of the item routes, for `@ApiParam()`. */
export const ITEM_ID_PARAM = {
  name: 'id',
  type: 'integer',
  description: 'Id of the item.',
  example: 1,
} as const;

/** An item of the inventory, as the API returns it. */
export class ItemDto {
  @ApiProperty({ description: 'Unique id of the item.', type: 'integer', example: 1 })
  id: number;

  @ApiProperty({ description: 'Name of the item.', example: 'Hammer' })
  name: string;

  @ApiPropertyOptional({
    description: 'Free-text description of the item; null when it has none.',
    type: String,
    nullable: true,
    example: 'A claw hammer for driving nails.',
  })
  description?: string | null;

  @ApiProperty({ description: 'Unit price in euros.', example: 12.5, minimum: 0 })
  price: number;

  @ApiProperty({ description: 'Labels used to group and search items.', type: [String], example: ['tool'] })
  tags: string[];
}
