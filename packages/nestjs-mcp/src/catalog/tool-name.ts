import { createHash } from 'node:crypto';

/** The longest tool name clients accept everywhere. */
export const MAX_TOOL_NAME_LENGTH = 64;
const HASH_LENGTH = 8;

/**
 * Makes a name safe for every client: each run of characters outside `[A-Za-z0-9_.-]` becomes one `_`
 * (the name's own underscores are kept), and a name longer
 * than 64 characters keeps its start and ends with a hash of the whole name, so it stays unique and stable.
 */
export function toToolName(raw: string): string {
  const safe = raw.replace(/[^A-Za-z0-9_.-]+/g, '_') || 'tool';
  if (safe.length <= MAX_TOOL_NAME_LENGTH) return safe;
  const hash = createHash('sha256').update(raw).digest('hex').slice(0, HASH_LENGTH);
  return `${safe.slice(0, MAX_TOOL_NAME_LENGTH - HASH_LENGTH - 1)}_${hash}`;
}
