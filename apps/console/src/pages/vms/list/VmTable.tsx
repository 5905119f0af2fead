import type { VmRow, VmSortKey } from '@dvp/api';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { paths } from '../../../app/paths.ts';
import { PhaseBadge } from '../../../components/PhaseBadge.tsx';
import {
  useVmActionRights,
  VmActionsMenuFor,
  type VmActionRights,
} from '../../../components/vm/VmActionsMenu.tsx';
import { runningOperation } from '../../../components/vm/vm-actions.ts';
import { formatAge, formatQuantity } from '../../../i18n/format.ts';
import { useI18n, type MessageKey, type Translate } from '../../../i18n/i18n.tsx';
import type { Locale } from '../../../i18n/messages/index.ts';
import { parseSort } from './use-list-params.ts';

/** Fixed row height (px): the virtualizer never measures, so scrolling does no layout reads. */
export const ROW_HEIGHT = 36;
const estimateSize = () => ROW_HEIGHT;
/** Rows rendered beyond the viewport on each side. */
const OVERSCAN = 12;

interface Column {
  id: string;
  label: MessageKey;
  sort?: VmSortKey;
}

const COLUMNS: Column[] = [
  { id: 'name', label: 'vm-list.col.name', sort: 'name' },
  { id: 'phase', label: 'vm-list.col.phase', sort: 'phase' },
  { id: 'cores', label: 'vm-list.col.cores', sort: 'cores' },
  { id: 'coreFraction', label: 'vm-list.col.coreFraction' },
  { id: 'memory', label: 'vm-list.col.memory', sort: 'memory' },
  { id: 'needRestart', label: 'vm-list.col.needRestart' },
  { id: 'agent', label: 'vm-list.col.agent' },
  { id: 'migratable', label: 'vm-list.col.migratable' },
  { id: 'node', label: 'vm-list.col.node', sort: 'node' },
  { id: 'ipAddress', label: 'vm-list.col.ipAddress', sort: 'ipAddress' },
  { id: 'age', label: 'vm-list.col.age', sort: 'age' },
];

export interface VmTableProps {
  project: string;
  rows: VmRow[];
  total: number;
  sort: string;
  onSort: (sort: string) => void;
  selected: ReadonlySet<string>;
  onSelect: (uid: string, on: boolean) => void;
  onSelectAll: (on: boolean) => void;
  /** Called when the user scrolls near the end of the loaded rows. */
  onNearEnd: () => void;
}

/**
 * The VM table: a real `<table>` whose tbody is virtualized with spacer rows, so at most the
 * viewport plus overscan (< 150 rows) is in the DOM at 10,000 VMs. Rows are keyed by uid, so
 * live updates replace rows in place. `aria-rowcount`/`aria-rowindex` tell assistive tech the
 * full size; ArrowUp/ArrowDown move focus between rows (scrolling them into view).
 */
