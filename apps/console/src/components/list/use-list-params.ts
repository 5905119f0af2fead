import type { ListQuery } from '@dvp/api';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/** Rows per server page: the BFF's maximum, so 10,000 objects are 20 requests at most. */
export const PAGE_SIZE = 500;

/** A list's text and label filter, phase facet and sort, kept in the URL (deep links survive). */
export interface ResourceListParams {
  q: string;
  labels: string;
  phases: string[];
  /** `name`, `-age`, … */
  sort: string;
}

const KEYS = { q: 'q', labels: 'labels', phases: 'phase', sort: 'sort' } as const;
const csv = (v: string | null) => (v ? v.split(',').filter(Boolean) : []);

/** The list query of the params (empty filters left out, so equal filters share a cache key). */
export function resourceListQuery(p: ResourceListParams): ListQuery {
  const query: ListQuery = { limit: PAGE_SIZE };
  if (p.q.trim()) query.q = p.q.trim();
  if (p.labels.trim()) query.labelSelector = p.labels.trim();
  if (p.phases.length) query.phase = p.phases.join(',');
  if (p.sort && p.sort !== 'name') query.sort = p.sort;
  return query;
}

/**
 * Reads and writes the list params in the URL search params; writes replace the history entry
 * (typing is not navigation). Other search params (an open dialog's, say) are left alone.
 */
export function useResourceListParams(): [
  ResourceListParams,
  (patch: Partial<ResourceListParams>) => void,
] {
  const [search, setSearch] = useSearchParams();
  const params = useMemo<ResourceListParams>(
    () => ({
      q: search.get(KEYS.q) ?? '',
      labels: search.get(KEYS.labels) ?? '',
      phases: csv(search.get(KEYS.phases)),
      sort: search.get(KEYS.sort) ?? 'name',
    }),
    [search],
  );
  const update = useCallback(
    (patch: Partial<ResourceListParams>) =>
      setSearch(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch) as [
            keyof ResourceListParams,
            string | string[],
          ][]) {
            const value = Array.isArray(v) ? v.join(',') : v;
            if (value === '' || (k === 'sort' && value === 'name')) next.delete(KEYS[k]);
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
