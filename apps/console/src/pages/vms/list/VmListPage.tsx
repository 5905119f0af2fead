import type { VmRow } from '@dvp/api';
import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { errorText } from '../../../api/error-text.ts';
import { toApiError } from '../../../api/errors.ts';
import { useCan } from '../../../api/session.tsx';
import { useWatch } from '../../../api/watch.ts';
import { rememberProject } from '../../../app/HomeRedirect.tsx';
import { paths } from '../../../app/paths.ts';
import { useDocumentTitle } from '../../../app/title.ts';
import { useT } from '../../../i18n/i18n.tsx';
import { Button } from '../../../ui/Button.tsx';
import { BulkActions } from './BulkActions.tsx';
import { listQuery, useListParams } from './use-list-params.ts';
import { useVmPages } from './use-vm-pages.ts';
import { VmListFilters } from './VmListFilters.tsx';
import { VmTable } from './VmTable.tsx';
import './vm-list.css';

// Loading the next page (while scrolling) re-renders the page: the filters and the bulk toolbar
// only when their own props change.
const Filters = memo(VmListFilters);
const Bulk = memo(BulkActions);
const NO_ROWS: VmRow[] = [];

/** Virtualization → Virtual Machines: the project's VMs, live, filtered and sorted server-side. */
export function VmListPage({ project }: { project: string }) {
  const t = useT();
  const navigate = useNavigate();
  const [params, update] = useListParams();
  const query = useMemo(() => listQuery(params), [params]);
  const list = useVmPages(project, query);
  const canCreate = useCan('create', 'virtualmachines', project);
  useWatch(`virtualmachines/${project}`);
  useWatch(`virtualmachineoperations/${project}`);
  useEffect(() => rememberProject(project), [project]);
  useDocumentTitle(t('vm-list.title'), project);

  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const onSelect = useCallback(
    (uid: string, on: boolean) =>
      setSelected((s) => {
        const next = new Set(s);
        if (on) next.add(uid);
        else next.delete(uid);
        return next;
      }),
    [],
  );
  const { rows } = list;
  const onSelectAll = useCallback(
    (on: boolean) => setSelected(on ? new Set(rows.map((r) => r.uid)) : new Set()),
    [rows],
  );
  const selectedRows = useMemo(
    () => (selected.size === 0 ? NO_ROWS : rows.filter((r) => selected.has(r.uid))),
    [rows, selected],
  );
  const clearSelection = useCallback(() => setSelected(new Set()), []);
  const onSort = useCallback((sort: string) => update({ sort }), [update]);
  const { hasMore, fetchingMore, loadMore } = list;
  const onNearEnd = useCallback(() => {
    if (hasMore && !fetchingMore) loadMore();
  }, [hasMore, fetchingMore, loadMore]);

  // A bad label selector is the user's input: shown under the field, not as a page error. The
  // BFF names the field (a `labelSelector` cause on kube's 400 BadRequest); a bare 400 while a
  // selector is set is taken as the same (the cluster's own answer has no causes).
  const err = list.first.error ? toApiError(list.first.error) : null;
  const selectorCause = err?.causes.find((c) => c.field === 'labelSelector');
  const selectorError =
    selectorCause?.message ??
    (err && params.labels && err.code === 400 && err.causes.length === 0 ? err.message : undefined);
  const filtered =
    !!params.q || !!params.labels || params.phases.length > 0 || params.nodes.length > 0;
  const data = list.first.data;

  return (
    <section aria-labelledby="vm-list-title" className="vm-list">
      <header className="vm-list-header">
        <h1 id="vm-list-title">{t('vm-list.title')}</h1>
        <Button
          variant="primary"
          disabledReason={canCreate.allowed ? undefined : t(canCreate.reason ?? 'common.forbidden')}
          onClick={() => void navigate(paths.vmCreate(project))}
        >
          {t('vm-list.create')}
        </Button>
      </header>
      <Filters
        params={params}
        update={update}
        facets={data?.facets}
        selectorError={selectorError}
      />
      <Bulk project={project} selected={selectedRows} onClear={clearSelection} />
      {err && !selectorError ? (
        <p role="alert" className="banner banner-danger">
          {t('vm-list.error', { message: errorText(t, err) })}
        </p>
      ) : null}
      {!data && list.first.isPending ? <Skeleton /> : null}
      {data && data.total === 0 ? (
        <p className="vm-empty">{t(filtered ? 'vm-list.emptyFiltered' : 'vm-list.empty')}</p>
      ) : null}
      {data && data.total > 0 ? (
        <>
          <p className="vm-count" aria-live="polite">
            {t('vm-list.count', { shown: rows.length, total: list.total })}
          </p>
          <VmTable
            project={project}
            rows={rows}
            total={list.total}
            sort={params.sort}
            onSort={onSort}
            selected={selected}
            onSelect={onSelect}
            onSelectAll={onSelectAll}
            onNearEnd={onNearEnd}
          />
          {list.moreError ? (
            <p role="alert" className="banner banner-danger">
              {errorText(t, list.moreError)}
            </p>
          ) : null}
          {hasMore ? (
            <Button loading={fetchingMore} onClick={loadMore}>
              {fetchingMore ? t('vm-list.loadingMore') : t('vm-list.loadMore')}
            </Button>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function Skeleton() {
  const t = useT();
  return (
    <div className="vm-skeleton" role="status">
      <span className="visually-hidden">{t('common.loading')}</span>
      {Array.from({ length: 8 }, (_, i) => (
        <div key={i} className="vm-skeleton-row" aria-hidden="true" />
      ))}
    </div>
  );
}
