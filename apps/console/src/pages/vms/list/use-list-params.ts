import { VM_SORT_KEYS, type ListQuery, type VmSortKey } from '@dvp/api';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/** Rows per server page: the BFF's maximum, so 10,000 VMs are 20 requests at most. */
export const PAGE_SIZE = 500;

/** The list's filters and sort, all kept in the URL search params (deep links survive reloads). */
export interface ListParams {
  q: string;
  labels: string;
  phases: string[];
  nodes: string[];
  /** `name`, `-age`, … */
  sort: string;
}

const csv = (v: string | null) => (v ? v.split(',').filter(Boolean) : []);

export function parseSort(sort: string): { key: VmSortKey; desc: boolean } {
  const desc = sort.startsWith('-');
  const key = sort.replace(/^-/, '') as VmSortKey;
  return VM_SORT_KEYS.includes(key) ? { key, desc } : { key: 'name', desc: false };
}

/** The vmList query of the params (empty filters left out, so equal filters share a cache key). */
export function listQuery(p: ListParams): ListQuery {
  const query: ListQuery = { limit: PAGE_SIZE };
  if (p.q.trim()) query.q = p.q.trim();
  if (p.labels.trim()) query.labelSelector = p.labels.trim();
  if (p.phases.length) query.phase = p.phases.join(',');
  if (p.nodes.length) query.node = p.nodes.join(',');
  if (p.sort && p.sort !== 'name') query.sort = p.sort;
  return query;
}

const KEYS = { q: 'q', labels: 'labels', phases: 'phase', nodes: 'node', sort: 'sort' } as const;

/** Reads and writes the list params; writes replace the history entry (typing is not navigation). */
export function useListParams(): [ListParams, (patch: Partial<ListParams>) => void] {
  const [search, setSearch] = useSearchParams();
  const params = useMemo<ListParams>(
    () => ({
      q: search.get(KEYS.q) ?? '',
      labels: search.get(KEYS.labels) ?? '',
      phases: csv(search.get(KEYS.phases)),
      nodes: csv(search.get(KEYS.nodes)),
      sort: search.get(KEYS.sort) ?? 'name',
    }),
    [search],
  );
  const update = useCallback(
    (patch: Partial<ListParams>) =>
      setSearch(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch) as [keyof ListParams, string | string[]][]) {
            const value = Array.isArray(v) ? v.join(',') : v;
            const empty = value === '' || (k === 'sort' && value === 'name');
            if (empty) next.delete(KEYS[k]);
            else next.set(KEYS[k], value);
          }
          return next;
        },
        { replace: true },
      ),
    [setSearch],
  );
  return [params, update];
}
