import { Injectable, type PipeTransform } from '@nestjs/common';

/**
 * Reads a `tags` query parameter given once, repeated (`tags=a&tags=b`) or comma-separated (`tags=a,b`)
 * as a list of tags; `undefined` when none is given.
 */
@Injectable()
export class ParseTagsPipe implements PipeTransform<unknown, string[] | undefined> {
  transform(raw: unknown): string[] | undefined {
    if (raw === undefined || raw === null) return undefined;
    const tags = [raw]
      .flat()
      .flatMap((value) => String(value).split(','))
      .map((tag) => tag.trim())
      .filter(Boolean);
    return tags.length ? tags : undefined;
  }
}
