import { McpConfigurationError } from '../mcp.errors.js';
import { applyFilters, validateFilters, type FilterCandidate } from './filters.js';

const tool = (name: string, tags: string[] = [], operationId?: string): FilterCandidate => ({
  names: operationId ? [name, operationId] : [name],
  tags,
});

const candidates = [
  tool('get_item', ['items']),
  tool('list_items', ['items']),
  tool('item_stats', ['admin']),
  tool('ping'),
  tool('Items_List', ['items'], 'Items/List'),
];
const names = (selected: FilterCandidate[]) => selected.map((candidate) => candidate.names[0]);

describe('applyFilters', () => {
  it('selects everything without filters', () => {
    expect(names(applyFilters(candidates, {}).selected)).toEqual(names(candidates));
  });

  it('selects by tool name or by the operationId it came from', () => {
    const { selected, unknown } = applyFilters(candidates, { includeOperations: ['ping', 'Items/List'] });
    expect(names(selected)).toEqual(['ping', 'Items_List']);
    expect(unknown).toEqual([]);
  });

  it('unites the operation and the tag selections', () => {
    expect(
      names(applyFilters(candidates, { includeOperations: ['ping'], includeTags: ['admin'] }).selected),
    ).toEqual(['item_stats', 'ping']);
  });

  it('keeps untagged tools out of include tags and in under exclude tags', () => {
    expect(names(applyFilters(candidates, { includeTags: ['items'] }).selected)).not.toContain('ping');
    expect(names(applyFilters(candidates, { excludeTags: ['items'] }).selected)).toEqual([
      'item_stats',
      'ping',
    ]);
  });

  it('treats include [] as nothing and exclude [] as everything', () => {
    expect(applyFilters(candidates, { includeTags: [] }).selected).toEqual([]);
    expect(applyFilters(candidates, { excludeOperations: [] }).selected).toHaveLength(candidates.length);
  });

  it('reports the names and tags that match nothing', () => {
    const { unknown } = applyFilters(candidates, {
      excludeOperations: ['nope'],
      includeTags: ['items', 'ghost'],
    });
    expect(unknown).toEqual(['operation "nope"', 'tag "ghost"']);
  });
});

describe('validateFilters', () => {
  it('refuses an include and an exclude of the same kind', () => {
    expect(() => validateFilters({ includeOperations: ['a'], excludeOperations: ['b'] })).toThrow(
      McpConfigurationError,
    );
    expect(() => validateFilters({ includeOperations: ['a'], excludeTags: ['b'] })).not.toThrow();
  });

  it('refuses a filter that is not a list of strings', () => {
    expect(() => validateFilters({ includeTags: 'items' as unknown as string[] })).toThrow(
      'McpModule option "includeTags" must be an array of strings.',
    );
  });
});
