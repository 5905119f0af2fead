import type { VmSortKey } from '@dvp/api';
import { memo } from 'react';
import type { MessageKey, Translate } from '../../../i18n/i18n.tsx';

export interface Column {
  id: string;
  label: MessageKey;
  sort?: VmSortKey;
}

/** The data columns, between the selection checkbox and the actions (widths: vm-list.css). */
export const COLUMNS: Column[] = [
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

/**
 * The header row: select-all, the sortable column buttons (`aria-sort` on the active one) and
 * the actions column. Memoized: the table re-renders on every scroll frame, the header only when
 * the sort, the selection or the locale changes.
 */
export const VmTableHead = memo(function VmTableHead({
  sortKey,
  desc,
  allSelected,
  onSort,
  onSelectAll,
  t,
}: {
  sortKey: VmSortKey;
  desc: boolean;
  allSelected: boolean;
  onSort: (sort: string) => void;
  onSelectAll: (on: boolean) => void;
  t: Translate;
}) {
  return (
    <thead>
      <tr aria-rowindex={1}>
        <th scope="col" className="vm-col-select">
          <input
            type="checkbox"
            aria-label={t('vm-list.selectAll')}
            checked={allSelected}
            onChange={(e) => onSelectAll(e.target.checked)}
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
                  onClick={() => onSort(active && !desc ? `-${c.sort}` : (c.sort ?? ''))}
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
  );
});
