import { PartialType } from '@nestjs/swagger';

import { CreateItemDto } from './create-item.dto.js';

/** Body of `PUT /items/:id`: any subset of the item's fields; the ones left out keep their value. */
export class UpdateItemDto extends PartialType(CreateItemDto) {}
