import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsNotEmpty, IsNumber, IsOptional, IsString, Min } from 'class-validator';

/** Body of `POST /items`: the fields of a new item (the id is assigned by the server). */
export class CreateItemDto {
  @ApiProperty({ description: 'Name of the item.', example: 'Pliers' })
  @IsString()
  @IsNotEmpty()
  name: string;

  @ApiPropertyOptional({
    description: 'Free-text description of the item; null or absent for none.',
    type: String,
    nullable: true,
    example: 'Needle-nose pliers for small parts.',
  })
  @IsOptional()
  @IsString()
  description?: string | null;

  @ApiProperty({ description: 'Unit price in euros.', example: 9.99, minimum: 0 })
  @IsNumber()
  @Min(0)
  price: number;

  @ApiPropertyOptional({
    description: 'Labels used to group and search items; empty when absent.',
    type: [String],
    example: ['tool', 'hand-tool'],
  })
  @IsArray()
  @IsString({ each: true })
  @IsOptional()
  tags?: string[];
}
