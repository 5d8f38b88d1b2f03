import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The resource every generated route serves: small, like a typical JSON API answer. */
export class ItemDto {
  @ApiProperty({ example: 1 }) id: number;
  @ApiProperty({ example: 'Item 1' }) name: string;
  @ApiProperty({ example: 9.5 }) price: number;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiPropertyOptional() description?: string;
}

/** The body of the generated create/update routes. */
export class CreateItemDto {
  @ApiProperty({ minLength: 1, maxLength: 100 }) name: string;
  @ApiProperty({ minimum: 0 }) price: number;
  @ApiPropertyOptional({ type: [String] }) tags?: string[];
  @ApiPropertyOptional({ maxLength: 500 }) description?: string;
}

/** What `GET /items/{id}` (the measured route) and the `get_item` tools answer. */
export function itemFor(id: number): ItemDto {
  return { id, name: `Item ${id}`, price: 9.5, tags: ['bench', 'item'] };
}
