import { McpConfigurationError } from '../mcp.errors.js';

/**
 * Which tools a server offers, by tool name or operationId (either selects the tool) and by Swagger
 * tag. FastAPI-MCP's rules: an include list and an exclude list of the same kind cannot be combined; the
 * operation filter and the tag filter each select a set of tools and the server offers their union;
 * `include*: []` selects nothing, `exclude*: []` everything; an untagged tool never matches an include
 * tag and always survives an exclude tag.
 */
export interface ToolFilterOptions {
  /** Only these tools (by name). */
  includeOperations?: string[];
  /** Every tool except these (by name). */
  excludeOperations?: string[];
  /** Only tools with at least one of these Swagger tags. */
  includeTags?: string[];
  /** Every tool except those with one of these Swagger tags. */
  excludeTags?: string[];
}

/** What a filter sees of a tool: its name and its operationId (either selects it), and its tags. */
export interface FilterCandidate {
  readonly names: readonly string[];
  readonly tags: readonly string[];
}

const FILTER_KEYS = ['includeOperations', 'excludeOperations', 'includeTags', 'excludeTags'] as const;

/** Rejects filter options that cannot be honoured, naming the options and the fix. */
export function validateFilters(filters: ToolFilterOptions): void {
  for (const key of FILTER_KEYS) {
    const list = filters[key];
    if (list !== undefined && (!Array.isArray(list) || list.some((item) => typeof item !== 'string'))) {
      throw new McpConfigurationError(`McpModule option "${key}" must be an array of strings.`);
    }
  }
  for (const [include, exclude] of [
    ['includeOperations', 'excludeOperations'],
    ['includeTags', 'excludeTags'],
  ] as const) {
    if (filters[include] && filters[exclude]) {
      throw new McpConfigurationError(
        `McpModule options "${include}" and "${exclude}" cannot be used together: keep one of them.`,
      );
    }
  }
}

/** True when any filter option is set. */
export function hasFilters(filters: ToolFilterOptions): boolean {
  return FILTER_KEYS.some((key) => filters[key] !== undefined);
}

/** The candidates the filters select, and the filter entries that matched no candidate. */
export function applyFilters<T extends FilterCandidate>(
  candidates: readonly T[],
  filters: ToolFilterOptions,
): { selected: T[]; unknown: string[] } {
  if (!hasFilters(filters)) return { selected: [...candidates], unknown: [] };
  const byOperation = operationSelection(filters);
  const byTag = tagSelection(filters);
  const selected = candidates.filter((candidate) => byOperation(candidate) || byTag(candidate));
  return { selected, unknown: unknownEntries(candidates, filters) };
}

type Selection = (candidate: FilterCandidate) => boolean;

function operationSelection(filters: ToolFilterOptions): Selection {
  if (filters.includeOperations) {
    const names = new Set(filters.includeOperations);
    return (candidate) => candidate.names.some((name) => names.has(name));
  }
  if (filters.excludeOperations) {
    const names = new Set(filters.excludeOperations);
    return (candidate) => !candidate.names.some((name) => names.has(name));
  }
  return () => false;
}

function tagSelection(filters: ToolFilterOptions): Selection {
  if (filters.includeTags) {
    const tags = new Set(filters.includeTags);
    return (candidate) => candidate.tags.some((tag) => tags.has(tag));
  }
  if (filters.excludeTags) {
    const tags = new Set(filters.excludeTags);
    return (candidate) => !candidate.tags.some((tag) => tags.has(tag));
  }
  return () => false;
}

function unknownEntries(candidates: readonly FilterCandidate[], filters: ToolFilterOptions): string[] {
  const names = new Set(candidates.flatMap((candidate) => candidate.names));
  const tags = new Set(candidates.flatMap((candidate) => candidate.tags));
  const operations = [...(filters.includeOperations ?? []), ...(filters.excludeOperations ?? [])];
  const tagEntries = [...(filters.includeTags ?? []), ...(filters.excludeTags ?? [])];
  return [
    ...operations.filter((name) => !names.has(name)).map((name) => `operation "${name}"`),
    ...tagEntries.filter((tag) => !tags.has(tag)).map((tag) => `tag "${tag}"`),
  ];
}