export function VmTable(props: VmTableProps) {
  const { t, locale } = useI18n();
  const { project, rows, total, selected } = props;
  // RBAC once for the table, not three cache subscriptions per row mounted while scrolling.
  const rights = useVmActionRights(project);
  const scrollRef = useRef<HTMLDivElement>(null);
  // Stable per rows: the virtualizer recomputes all 10,000 offsets when getItemKey changes, which
  // on every scroll frame was the list's main cost.
  const getItemKey = useCallback((i: number) => rows[i]?.uid ?? i, [rows]);
  // The virtualizer returns fresh values on every scroll; the compiler must not memoize it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    overscan: OVERSCAN,
    getItemKey,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? 0;
  const { onNearEnd } = props;
  useEffect(() => {
    if (rows.length > 0 && lastIndex >= rows.length - OVERSCAN * 4) onNearEnd();
  }, [lastIndex, rows.length, onNearEnd]);

  const padTop = items[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  const { key: sortKey, desc } = parseSort(props.sort);
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.uid));

  /** ArrowUp/Down: focus the same control in the neighbouring row, scrolling it into view. */
  const rowCount = rows.length;
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
      const target = e.target as HTMLElement;
      if (!target.closest('tbody')) return;
      if (target.closest('[role="menu"]')) return;
      const tr = target.closest<HTMLElement>('tr[data-index]');
      if (!tr) return;
      e.preventDefault();
      const index = Number(tr.dataset.index) + (e.key === 'ArrowDown' ? 1 : -1);
      if (index < 0 || index >= rowCount) return;
      const col = target.closest('td')?.cellIndex ?? 1;
      virtualizer.scrollToIndex(index, { align: 'auto' });
      requestAnimationFrame(() => {
        const next = scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${index}"]`);
        const cell = next?.querySelector<HTMLElement>(`td:nth-child(${col + 1})`);
        cell?.querySelector<HTMLElement>('a, button, input')?.focus();
      });
    };
    el.addEventListener('keydown', onKeyDown);
    return () => el.removeEventListener('keydown', onKeyDown);
  }, [rowCount, virtualizer]);

  return (
    <div ref={scrollRef} className="vm-table-scroll">
      <table
        className="table vm-table"
        aria-rowcount={total + 1}
        aria-label={t('vm-list.table', { project })}
      >
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col" className="vm-col-select">
              <input
                type="checkbox"
                aria-label={t('vm-list.selectAll')}
                checked={allSelected}
                onChange={(e) => props.onSelectAll(e.target.checked)}
              />
            </th>
            {COLUMNS.map((c) => {
              const active = c.sort === sortKey;
              return (
                <th
                  key={c.id}
                  scope="col"
                  aria-sort={active ? (desc ? 'descending' : 'ascending') : undefined}
                >
                  {c.sort ? (
                    <button
                      type="button"
                      className="vm-sort"
                      onClick={() => props.onSort(active && !desc ? `-${c.sort}` : (c.sort ?? ''))}
                    >
                      {t(c.label)}
                      <span aria-hidden="true">{active ? (desc ? ' ▼' : ' ▲') : ''}</span>
                    </button>
                  ) : (
                    t(c.label)
                  )}
                </th>
              );
            })}
            <th scope="col">
              <span className="visually-hidden">{t('vm-list.col.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {padTop > 0 ? (
            <tr aria-hidden="true" className="vm-spacer" style={{ height: padTop }} />
          ) : null}
          {items.map((v) => {
            const row = rows[v.index];
            if (!row) return null;
            return (
              <VmTableRow
                key={row.uid}
                index={v.index}
                row={row}
                project={project}
                checked={selected.has(row.uid)}
                onSelect={props.onSelect}
                rights={rights}
                t={t}
                locale={locale}
              />
            );
          })}
          {padBottom > 0 ? (
            <tr aria-hidden="true" className="vm-spacer" style={{ height: padBottom }} />
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

function flag(t: Translate, v: boolean | null): string {
  return t(v === null ? 'vm-list.bool.null' : v ? 'vm-list.bool.true' : 'vm-list.bool.false');
}

/** One row; memoized so a streamed update re-renders only the row whose object changed. */
const VmTableRow = memo(function VmTableRow({
  index,
  row,
  project,
  checked,
  onSelect,
  rights,
  t,
  locale,
}: {
  rights: VmActionRights;
  index: number;
  row: VmRow;
  project: string;
  checked: boolean;
  onSelect: (uid: string, on: boolean) => void;
  t: Translate;
  locale: Locale;
}) {
  const op = runningOperation(row);
  return (
    <tr data-index={index} aria-rowindex={index + 2}>
      <td className="vm-col-select">
        <input
          type="checkbox"
          aria-label={t('vm-list.selectRow', { name: row.name })}
          checked={checked}
          onChange={(e) => onSelect(row.uid, e.target.checked)}
        />
      </td>
      <td className="vm-col-name">
        <Link to={paths.vm(project, row.name)}>{row.name}</Link>
      </td>
      <td>
        <PhaseBadge phase={row.phase} />
        {op ? (
          <span className="vm-op">{t('vm-list.op.phase', { type: op.type, phase: op.phase })}</span>
        ) : null}
      </td>
      <td>{row.cores ?? '—'}</td>
      <td>{row.coreFraction ?? '—'}</td>
      <td>{formatQuantity(locale, row.memory)}</td>
      <td>{flag(t, row.needRestart)}</td>
      <td>{flag(t, row.agent)}</td>
      <td>{flag(t, row.migratable)}</td>
      <td>{row.node ?? '—'}</td>
      <td>{row.ipAddress ?? '—'}</td>
      <td>{formatAge(locale, row.creationTimestamp)}</td>
      <td className="vm-col-actions">
        <VmActionsMenuFor vm={row} rights={rights} />
      </td>
    </tr>
  );
});
