import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';

import type { CreateItemDto } from './create-item.dto.js';
import type { ItemDto } from './item.dto.js';
import type { UpdateItemDto } from './update-item.dto.js';

/** Filters of {@link ItemsService.search}; every one that is given must match. */
export interface ItemSearch {
  /** Case-insensitive text looked for in the name and the description. */
  q?: string;
  minPrice?: number;
  maxPrice?: number;
  /** The item must carry at least one of these tags. */
  tags?: string[];
}

const SEED: readonly ItemDto[] = [
  {
    id: 1,
    name: 'Hammer',
    description: 'A claw hammer for driving nails.',
    price: 12.5,
    tags: ['tool', 'hand-tool'],
  },
  {
    id: 2,
    name: 'Screwdriver',
    description: 'Flat-head screwdriver, 6 mm.',
    price: 5.99,
    tags: ['tool', 'hand-tool'],
  },
  {
    id: 3,
    name: 'Wrench',
    description: 'Adjustable wrench up to 30 mm.',
    price: 15,
    tags: ['tool', 'hand-tool'],
  },
  { id: 4, name: 'Saw', description: null, price: 24.9, tags: ['tool', 'hand-tool', 'wood'] },
  {
    id: 5,
    name: 'Drill',
    description: 'Cordless 18 V drill with two batteries.',
    price: 89,
    tags: ['tool', 'power-tool'],
  },
];

/** In-memory inventory; each application instance starts from the same seed data. */
@Injectable()
export class ItemsService {
  private items = new Map<number, ItemDto>();
  private nextId = 1;

  constructor() {
    this.reset();
  }

  /** Items in id order, `limit` of them after skipping `skip`. */
  list(skip = 0, limit = 10): ItemDto[] {
    if (skip < 0) throw new BadRequestException('skip must not be negative');
    if (limit < 1) throw new BadRequestException('limit must be at least 1');
    return [...this.items.values()].slice(skip, skip + limit).map(copy);
  }

  /** The item with this id; a 404 when there is none. */
  get(id: number): ItemDto {
    return copy(this.find(id));
  }

  /** Items matching every given filter, in id order. */
  search({ q, minPrice, maxPrice, tags }: ItemSearch): ItemDto[] {
    const text = q?.trim().toLowerCase();
    return [...this.items.values()]
      .filter(
        (item) =>
          (!text || `${item.name} ${item.description ?? ''}`.toLowerCase().includes(text)) &&
          (minPrice === undefined || item.price >= minPrice) &&
          (maxPrice === undefined || item.price <= maxPrice) &&
          (!tags?.length || tags.some((tag) => item.tags.includes(tag))),
      )
      .map(copy);
  }

  /** Stores a new item under the next free id. */
  create(input: CreateItemDto): ItemDto {
    const item: ItemDto = {
      id: this.nextId++,
      name: input.name,
      description: input.description ?? null,
      price: input.price,
      tags: [...(input.tags ?? [])],
    };
    this.items.set(item.id, item);
    return copy(item);
  }

  /** Changes the fields that are given (null only clears the description); a 404 when there is no such item. */
  update(id: number, changes: UpdateItemDto): ItemDto {
    const item = this.find(id);
    item.name = changes.name ?? item.name;
    if (changes.description !== undefined) item.description = changes.description;
    item.price = changes.price ?? item.price;
    item.tags = [...(changes.tags ?? item.tags)];
    return copy(item);
  }

  /** Deletes the item; a 404 when there is none. */
  remove(id: number): void {
    this.find(id);
    this.items.delete(id);
  }

  /** Restores the seed data, dropping every change. */
  reset(): ItemDto[] {
    this.items = new Map(SEED.map((item) => [item.id, copy(item)]));
    this.nextId = Math.max(...SEED.map((item) => item.id)) + 1;
    return [...this.items.values()].map(copy);
  }

  private find(id: number): ItemDto {
    const item = this.items.get(id);
    if (!item) throw new NotFoundException(`Item ${id} not found`);
    return item;
  }
}

// Callers get copies so that mutating a response cannot change the store.
function copy(item: ItemDto): ItemDto {
  return { ...item, tags: [...item.tags] };
}
