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

/** How tools without an explicit name are named: readably from Swagger's default operationIds, or as-is. */
export type ToolNaming = 'readable' | 'operationId';

/** The handler an operationId may have been generated from. */
export interface OperationSource {
  /** The controller's class name, e.g. `UsersController`. */
  readonly controller: string;
  /** The handler's method name, e.g. `findAll`. */
  readonly method: string;
  /** The route's versions, e.g. `['1']`; `@nestjs/swagger` appends one to the default operationId. */
  readonly versions?: readonly string[];
}

const HTTP_METHODS = new Set(['get', 'post', 'put', 'delete', 'patch', 'options', 'head', 'search', 'query']);

/**
 * The readable name for `@nestjs/swagger`'s default operationId, or undefined when the operationId is not
 * that default (an explicit `@ApiOperation({ operationId })` or an `operationIdFactory` is kept as written).
 * The default is `<Controller>_<method>`, with `[<n>]` for a path alias, `_<version>` (e.g. `_v1`) for a
 * versioned route and `_<verb>` for `@All()`; `UsersController_findAll_v1` becomes `users_find_all_v1`.
 */
export function readableDefaultName(operationId: string, source: OperationSource): string | undefined {
  const base = `${source.controller}_${source.method}`;
  if (!operationId.startsWith(base)) return undefined;
  const rest = /^(?:\[(\d+)\])?(?:_(.+))?$/.exec(operationId.slice(base.length));
  if (!rest) return undefined;
  const [, alias, suffix] = rest;
  if (suffix !== undefined && !isDefaultSuffix(suffix, source.versions ?? [])) return undefined;
  // "Controller" says nothing to a model; a class named just "Controller" keeps it rather than go empty.
  const stem = source.controller.replace(/(?<=.)Controller$/, '');
  return [snakeCase(stem), snakeCase(source.method), alias, suffix && snakeCase(suffix)]
    .filter((part) => part !== undefined && part !== '')
    .join('_');
}

/** A version (with whatever URI prefix, e.g. `v1` for version `1`) or an `@All()` route's HTTP verb. */
function isDefaultSuffix(suffix: string, versions: readonly string[]): boolean {
  return HTTP_METHODS.has(suffix) || versions.some((version) => version !== '' && suffix.endsWith(version));
}

/**
 * `findAll` → `find_all`, `HTTPStatus` → `http_status`, `getV2Items` → `get_v2_items`: words split at case
 * changes, runs of other characters become one `_`, all lower case (dots, as in version `2.0`, are kept).
 */
export function snakeCase(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9.]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
}
