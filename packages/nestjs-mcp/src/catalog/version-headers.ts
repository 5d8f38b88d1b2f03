import { VERSION_NEUTRAL, VersioningType, type VersioningOptions } from '@nestjs/common';
import type { VersionValue } from '@nestjs/common/internal';

/**
 * The headers that select a route's version: under header versioning the version header, under media-type
 * versioning an `Accept` with the version parameter. URI versioning needs none (the version is in the
 * path), and neither does a version-neutral route. Custom versioning cannot be inverted: undefined.
 */
export function versionHeaders(
  version: VersionValue | undefined,
  versioning: VersioningOptions | undefined,
): Record<string, string> | undefined {
  const selected = (Array.isArray(version) ? version : [version]).find(
    (candidate): candidate is string => typeof candidate === 'string',
  );
  if (!versioning || selected === undefined || version === VERSION_NEUTRAL) return undefined;
  if (versioning.type === VersioningType.HEADER) return { [versioning.header.toLowerCase()]: selected };
  if (versioning.type === VersioningType.MEDIA_TYPE) {
    return { accept: `application/json;${versioning.key}${selected}` };
  }
  return undefined;
}
