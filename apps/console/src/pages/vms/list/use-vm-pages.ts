import type { ListPage, ListQuery, VmRow } from '@dvp/api';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { api } from '../../../api/client.ts';
import { q } from '../../../api/query.ts';

/**
 * The VM list as a chain of server pages, each its own plain `useQuery` keyed
 * `['vmList', {namespace}, {...filters, continue}]`.
 *
 * Why not `useInfiniteQuery`: its cache entry holds `{pages: ListPage[]}`, which the stream
 * reducer (`watch-reducer.ts`, matching keys by `[name, params]` and treating the data as one
 * `ListPage`) cannot update. With one `ListPage` per query, every loaded page gets MODIFIED rows
 * replaced in place, DELETED rows removed and operations attached by the existing reducer, and
 * an ADDED VM refetches the pages of the topic. The BFF's `continue` token encodes the last
 * item's sort key (not an offset), so a refetched later page still starts in the right place;
 * rows are deduplicated by uid in case a boundary item moved between pages.
 */
export function useVmPages(namespace: string, query: ListQuery) {
  const queryId = JSON.stringify(query);
  const [tokens, setTokens] = useState<{ id: string; list: string[] }>({ id: queryId, list: [] });
  // New filters or sort start again from the first page (state reset during render).
  const list = tokens.id === queryId ? tokens.list : [];
  if (tokens.id !== queryId) setTokens({ id: queryId, list: [] });

  const first = useQuery({
    ...q(api.vmList, { namespace }, query),
    // The previous filter's rows stay on screen until the new ones arrive (no flash to empty).
    placeholderData: keepPreviousData,
  });
  const more = useQueries({
    queries: list.map((token) => q(api.vmList, { namespace }, { ...query, continue: token })),
    combine: combinePages,
  });
  const moreData = more.data;
  const rows = useMemo(() => rowsOf([first.data, ...moreData]), [first.data, moreData]);

  const last = moreData.length > 0 ? moreData[moreData.length - 1] : first.data;
  const nextToken = last?.continue;
  const fetchingMore = more.fetching;
  const hasMore = !!nextToken && !first.isPlaceholderData;
  const loadMore = useCallback(() => {
    if (!nextToken) return;
    setTokens((t) =>
      t.id === queryId && !t.list.includes(nextToken) ? { ...t, list: [...t.list, nextToken] } : t,
    );
  }, [nextToken, queryId]);

  return {
    rows,
    first,
    total: first.data?.total ?? 0,
    facets: first.data?.facets,
    hasMore,
    fetchingMore,
    loadMore,
    moreError: more.error,
  };
}

/** The pages' rows, deduplicated by uid. */
function rowsOf(pages: (ListPage<VmRow> | undefined)[]): VmRow[] {
  const seen = new Set<string>();
  const rows: VmRow[] = [];
  for (const page of pages) {
    for (const r of page?.items ?? []) {
      if (seen.has(r.uid)) continue;
      seen.add(r.uid);
      rows.push(r);
    }
  }
  return rows;
}

/** Stable (module-level), so useQueries keeps the combined array while no page changed. */
function combinePages(
  results: { data?: ListPage<VmRow> | undefined; isFetching: boolean; error: unknown }[],
) {
  return {
    data: results.map((r) => r.data),
    fetching: results.some((r) => r.isFetching && !r.data),
    error: results.find((r) => r.error)?.error ?? null,
  };
}
