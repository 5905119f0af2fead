import type { ClusterResource, GenericResource, KubeObject } from '@dvp/api';
import { useCallback, useMemo, type ReactNode } from 'react';
import { errorText } from '../../api/error-text.ts';
import { toApiError } from '../../api/errors.ts';
import { useT } from '../../i18n/i18n.tsx';
import { Button } from '../../ui/Button.tsx';
import { VirtualTable, type Column, type RowSelection } from '../table/VirtualTable.tsx';
import { ListFilters } from './ListFilters.tsx';
import { resourceListQuery, useResourceListParams } from './use-list-params.ts';
import { useResourcePages } from './use-resource-pages.ts';
import './list.css';

export interface ResourceListProps {
  resource: GenericResource | ClusterResource;
  /** The project (namespaced kinds); absent for cluster kinds. */
  namespace?: string | undefined;
  /** The page heading. */
  title: string;
  /** The table's accessible name ("Disks in demo"). */
  tableLabel: string;
  /** Stable (memoize on `t`/`locale`): a new array re-renders every row. */
  columns: Column<KubeObject>[];
  /** Buttons in the header (Create …). */
  actions?: ReactNode;
  /** Shown above the filters (an explanation, a warning). */
  intro?: ReactNode;
  /** Shown when the kind has no objects at all. */
  emptyText: string;
  /** Which filters apply (all by default). */
  filters?: { labels?: boolean; phase?: boolean; searchLabel?: string };
  selection?: RowSelection<KubeObject>;
  /** Dialogs and panels rendered after the table. */
  children?: ReactNode;
}

const keyOf = (o: KubeObject) => o.metadata.uid ?? o.metadata.name ?? '';

/**
 * A list page of one kind: heading with actions, filters and sort in the URL, a count, and a
 * virtualized, live, server-paged table that stays smooth at 10,000 objects.
 */
export function ResourceList(props: ResourceListProps) {
  const t = useT();
  const [params, update] = useResourceListParams();
  const query = useMemo(() => resourceListQuery(params), [params]);
  const list = useResourcePages(props.resource, props.namespace, query);
  const { hasMore, fetchingMore, loadMore } = list;
  const onNearEnd = useCallback(() => {
    if (hasMore && !fetchingMore) loadMore();
  }, [hasMore, fetchingMore, loadMore]);
  const onSort = useCallback((sort: string) => update({ sort }), [update]);

  // A bad label selector is the user's input: shown under the field, not as a page error.
  const err = list.first.error ? toApiError(list.first.error) : null;
  const selectorError =
    err && params.labels && (err.code === 400 || err.code === 422)
      ? (err.causes[0]?.message ?? err.message)
      : undefined;
  const filtered = !!params.q || !!params.labels || params.phases.length > 0;
  const data = list.data;

  return (
    <section aria-labelledby="rl-title" className="rl">
      <header className="rl-header">
        <h1 id="rl-title">{props.title}</h1>
        {props.actions ? <div className="rl-actions">{props.actions}</div> : null}
      </header>
      {props.intro}
      <ListFilters
        params={params}
        update={update}
        facets={list.facets}
        selectorError={selectorError}
        searchLabel={props.filters?.searchLabel}
        labels={props.filters?.labels ?? true}
        phase={props.filters?.phase ?? true}
      />
      {err && !selectorError ? (
        <p role="alert" className="banner banner-danger">
          {t('list.error', { message: errorText(t, err) })}
        </p>
      ) : null}
      {!data && list.first.isPending && !err ? (
        <p role="status" className="rl-loading">
          {t('common.loading')}
        </p>
      ) : null}
      {data && data.total === 0 ? (
        <p className="rl-empty">{filtered ? t('list.emptyFiltered') : props.emptyText}</p>
      ) : null}
      {data && data.total > 0 ? (
        <>
          <p className="rl-count" aria-live="polite">
            {t('list.count', { shown: list.rows.length, total: list.total })}
          </p>
          <VirtualTable
            label={props.tableLabel}
            rows={list.rows}
            total={list.total}
            columns={props.columns}
            rowKey={keyOf}
            sort={params.sort}
            onSort={onSort}
            selection={props.selection}
            onNearEnd={onNearEnd}
          />
          {list.moreError ? (
            <p role="alert" className="banner banner-danger">
              {errorText(t, list.moreError)}
            </p>
          ) : null}
          {hasMore ? (
            <Button loading={fetchingMore} onClick={loadMore}>
              {fetchingMore ? t('list.loadingMore') : t('list.loadMore')}
            </Button>
          ) : null}
        </>
      ) : null}
      {props.children}
    </section>
  );
}
