import type { Endpoint, ListPage, ListQuery, ParamsOf, QueryOf } from '@dvp/api';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { q } from './query.ts';

/** A list endpoint: GET with a `ListQuery` and a `ListPage` answer. */
type ListEndpoint<T> = Endpoint<string, unknown, ListQuery, unknown, ListPage<T>>;

/**
 * A server-paged list as a chain of pages, each its own plain `useQuery` keyed
 * `[endpoint, params, {...query, continue}]`.
 *
 * Why not `useInfiniteQuery`: its cache entry holds `{pages: ListPage[]}`, which the stream
 * reducer (`watch-reducer.ts`, matching keys by `[name, params]` and treating the data as one
 * `ListPage`) cannot update. With one `ListPage` per query, every loaded page gets MODIFIED rows
 * replaced in place and DELETED rows removed by the existing reducer, and an ADDED object
 * refetches the pages of its topic. The BFF's `continue` token encodes the last item's sort key
 * (not an offset), so a refetched later page still starts in the right place; rows are
 * deduplicated by `uidOf` in case a boundary item moved between pages.
 */
export function usePages<T, E extends ListEndpoint<T>>(
  endpoint: E,
  params: ParamsOf<E>,
  query: ListQuery,
  uidOf: (item: T) => string | undefined,
  options: { enabled?: boolean } = {},
) {
  const enabled = options.enabled ?? true;
  const queryId = JSON.stringify([params, query]);
  const [tokens, setTokens] = useState<{ id: string; list: string[] }>({ id: queryId, list: [] });
  // New filters or sort start again from the first page (state reset during render).
  const list = tokens.id === queryId ? tokens.list : [];
  if (tokens.id !== queryId) setTokens({ id: queryId, list: [] });

  const first = useQuery({
    ...q(endpoint, params, query as QueryOf<E>),
    // The previous filter's rows stay on screen until the new ones arrive (no flash to empty).
    placeholderData: keepPreviousData,
    enabled,
  });
  const more = useQueries({
    queries: list.map((token) => ({
      ...q(endpoint, params, { ...query, continue: token } as QueryOf<E>),
      enabled,
    })),
    combine: combinePages,
  });
  const moreData = more.data as (ListPage<T> | undefined)[];
  const firstData = first.data as ListPage<T> | undefined;
  const rows = useMemo(() => rowsOf([firstData, ...moreData], uidOf), [firstData, moreData, uidOf]);

  const last = moreData.length > 0 ? moreData[moreData.length - 1] : firstData;
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
    data: firstData,
    total: firstData?.total ?? 0,
    facets: firstData?.facets,
    hasMore,
    fetchingMore,
    loadMore,
    moreError: more.error,
  };
}

/** The pages' rows, deduplicated by uid. */
function rowsOf<T>(pages: (ListPage<T> | undefined)[], uidOf: (t: T) => string | undefined): T[] {
  const seen = new Set<string>();
  const rows: T[] = [];
  for (const page of pages) {
    for (const r of page?.items ?? []) {
      const uid = uidOf(r);
      if (uid !== undefined) {
        if (seen.has(uid)) continue;
        seen.add(uid);
      }
      rows.push(r);
    }
  }
  return rows;
}

/** Stable (module-level), so useQueries keeps the combined array while no page changed. */
function combinePages(results: { data?: unknown; isFetching: boolean; error: unknown }[]) {
  return {
    data: results.map((r) => r.data),
    fetching: results.some((r) => r.isFetching && !r.data),
    error: results.find((r) => r.error)?.error ?? null,
  };
}
